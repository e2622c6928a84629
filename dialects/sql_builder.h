#pragma once
// Writing SQL: the one place that quotes identifiers and string literals, and a small builder
// that keeps the spacing, commas and parentheses of a statement in order. Renderers append
// keywords, names, literals and already-formed SQL (types, expressions); quoting is never
// done by string concatenation anywhere else.
#include "util/sql_lexer.h"

#include <string>
#include <string_view>

namespace migratecpp::dialects {

// How a dialect quotes.
struct Quoting {
  char identifier_open = '"'; // "name" (PostgreSQL, SQLite); ` for MySQL
  char identifier_close = '"';
  bool backslash_escapes = false; // a backslash in a string is an escape (MySQL), so it is doubled
  util::sql::Syntax syntax;       // how text in this dialect is read back (util/sql_lexer.h)
};

// `name` between the identifier quotes, the closing quote doubled inside.
std::string quote_identifier(std::string_view name, const Quoting& quoting);
// `text` as a string literal: ' doubled, and \ doubled where backslash_escapes.
std::string quote_string(std::string_view text, const Quoting& quoting);

// Builds one statement left to right. Words are separated by one space; no space is written
// after "(" or before ")" and ",".
//
//   SqlBuilder b(q);
//   b.kw("ALTER TABLE").ident("users").kw("ADD COLUMN").ident("age").raw("INTEGER");
//   b.kw("DEFAULT").str("it's");          // ALTER TABLE "users" ADD COLUMN "age" INTEGER DEFAULT
//   'it''s'
class SqlBuilder {
public:
  explicit SqlBuilder(const Quoting& quoting) : m_quoting(quoting) {}

  SqlBuilder& kw(std::string_view keyword); // a keyword or operator, as written
  SqlBuilder& ident(std::string_view name); // a quoted identifier
  SqlBuilder& str(std::string_view text);   // a quoted string literal
  SqlBuilder& raw(std::string_view sql);    // SQL text taken as is (a type, an expression)
  SqlBuilder& open();                       // "("
  SqlBuilder& close();                      // ")"
  SqlBuilder& comma();                      // ","
  // "(a, b, c)" with each name quoted.
  template <class Range> SqlBuilder& ident_list(const Range& names) {
    open();
    bool first = true;
    for (const auto& n : names) {
      if (!first) {
        comma();
      }
      first = false;
      ident(n);
    }
    return close();
  }

  const std::string& sql() const { return m_sql; }
  const Quoting& quoting() const { return m_quoting; }

private:
  void space();

  const Quoting& m_quoting;
  std::string m_sql;
};

} // namespace migratecpp::dialects
