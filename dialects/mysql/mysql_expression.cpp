#include "dialects/mysql/mysql_expression.h"

#include "dialects/mysql/mysql_quoting.h"
#include "util/sql_lexer.h"

namespace migratecpp::dialects::mysql {

std::string mysql_expression(std::string_view expression) {
  using namespace util::sql;
  // MySQL's string rules (backslash escapes, # comments); "x" comes out as one quoted token.
  std::string out;
  std::size_t copied = 0;
  for (const Token& t : tokenize(expression, k_quoting.syntax)) {
    if (t.kind != TokenKind::quoted_identifier || t.text.empty() || t.text.front() != '"') {
      continue;
    }
    out.append(expression.substr(copied, t.offset - copied));
    out += quote_identifier(identifier_value(t), k_quoting);
    copied = t.offset + t.text.size();
  }
  out.append(expression.substr(copied));
  return out;
}

} // namespace migratecpp::dialects::mysql
