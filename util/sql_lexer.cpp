#include "util/sql_lexer.h"

#include <algorithm>

#include "util/strings.h"

#include <cctype>

namespace migratecpp::util::sql {

namespace {

bool is_word_char(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  // Every byte >= 0x80 is part of an identifier (UTF-8 names), as in all three databases.
  return std::isalnum(c) != 0 || ch == '_' || ch == '$' || c >= 0x80;
}

bool is_word_start(char ch) {
  return is_word_char(ch) && ch != '$';
}

bool is_digit(char ch) {
  return std::isdigit(static_cast<unsigned char>(ch)) != 0;
}

// End of a quoted run starting at `i` (the opening quote): `close` doubled is an escape where
// `doubling`, and a backslash escapes the next character where `backslash`.
std::size_t quoted_end(std::string_view s, std::size_t i, char close, bool doubling,
                       bool backslash) {
  std::size_t j = i + 1;
  while (j < s.size()) {
    if (backslash && s[j] == '\\') {
      j += 2;
      continue;
    }
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

// The length of a dollar-quote tag at `i` ("$$" or "$tag$"), or 0 if none starts there.
std::size_t dollar_tag_length(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '$') {
    return 2;
  }
  if (j >= s.size() || !is_word_start(s[j]) || is_digit(s[j])) {
    return 0;
  }
  while (j < s.size() && is_word_char(s[j]) && s[j] != '$') {
    ++j;
  }
  return j < s.size() && s[j] == '$' ? j + 1 - i : 0;
}

std::size_t number_end(std::string_view sql, std::size_t i) {
  const std::size_t n = sql.size();
  std::size_t j = i;
  if (sql[i] == '0' && i + 1 < n && (sql[i + 1] == 'x' || sql[i + 1] == 'X')) {
    j += 2;
    while (j < n && std::isxdigit(static_cast<unsigned char>(sql[j])) != 0) {
      ++j;
    }
    return j;
  }
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
  return j;
}

std::size_t punct_length(std::string_view sql, std::size_t i) {
  static constexpr std::string_view k_three[] = {"->>", "<=>"};
  static constexpr std::string_view k_two[] = {"||", "<=", ">=", "==", "!=", "<>",
                                               "<<", ">>", "->", "::", "~*", "!~"};
  for (auto op : k_three) {
    if (sql.substr(i, 3) == op) {
      return 3;
    }
  }
  for (auto op : k_two) {
    if (sql.substr(i, 2) == op) {
      return 2;
    }
  }
  return 1;
}

} // namespace

std::vector<Token> tokenize(std::string_view sql, const Syntax& syntax) {
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
    } else if ((ch == '-' && next == '-' && syntax.comments) ||
               (ch == '#' && syntax.hash_comments)) {
      const std::size_t end = sql.find('\n', i);
      push(TokenKind::comment, end == std::string_view::npos ? n : end);
    } else if (ch == '/' && next == '*' && syntax.comments) {
      const std::size_t end = sql.find("*/", i + 2);
      push(TokenKind::comment, end == std::string_view::npos ? n : end + 2);
    } else if (ch == '\'') {
      push(TokenKind::string, quoted_end(sql, i, '\'', true, syntax.backslash_escapes));
    } else if ((ch == 'e' || ch == 'E') && next == '\'' && syntax.escape_strings) {
      push(TokenKind::string, quoted_end(sql, i + 1, '\'', true, true));
    } else if (ch == '"' && syntax.double_quote_identifiers) {
      push(TokenKind::quoted_identifier, quoted_end(sql, i, '"', true, false));
    } else if (ch == '`' && syntax.backtick_identifiers) {
      push(TokenKind::quoted_identifier, quoted_end(sql, i, '`', true, false));
    } else if (ch == '[' && syntax.bracket_identifiers) {
      push(TokenKind::quoted_identifier, quoted_end(sql, i, ']', false, false));
    } else if ((ch == 'x' || ch == 'X') && next == '\'') {
      push(TokenKind::blob, quoted_end(sql, i + 1, '\'', false, false));
    } else if (ch == '$' && syntax.dollar_quotes && dollar_tag_length(sql, i) > 0) {
      const std::size_t tag_len = dollar_tag_length(sql, i);
      const std::string_view tag = sql.substr(i, tag_len);
      const std::size_t close = sql.find(tag, i + tag_len);
      push(TokenKind::string, close == std::string_view::npos ? n : close + tag_len);
    } else if (is_digit(ch) || (ch == '.' && is_digit(next))) {
      push(TokenKind::number, number_end(sql, i));
    } else if (ch == '?' || ((ch == ':' || ch == '@' || ch == '$') && is_word_char(next) &&
                             !(ch == ':' && next == ':'))) {
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
      push(TokenKind::punct, i + punct_length(sql, i));
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

bool is_punct(const Token& t, std::string_view p) {
  return t.kind == TokenKind::punct && t.text == p;
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

std::string string_value(const Token& t, const Syntax& syntax) {
  std::string_view text = t.text;
  if (text.empty()) {
    return {};
  }
  if (text.front() == '$') {
    const std::size_t tag_len = dollar_tag_length(text, 0);
    if (tag_len == 0 || text.size() < 2 * tag_len) {
      return std::string(text);
    }
    return std::string(text.substr(tag_len, text.size() - 2 * tag_len));
  }
  bool backslash = syntax.backslash_escapes;
  if (text.front() == 'e' || text.front() == 'E') {
    backslash = true;
    text.remove_prefix(1);
  }
  if (text.size() < 2 || text.front() != '\'') {
    return std::string(text);
  }
  std::string_view inner = text.substr(1);
  if (!inner.empty() && inner.back() == '\'') {
    inner.remove_suffix(1);
  }
  std::string out;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    const char ch = inner[i];
    if (backslash && ch == '\\' && i + 1 < inner.size()) {
      const char e = inner[++i];
      switch (e) {
      case 'n':
        out.push_back('\n');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case '0':
        out.push_back('\0');
        break;
      default:
        out.push_back(e);
      }
    } else {
      out.push_back(ch);
      if (ch == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'') {
        ++i;
      }
    }
  }
  return out;
}

std::size_t matching_paren(const std::vector<Token>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (is_punct(tokens[i], "(")) {
      ++depth;
    } else if (is_punct(tokens[i], ")") && --depth == 0) {
      return i;
    }
  }
  return tokens.size();
}

std::size_t closing_paren(std::string_view sql, std::size_t open, const Syntax& syntax) {
  if (open >= sql.size()) {
    return std::string_view::npos;
  }
  const std::vector<Token> tokens = tokenize(sql.substr(open), syntax);
  const std::size_t close = matching_paren(tokens, 0);
  if (tokens.empty() || !is_punct(tokens[0], "(") || close == tokens.size()) {
    return std::string_view::npos;
  }
  return open + tokens[close].offset + 1;
}

namespace {

// True if a quote or comment token runs to the end of the text without being closed, read
// with the standard rules (no backslash escapes, no dollar quotes), where a quote character
// inside quotes is always doubled: a closed one holds an even number of them and ends in one.
bool unterminated(const Token& t) {
  const std::string_view x = t.text;
  if (t.kind == TokenKind::comment) {
    return x.rfind("/*", 0) == 0 && (x.size() < 4 || x.substr(x.size() - 2) != "*/");
  }
  if (t.kind != TokenKind::string && t.kind != TokenKind::blob &&
      t.kind != TokenKind::quoted_identifier) {
    return false;
  }
  const std::size_t open = x.find_first_of("'\"`");
  if (open == std::string_view::npos) {
    return false;
  }
  const char quote = x[open];
  const auto count = std::count(x.begin() + static_cast<std::ptrdiff_t>(open), x.end(), quote);
  return count < 2 || count % 2 != 0 || x.back() != quote;
}

std::optional<std::string> fragment_problem_in(std::string_view text, const Syntax& syntax,
                                               bool check_termination) {
  int depth = 0;
  for (const Token& t : tokenize(text, syntax)) {
    if (t.kind == TokenKind::comment && t.text.rfind("/*", 0) != 0) {
      return "it holds a line comment ('" + std::string(t.text.substr(0, 2)) +
             "'), which would swallow the rest of the statement";
    }
    if (check_termination && unterminated(t)) {
      return "it has an unterminated quote or comment";
    }
    if (is_punct(t, ";")) {
      return "it holds ';' outside quotes (one expression cannot end a statement)";
    }
    if (is_punct(t, "(")) {
      ++depth;
    } else if (is_punct(t, ")") && --depth < 0) {
      return "it closes a parenthesis it did not open";
    }
  }
  if (depth > 0) {
    return "it leaves a parenthesis open";
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> fragment_problem(std::string_view text) {
  // Most fragments are a type or a default ("varchar(100)", "0", "CURRENT_TIMESTAMP"). Text
  // with none of the characters that open a quote or a comment or end a statement is words,
  // numbers and operators to every reading: only its parentheses can be wrong. (Reading a
  // revision file checked each column's type through the lexer, twice.)
  if (text.find_first_of("'\"`$-/#;\\[") == std::string_view::npos) {
    int depth = 0;
    for (const char c : text) {
      if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth < 0) {
        return "it closes a parenthesis it did not open";
      }
    }
    if (depth > 0) {
      return "it leaves a parenthesis open";
    }
    return std::nullopt;
  }
  if (auto problem = fragment_problem_in(text, Syntax{}, true)) {
    return problem;
  }
  // Read as MySQL would: a backslash escapes a quote, so 'a\'' ends elsewhere. A quote left
  // open this way cannot start a second statement (the rest is inside the string), and
  // 'C:\' is a fine PostgreSQL and SQLite literal, so only the standard reading must close.
  Syntax mysql;
  mysql.backslash_escapes = true;
  return fragment_problem_in(text, mysql, false);
}

std::string_view span_text(std::string_view sql, const std::vector<Token>& tokens,
                           std::size_t first, std::size_t last) {
  if (first > last || last >= tokens.size()) {
    return {};
  }
  const std::size_t begin = tokens[first].offset;
  const std::size_t end = tokens[last].offset + tokens[last].text.size();
  return sql.substr(begin, end - begin);
}

} // namespace migratecpp::util::sql
