#include "dialects/postgresql/pg_objects_introspect.h"

#include "dialects/postgresql/pg_normalize.h"
#include "dialects/postgresql/pg_quoting.h"
#include "schema/column_type.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

#include <limits>

namespace migratecpp::dialects::postgresql {

namespace {

constexpr std::string_view k_schema = "coalesce(nullif($1, ''), current_schema())";

// A base or sequence type as the model writes it ("character varying(10)" -> varchar(10)).
std::string model_type(const std::string& formatted) {
  return schema::ColumnType(formatted).as_canonical().declared();
}

struct TypeRange {
  std::int64_t min, max;
};
TypeRange range_of(const std::string& type) {
  if (type == "smallint") {
    return {std::numeric_limits<std::int16_t>::min(), std::numeric_limits<std::int16_t>::max()};
  }
  if (type == "integer") {
    return {std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()};
  }
  return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
}

} // namespace

std::string not_extension_member(std::string_view classid, std::string_view objid) {
  return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend ext WHERE ext.classid = '" +
         std::string(classid) + "'::regclass AND ext.objid = " + std::string(objid) +
         " AND ext.deptype = 'e')";
}

std::vector<schema::Extension> read_extensions(Connection& conn, const Params& params) {
  const Rows rows =
      conn.query("SELECT e.extname AS name, e.extversion AS version FROM pg_catalog.pg_extension e "
                 "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
                 "WHERE n.nspname = " +
                     std::string(k_schema) + " AND e.extname <> 'plpgsql' ORDER BY e.extname",
                 params);
  std::vector<schema::Extension> out;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    schema::Extension e;
    e.name = rows.text(r, "name");
    e.version = rows.get(r, "version");
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<schema::Domain> read_domains(Connection& conn, const Params& params) {
  // One row per (domain, check); a domain without checks has one row with NULL check.
  const Rows rows = conn.query(
      "SELECT t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS base_type, "
      "t.typnotnull AS not_null, t.typdefault AS default_expr, "
      "CASE WHEN t.typcollation <> bt.typcollation THEN co.collname::text END AS collation, "
      "con.conname AS check_name, pg_get_constraintdef(con.oid, true) AS check_def "
      "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
      "JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype "
      "LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation "
      "LEFT JOIN pg_catalog.pg_constraint con ON con.contypid = t.oid AND con.contype = 'c' "
      "WHERE n.nspname = " +
          std::string(k_schema) + " AND t.typtype = 'd' AND " +
          not_extension_member("pg_catalog.pg_type", "t.oid") + " ORDER BY t.typname, con.conname",
      params);
  std::vector<schema::Domain> out;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    const std::string name = rows.text(r, "name");
    if (out.empty() || out.back().name != name) {
      schema::Domain d;
      d.name = name;
      d.type = model_type(rows.text(r, "base_type"));
      d.nullable = rows.text(r, "not_null") != "t";
      if (const auto& def = rows.get(r, "default_expr")) {
        // As stored, casts included (as column defaults: ('now'::text)::date is the day of
        // each insert, 'now'::date the day the domain was made); stored_domain_defaults for
        // the comparison with a model.
        d.default_expr = util::trim(*def);
      }
      d.collation = rows.get(r, "collation");
      out.push_back(std::move(d));
    }
    if (const auto& check = rows.get(r, "check_name")) {
      out.back().checks.push_back({*check, normalize_pg_check(rows.text(r, "check_def"), {})});
    }
  }
  return out;
}

std::vector<schema::Sequence> read_sequences(Connection& conn, const Params& params) {
  // OWNED BY is an automatic ('a') dependency of the sequence on the column; an identity
  // column's sequence is an internal ('i') one and belongs to the column.
  const Rows rows = conn.query(
      "SELECT c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart AS start, "
      "s.seqincrement AS increment, s.seqmin AS min, s.seqmax AS max, s.seqcache AS cache, "
      "s.seqcycle AS cycle, oc.relname AS owner_table, oa.attname AS owner_column "
      "FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass "
      "AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass "
      "AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0 "
      "LEFT JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid "
      "LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = d.refobjid "
      "AND oa.attnum = d.refobjsubid "
      "WHERE n.nspname = " +
          std::string(k_schema) + " AND coalesce(d.deptype, 'a') <> 'i' AND " +
          not_extension_member("pg_catalog.pg_class", "c.oid") + " ORDER BY c.relname",
      params);
  std::vector<schema::Sequence> out;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    schema::Sequence s;
    s.name = rows.text(r, "name");
    const std::string type = model_type(rows.text(r, "type"));
    const std::int64_t start = std::stoll(rows.text(r, "start"));
    const std::int64_t increment = std::stoll(rows.text(r, "increment"));
    const std::int64_t min = std::stoll(rows.text(r, "min"));
    const std::int64_t max = std::stoll(rows.text(r, "max"));
    const std::int64_t cache = std::stoll(rows.text(r, "cache"));
    const TypeRange range = range_of(type);
    const bool ascending = increment > 0;
    if (type != "bigint") {
      s.type = type;
    }
    if (increment != 1) {
      s.increment = increment;
    }
    if (min != (ascending ? 1 : range.min)) {
      s.min = min;
    }
    if (max != (ascending ? range.max : -1)) {
      s.max = max;
    }
    if (start != (ascending ? min : max)) {
      s.start = start;
    }
    if (cache != 1) {
      s.cache = cache;
    }
    s.cycle = rows.text(r, "cycle") == "t";
    if (const auto& table = rows.get(r, "owner_table")) {
      s.owned_by = *table + "." + rows.text(r, "owner_column");
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<std::string> nextval_sequence(std::string_view default_expr,
                                            const std::string& schema) {
  const auto& syntax = k_quoting.syntax;
  const auto tokens = util::sql::tokenize(default_expr, syntax);
  // nextval ( 'name' :: regclass )
  if (tokens.size() != 6 || !util::sql::is_keyword(tokens[0], "nextval") ||
      !util::sql::is_punct(tokens[1], "(") || tokens[2].kind != util::sql::TokenKind::string ||
      !util::sql::is_punct(tokens[3], "::") || !util::sql::is_keyword(tokens[4], "regclass") ||
      !util::sql::is_punct(tokens[5], ")")) {
    return std::nullopt;
  }
  // The string holds the name as regclass reads it: bare (folded to lower case by the
  // server already) or double-quoted; a qualified one is another schema's.
  const std::string name = util::sql::string_value(tokens[2], syntax);
  const auto parts = util::sql::tokenize(name, syntax);
  if (parts.size() == 1 && util::sql::is_identifier(parts[0])) {
    return util::sql::identifier_value(parts[0]);
  }
  if (parts.size() == 3 && util::sql::is_identifier(parts[0]) &&
      util::sql::identifier_value(parts[0]) == schema && util::sql::is_punct(parts[1], ".") &&
      util::sql::is_identifier(parts[2])) {
    return util::sql::identifier_value(parts[2]);
  }
  return std::nullopt;
}

bool is_serial_sequence(const schema::Sequence& sequence, const std::string& table,
                        const std::string& column, const schema::ColumnType& type) {
  if (sequence.owned_by != table + "." + column) {
    return false;
  }
  const std::string column_type = type.as_canonical().declared();
  const std::string sequence_type = sequence.type.value_or("bigint");
  return sequence_type == column_type && !sequence.start && !sequence.increment && !sequence.min &&
         !sequence.max && !sequence.cache && !sequence.cycle;
}

} // namespace migratecpp::dialects::postgresql
