// The stored-forms probe on MySQL / MariaDB: the server keeps a CHECK expression rewritten
// (length -> octet_length, upper -> ucase, NOT (a = 0 AND b = 0) -> a <> 0 or b <> 0, names in
// backticks, its own escapes), so a model's expression and the live one only compare through
// what the server would store for the model's. The expressions are added to a temporary copy
// of the table (CREATE TEMPORARY TABLE ... LIKE), read back from SHOW CREATE TABLE (the
// catalog does not list temporary tables; both print the same text) and the copy dropped.
// Creating and dropping a temporary table does not end a transaction; the ALTERs would, but
// the comparison runs outside one.
#include "dialects/connection.h"
#include "dialects/mysql/mysql_dialect.h"
#include "dialects/mysql/mysql_expression.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

#include <map>
#include <string>

namespace migratecpp::dialects::mysql {

namespace {

constexpr const char* k_probe = "_migratecpp_probe";
constexpr const char* k_check_prefix = "_migratecpp_c";

// CONSTRAINT `name` CHECK (expr) in SHOW CREATE TABLE's text -> name: expr, for our names.
std::map<std::string, std::string> probe_checks(const std::string& ddl) {
  using namespace util::sql;
  const std::vector<Token> tokens = tokenize(ddl, k_quoting.syntax);
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i + 3 < tokens.size(); ++i) {
    if (!is_keyword(tokens[i], "CONSTRAINT") || !is_identifier(tokens[i + 1]) ||
        !is_keyword(tokens[i + 2], "CHECK") || !is_punct(tokens[i + 3], "(")) {
      continue;
    }
    const std::size_t close = matching_paren(tokens, i + 3);
    if (close >= tokens.size() || close == i + 4) {
      continue;
    }
    const std::string name = identifier_value(tokens[i + 1]);
    if (name.rfind(k_check_prefix, 0) == 0) {
      out[name] = util::trim(std::string(span_text(ddl, tokens, i + 4, close - 1)));
    }
    i = close;
  }
  return out;
}

} // namespace

StoredForms MysqlDialect::stored_forms(Connection& conn, const schema::Table& table,
                                       const std::vector<std::string>& checks,
                                       const std::vector<std::string>& predicates,
                                       const std::vector<schema::Column>& generated) const {
  // No partial indexes here: predicates have no stored form to ask for.
  StoredForms out{std::vector<std::optional<std::string>>(checks.size()),
                  std::vector<std::optional<std::string>>(predicates.size()),
                  std::vector<std::optional<std::string>>(generated.size())};
  if (checks.empty() || table.columns.empty()) {
    return out;
  }
  const std::string probe = quote_ident(k_probe);
  conn.exec("DROP TEMPORARY TABLE IF EXISTS " + probe);
  conn.exec("CREATE TEMPORARY TABLE " + probe + " LIKE " + quote_ident(table.name));
  try {
    for (std::size_t i = 0; i < checks.size(); ++i) {
      // One ALTER each: one the server refuses (a column the change adds) leaves the others.
      try {
        conn.exec("ALTER TABLE " + probe + " ADD CONSTRAINT " +
                  quote_ident(k_check_prefix + std::to_string(i)) + " CHECK (" +
                  mysql_expression(checks[i]) + ")");
      } catch (const DatabaseError&) {
      }
    }
    const Rows shown = conn.query("SHOW CREATE TABLE " + probe);
    if (!shown.rows.empty() && shown.rows.front().size() > 1 && shown.rows.front()[1]) {
      for (const auto& [name, expression] : probe_checks(*shown.rows.front()[1])) {
        const std::size_t i = std::stoul(name.substr(std::string(k_check_prefix).size()));
        if (i < checks.size()) {
          out.checks[i] = expression;
        }
      }
    }
  } catch (...) {
    try {
      conn.exec("DROP TEMPORARY TABLE IF EXISTS " + probe);
    } catch (...) {
    }
    throw;
  }
  conn.exec("DROP TEMPORARY TABLE " + probe);
  return out;
}

} // namespace migratecpp::dialects::mysql
