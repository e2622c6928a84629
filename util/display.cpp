#include "util/display.h"

#include "util/sql_lexer.h"

#include <cstdio>

namespace migratecpp::util {

std::string escape_control(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || c == '\t') {
      out.push_back(static_cast<char>(c));
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\a') {
      out += "\\a";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
      out += buf;
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

namespace {

// The INSERT ... VALUES statement cut after its VALUES keyword, or the text unchanged.
std::string without_row_values(std::string_view sql) {
  const auto tokens = sql::tokenize(sql);
  std::size_t first = 0;
  while (first < tokens.size() && tokens[first].kind == sql::TokenKind::comment) {
    ++first;
  }
  if (first == tokens.size() ||
      !(sql::is_keyword(tokens[first], "INSERT") || sql::is_keyword(tokens[first], "REPLACE"))) {
    return std::string(sql);
  }
  int depth = 0;
  for (std::size_t i = first; i < tokens.size(); ++i) {
    if (sql::is_punct(tokens[i], "(")) {
      ++depth;
    } else if (sql::is_punct(tokens[i], ")")) {
      --depth;
    } else if (depth == 0 && sql::is_keyword(tokens[i], "VALUES")) {
      const std::size_t end = tokens[i].offset + tokens[i].text.size();
      return std::string(sql.substr(0, end)) + " …(row values not shown)";
    }
  }
  return std::string(sql);
}

} // namespace

std::string quote_statement(std::string_view sql) {
  const std::string text = without_row_values(sql);
  std::size_t cut = text.size();
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && ++lines > k_quoted_statement_lines) {
      cut = i;
      break;
    }
  }
  if (cut > k_quoted_statement_chars) {
    cut = k_quoted_statement_chars;
    // Never split a UTF-8 character.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) {
      --cut;
    }
  }
  if (cut == text.size()) {
    return text;
  }
  return text.substr(0, cut) + " …(" + std::to_string(text.size() - cut) + " more characters)";
}

} // namespace migratecpp::util
