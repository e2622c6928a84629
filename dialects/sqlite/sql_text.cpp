#include "dialects/sqlite/sql_text.h"

#include "util/strings.h"

#include <cctype>

namespace migratecpp::dialects::sqlite {

namespace {

bool is_word_char(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  // SQLite treats every byte >= 0x80 as part of an identifier (UTF-8 names).
  return std::isalnum(c) != 0 || ch == '_' || ch == '$' || c >= 0x80;
}

bool is_digit(char ch) {
  return std::isdigit(static_cast<unsigned char>(ch)) != 0;
}

// End of a quoted run starting at `i` (the opening quote), where `close` doubled is an escape.
std::size_t quoted_end(std::string_view s, std::size_t i, char close, bool doubling) {
  std::size_t j = i + 1;
  while (j < s.size()) {
    if (s[j] == close) {
      if (doubling && j + 1 < s.size() && s[j + 1] == close) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    ++j;
  }
  return s.size();
}

} // namespace

std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> out;
  std::size_t i = 0;
  const std::size_t n = sql.size();
  auto push = [&](TokenKind kind, std::size_t end) {
    out.push_back(Token{kind, sql.substr(i, end - i), i});
    i = end;
  };
  while (i < n) {
    const char ch = sql[i];
    const char next = i + 1 < n ? sql[i + 1] : '\0';
    if (std::isspace(static_cast<unsigned char>(ch)) != 0) {
      ++i;
    } else if (ch == '-' && next == '-') {
      std::size_t end = sql.find('\n', i);
      push(TokenKind::comment, end == std::string_view::npos ? n : end);
    } else if (ch == '/' && next == '*') {
      std::size_t end = sql.find("*/", i + 2);
      push(TokenKind::comment, end == std::string_view::npos ? n : end + 2);
    } else if (ch == '\'') {
      push(TokenKind::string, quoted_end(sql, i, '\'', true));
    } else if (ch == '"') {
      push(TokenKind::quoted_identifier, quoted_end(sql, i, '"', true));
    } else if (ch == '`') {
      push(TokenKind::quoted_identifier, quoted_end(sql, i, '`', true));
    } else if (ch == '[') {
      push(TokenKind::quoted_identifier, quoted_end(sql, i, ']', false));
    } else if ((ch == 'x' || ch == 'X') && next == '\'') {
      push(TokenKind::blob, quoted_end(sql, i + 1, '\'', false));
    } else if (is_digit(ch) || (ch == '.' && is_digit(next))) {
      std::size_t j = i;
      if (ch == '0' && (next == 'x' || next == 'X')) {
        j += 2;
        while (j < n && std::isxdigit(static_cast<unsigned char>(sql[j])) != 0) {
          ++j;
        }
      } else {
        while (j < n && (is_digit(sql[j]) || sql[j] == '.' || sql[j] == '_')) {
          ++j;
        }
        if (j < n && (sql[j] == 'e' || sql[j] == 'E')) {
          std::size_t k = j + 1;
          if (k < n && (sql[k] == '+' || sql[k] == '-')) {
            ++k;
          }
          if (k < n && is_digit(sql[k])) {
            j = k;
            while (j < n && is_digit(sql[j])) {
              ++j;
            }
          }
        }
      }
      push(TokenKind::number, j);
    } else if (ch == '?' || ((ch == ':' || ch == '@' || ch == '$') && is_word_char(next))) {
      std::size_t j = i + 1;
      while (j < n && is_word_char(sql[j])) {
        ++j;
      }
      push(TokenKind::variable, j);
    } else if (is_word_char(ch)) {
      std::size_t j = i;
      while (j < n && is_word_char(sql[j])) {
        ++j;
      }
      push(TokenKind::word, j);
    } else {
      static constexpr std::string_view k_three[] = {"->>"};
      static constexpr std::string_view k_two[] = {
          "||", "<=", ">=", "==", "!=", "<>", "<<", ">>", "->"};
      std::size_t len = 1;
      for (auto op : k_three) {
        if (sql.substr(i, 3) == op) {
          len = 3;
        }
      }
      if (len == 1) {
        for (auto op : k_two) {
          if (sql.substr(i, 2) == op) {
            len = 2;
          }
        }
      }
      push(TokenKind::punct, i + len);
    }
  }
  return out;
}

bool is_keyword(const Token& t, std::string_view keyword) {
  return t.kind == TokenKind::word && util::iequals(t.text, keyword);
}

bool is_identifier(const Token& t) {
  return t.kind == TokenKind::word || t.kind == TokenKind::quoted_identifier;
}

std::string identifier_value(const Token& t) {
  if (t.kind != TokenKind::quoted_identifier || t.text.size() < 2) {
    return std::string(t.text);
  }
  const char open = t.text.front();
  const char close = open == '[' ? ']' : open;
  std::string_view inner = t.text.substr(1);
  if (!inner.empty() && inner.back() == close) {
    inner.remove_suffix(1);
  }
  if (open == '[') {
    return std::string(inner);
  }
  std::string out;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    out.push_back(inner[i]);
    if (inner[i] == close && i + 1 < inner.size() && inner[i + 1] == close) {
      ++i;
    }
  }
  return out;
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char ch : name) {
    if (ch == '"') {
      out.push_back('"');
    }
    out.push_back(ch);
  }
  out.push_back('"');
  return out;
}

bool mentions_identifier(std::string_view expr, std::string_view name) {
  for (const Token& t : tokenize(expr)) {
    if (is_identifier(t) && util::iequals(identifier_value(t), name)) {
      return true;
    }
  }
  return false;
}

std::string rename_identifier(std::string_view expr, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t copied = 0;
  for (const Token& t : tokenize(expr)) {
    if (is_identifier(t) && util::iequals(identifier_value(t), from)) {
      out.append(expr.substr(copied, t.offset - copied));
      out += quote_identifier(to);
      copied = t.offset + t.text.size();
    }
  }
  out.append(expr.substr(copied));
  return out;
}

std::string metadata_comment(std::string_view key, std::string_view text) {
  std::string out = "/* ";
  out += key;
  out += ": ";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      out += "\\\\";
    } else if (text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "*\\/";
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  out += " */";
  return out;
}

std::optional<std::string> parse_metadata_comment(std::string_view comment_token,
                                                  std::string_view key) {
  const std::string prefix = "/* " + std::string(key) + ": ";
  constexpr std::string_view k_suffix = " */";
  if (comment_token.size() < prefix.size() + k_suffix.size() ||
      comment_token.substr(0, prefix.size()) != prefix ||
      comment_token.substr(comment_token.size() - k_suffix.size()) != k_suffix) {
    return std::nullopt;
  }
  std::string_view body =
      comment_token.substr(prefix.size(), comment_token.size() - prefix.size() - k_suffix.size());
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && (body[i + 1] == '\\' || body[i + 1] == '/')) {
      out.push_back(body[i + 1]);
      ++i;
    } else {
      out.push_back(body[i]);
    }
  }
  return out;
}

} // namespace migratecpp::dialects::sqlite
