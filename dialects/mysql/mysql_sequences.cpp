#include "dialects/mysql/mysql_sequences.h"

#include "dialects/mysql/mysql_quoting.h"
#include "util/sql_lexer.h"

#include <limits>

namespace migratecpp::dialects::mysql {

namespace {

// MariaDB's defaults (CREATE SEQUENCE s with no option).
constexpr std::int64_t k_default_cache = 1000;
constexpr std::int64_t k_ascending_max = std::numeric_limits<std::int64_t>::max() - 1;
constexpr std::int64_t k_descending_min = std::numeric_limits<std::int64_t>::min() + 1;

} // namespace

std::vector<schema::Sequence> read_sequences(Connection& conn, const std::string& schema_name,
                                             const std::vector<std::string>& names) {
  if (names.empty()) {
    return {};
  }
  std::string sql;
  std::vector<std::optional<std::string>> params;
  for (const auto& name : names) {
    if (!sql.empty()) {
      sql += " UNION ALL ";
    }
    sql += "SELECT ?, start_value, minimum_value, maximum_value, increment, cache_size, "
           "cycle_option FROM " +
           quote_identifier(schema_name, k_quoting) + "." + quote_identifier(name, k_quoting);
    params.push_back(name);
  }
  const Rows rows = conn.query(sql, params);
  std::vector<schema::Sequence> out;
  for (const auto& r : rows.rows) {
    auto number = [&](std::size_t k) { return std::stoll(r[k].value_or("0")); };
    schema::Sequence s;
    s.name = r[0].value_or("");
    const std::int64_t start = number(1);
    const std::int64_t min = number(2);
    const std::int64_t max = number(3);
    const std::int64_t increment = number(4);
    const std::int64_t cache = number(5);
    const bool ascending = increment > 0;
    if (increment != 1) {
      s.increment = increment;
    }
    if (min != (ascending ? 1 : k_descending_min)) {
      s.min = min;
    }
    if (max != (ascending ? k_ascending_max : -1)) {
      s.max = max;
    }
    if (start != (ascending ? min : max)) {
      s.start = start;
    }
    if (cache != k_default_cache) {
      s.cache = cache;
    }
    s.cycle = number(6) != 0;
    out.push_back(std::move(s));
  }
  return out;
}

std::string strip_schema_qualifier(std::string_view expr, const std::string& schema_name) {
  const auto tokens = util::sql::tokenize(expr, k_quoting.syntax);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (util::sql::is_identifier(tokens[i]) &&
        util::sql::identifier_value(tokens[i]) == schema_name &&
        util::sql::is_punct(tokens[i + 1], ".") && util::sql::is_identifier(tokens[i + 2])) {
      out += expr.substr(copied, tokens[i].offset - copied);
      copied = tokens[i + 2].offset;
      ++i;
    }
  }
  return out + std::string(expr.substr(copied));
}

} // namespace migratecpp::dialects::mysql
