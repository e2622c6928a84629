#include "dialects/sql_builder.h"

namespace migratecpp::dialects {

std::string quote_identifier(std::string_view name, const Quoting& quoting) {
  std::string out;
  out.reserve(name.size() + 2);
  out.push_back(quoting.identifier_open);
  for (char ch : name) {
    if (ch == quoting.identifier_close) {
      out.push_back(ch);
    }
    out.push_back(ch);
  }
  out.push_back(quoting.identifier_close);
  return out;
}

std::string quote_string(std::string_view text, const Quoting& quoting) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('\'');
  for (char ch : text) {
    // Doubling works for ' in every dialect; where a backslash escapes (MySQL), a literal
    // backslash must be doubled too, or 'a\' would swallow the closing quote.
    if (ch == '\'' || (ch == '\\' && quoting.backslash_escapes)) {
      out.push_back(ch);
    }
    out.push_back(ch);
  }
  out.push_back('\'');
  return out;
}

void SqlBuilder::space() {
  if (!m_sql.empty() && m_sql.back() != '(' && m_sql.back() != ' ') {
    m_sql.push_back(' ');
  }
}

SqlBuilder& SqlBuilder::kw(std::string_view keyword) {
  space();
  m_sql += keyword;
  return *this;
}

SqlBuilder& SqlBuilder::ident(std::string_view name) {
  space();
  m_sql += quote_identifier(name, m_quoting);
  return *this;
}

SqlBuilder& SqlBuilder::str(std::string_view text) {
  space();
  m_sql += quote_string(text, m_quoting);
  return *this;
}

SqlBuilder& SqlBuilder::raw(std::string_view sql) {
  if (!sql.empty()) {
    space();
    m_sql += sql;
  }
  return *this;
}

SqlBuilder& SqlBuilder::open() {
  space();
  m_sql.push_back('(');
  return *this;
}

SqlBuilder& SqlBuilder::close() {
  while (!m_sql.empty() && m_sql.back() == ' ') {
    m_sql.pop_back();
  }
  m_sql.push_back(')');
  return *this;
}

SqlBuilder& SqlBuilder::comma() {
  m_sql.push_back(',');
  m_sql.push_back(' ');
  return *this;
}

} // namespace migratecpp::dialects
