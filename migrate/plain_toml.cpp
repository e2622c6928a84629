#include "migrate/plain_toml.h"

namespace migratecpp::migrate::plain {

namespace {

bool is_bare_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// A printable ASCII character or a tab: what strings and comments may hold as they are.
bool is_plain_char(char c) {
  return c == '\t' || (c >= 0x20 && c < 0x7f);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

} // namespace

void Cursor::skip_comment() {
  if (!take('#')) {
    return;
  }
  while (!at_line_end()) {
    if (!is_plain_char(m_text[m_pos])) {
      throw NotPlain{};
    }
    ++m_pos;
  }
}

void Cursor::line_end() {
  if (at_end()) {
    return;
  }
  take('\r');
  expect('\n');
  ++m_line;
}

void Cursor::skip_space(bool line_ends) {
  while (true) {
    skip_blanks();
    skip_comment();
    if (at_end() || !at_line_end()) {
      return;
    }
    if (!line_ends) {
      throw NotPlain{};
    }
    line_end();
  }
}

std::string_view Cursor::bare_key() {
  const std::size_t start = m_pos;
  while (m_pos < m_text.size() && is_bare_key_char(m_text[m_pos])) {
    ++m_pos;
  }
  if (m_pos == start) {
    throw NotPlain{};
  }
  return m_text.substr(start, m_pos - start);
}

std::string Cursor::basic_string() {
  expect('"');
  if (m_text.substr(m_pos, 2) == "\"\"") {
    throw NotPlain{}; // """multi-line""" (an empty "" followed by a quote is not TOML either)
  }
  std::string out;
  while (true) {
    const std::size_t run = m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] != '"' && m_text[m_pos] != '\\' &&
           is_plain_char(m_text[m_pos])) {
      ++m_pos;
    }
    out.append(m_text.substr(run, m_pos - run));
    if (take('"')) {
      return out;
    }
    if (peek() != '\\' || at_end()) {
      throw NotPlain{}; // a line end, a control character, non-ASCII, the text's end
    }
    out.push_back(escape());
  }
}

char Cursor::escape() {
  ++m_pos; // the backslash
  const char c = peek();
  ++m_pos;
  switch (c) {
  case '"':
  case '\\':
    return c;
  case 'n':
    return '\n';
  case 't':
    return '\t';
  case 'r':
    return '\r';
  case 'b':
    return '\b';
  case 'f':
    return '\f';
  case 'u': {
    int v = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = hex_digit(peek());
      if (d < 0) {
        throw NotPlain{};
      }
      v = v * 16 + d;
      ++m_pos;
    }
    if (v >= 0x80) {
      throw NotPlain{}; // UTF-8 for the TOML library to encode
    }
    return static_cast<char>(v);
  }
  default:
    throw NotPlain{};
  }
}

std::string Cursor::literal_string(bool multi_line) {
  if (m_text.substr(m_pos, 3) == "'''") {
    if (!multi_line) {
      throw NotPlain{};
    }
    return multi_line_literal();
  }
  expect('\'');
  const std::size_t start = m_pos;
  while (m_pos < m_text.size() && m_text[m_pos] != '\'' && is_plain_char(m_text[m_pos])) {
    ++m_pos;
  }
  if (peek() != '\'' || at_end()) {
    throw NotPlain{};
  }
  return std::string(m_text.substr(start, m_pos++ - start));
}

// '''...''': a line end right after the opening quotes is not part of it. Closed by exactly
// three quotes (TOML lets up to two more belong to the text: left to the library). A CR is
// left to the library too, which may keep or drop it in the text.
std::string Cursor::multi_line_literal() {
  m_pos += 3;
  if (take('\n')) {
    ++m_line;
  }
  const std::size_t start = m_pos;
  while (true) {
    if (at_end()) {
      throw NotPlain{};
    }
    const char c = m_text[m_pos];
    if (c == '\'' && m_text.substr(m_pos, 3) == "'''") {
      if (m_text.substr(m_pos, 4) == "''''") {
        throw NotPlain{};
      }
      std::string out(m_text.substr(start, m_pos - start));
      m_pos += 3;
      return out;
    }
    if (c == '\n') {
      ++m_line;
    } else if (!is_plain_char(c)) {
      throw NotPlain{};
    }
    ++m_pos;
  }
}

void Cursor::value_end() const {
  const char c = peek();
  if (!(at_line_end() || c == ' ' || c == '\t' || c == ',' || c == ']' || c == '}' || c == '#')) {
    throw NotPlain{}; // 1.5, 1e3, 1_000, 0x1f, 1979-05-27, truely, a NUL...
  }
}

bool Cursor::boolean() {
  const bool v = m_text.substr(m_pos, 4) == "true";
  if (!v && m_text.substr(m_pos, 5) != "false") {
    throw NotPlain{};
  }
  m_pos += v ? 4 : 5;
  value_end();
  return v;
}

std::int64_t Cursor::integer() {
  const bool negative = take('-');
  const std::size_t start = m_pos;
  while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
    ++m_pos;
  }
  const std::size_t digits = m_pos - start;
  // No digit, a leading zero, or more digits than surely fit in 64 bits.
  if (digits == 0 || (m_text[start] == '0' && digits > 1) || digits > 18) {
    throw NotPlain{};
  }
  value_end();
  std::int64_t v = 0;
  for (std::size_t i = start; i < m_pos; ++i) {
    v = v * 10 + (m_text[i] - '0');
  }
  return negative ? -v : v;
}

std::string Cursor::utc_date_time() {
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
  const std::string_view text = m_text.substr(m_pos, shape.size());
  if (text.size() < shape.size()) {
    throw NotPlain{};
  }
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? (text[i] < '0' || text[i] > '9') : text[i] != shape[i]) {
      throw NotPlain{};
    }
  }
  const auto number = [&](std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); };
  // Days past the 28th, and leap seconds, are left to the TOML library to judge.
  if (number(5) < 1 || number(5) > 12 || number(8) < 1 || number(8) > 28 || number(11) > 23 ||
      number(14) > 59 || number(17) > 59) {
    throw NotPlain{};
  }
  m_pos += shape.size();
  value_end();
  return std::string(text);
}

} // namespace migratecpp::migrate::plain
