// Column types as MySQL spells them.
#include "dialects/mysql/mysql_dialect.h"
#include "util/strings.h"

namespace migratecpp::dialects::mysql {

namespace {

struct TypeName {
  std::string_view portable;
  std::string_view sql;
  bool keeps_args; // the portable arguments carry over
};

// Portable base name -> MySQL spelling. The choices that are not obvious:
// - boolean is TINYINT(1), what BOOLEAN means in MySQL and what the catalog shows for it;
//   introspection reads tinyint(1) back as boolean.
// - real is FLOAT (single precision; MySQL's REAL is a DOUBLE unless REAL_AS_FLOAT).
// - numeric without arguments: DECIMAL alone would be DECIMAL(10,0) and drop every fraction;
//   DECIMAL(65,30) is the widest MySQL has, and reads back as numeric.
// - timestamp is TIMESTAMP, the type the model names (UTC-stored, 1970..2038); a model that
//   wants MySQL's DATETIME says datetime. timestamptz has no MySQL counterpart: TIMESTAMP,
//   which stores UTC, is the nearest, and reads back as timestamp.
// - uuid is CHAR(36) (MariaDB 10.7 has UUID, MySQL does not: one spelling for both).
constexpr TypeName k_type_names[] = {
    {"smallint", "SMALLINT", false},  {"integer", "INT", false},
    {"bigint", "BIGINT", false},      {"boolean", "TINYINT(1)", false},
    {"real", "FLOAT", false},         {"double", "DOUBLE", false},
    {"numeric", "DECIMAL", true},     {"varchar", "VARCHAR", true},
    {"char", "CHAR", true},           {"text", "TEXT", false},
    {"date", "DATE", false},          {"time", "TIME", true},
    {"timestamp", "TIMESTAMP", true}, {"timestamptz", "TIMESTAMP", true},
    {"json", "JSON", false},          {"uuid", "CHAR(36)", false},
    {"blob", "BLOB", false},          {"datetime", "DATETIME", true},
};

} // namespace

std::string MysqlDialect::type_sql(const schema::ColumnType& type) const {
  // An integer's display width (int(3)) is no part of its meaning, so the canonical type has
  // none; but MariaDB keeps and shows it, so a model that says one gets it as written.
  if (type.family() == schema::TypeFamily::integer &&
      type.declared().find('(') != std::string::npos) {
    return util::trim(type.declared());
  }
  if (!type.has_modifiers() && !type.is_array()) {
    for (const auto& t : k_type_names) {
      if (type.base() != t.portable) {
        continue;
      }
      std::string out(t.sql);
      if (t.portable == "numeric" && type.args().empty()) {
        return "DECIMAL(65,30)";
      }
      if (t.keeps_args && !type.args().empty()) {
        out += "(" + util::join(type.args(), ",") + ")";
      }
      return out;
    }
  }
  return util::trim(type.declared());
}

std::string MysqlDialect::column_type_sql(const schema::ColumnType& type,
                                          const schema::Database& db) const {
  if (const schema::Enum* e = db.find_enum(util::trim(type.declared()))) {
    std::vector<std::string> values;
    for (const auto& v : e->values) {
      values.push_back(quote_string(v));
    }
    return "ENUM(" + util::join(values, ", ") + ")";
  }
  return type_sql(type);
}

} // namespace migratecpp::dialects::mysql
