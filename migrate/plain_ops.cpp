#include "migrate/plain_ops.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

namespace migratecpp::migrate {

namespace {

// Thrown where the text is not plain; caught in read_plain_ops, which returns nullopt.
struct NotPlain {};

// Deeper than anything `revision` writes (an op nests three levels); below the limits the
// TOML parse enforces (toml_limits.h), so that a text beyond them gets its error there.
constexpr std::size_t k_max_depth = 8;
constexpr std::size_t k_max_key_parts = 4;

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

class Reader {
public:
  Reader(std::string_view text, std::size_t first_line) : m_text(text), m_line(first_line) {}

  PlainOps run() {
    PlainOps out;
    toml::table* current = nullptr;
    while (m_pos < m_text.size()) {
      skip_blanks();
      const char c = peek();
      if (c == '[') {
        current = &open_table(out);
      } else if (c != '#' && c != '\n' && m_pos < m_text.size()) {
        if (current == nullptr) {
          throw NotPlain{}; // a key before any header is the header's business
        }
        key_value(*current);
      }
      skip_blanks();
      skip_comment();
      line_end();
    }
    return out;
  }

private:
  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

  void expect(char c) {
    if (peek() != c) {
      throw NotPlain{};
    }
    ++m_pos;
  }

  void skip_blanks() {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t')) {
      ++m_pos;
    }
  }

  void skip_comment() {
    if (peek() != '#') {
      return;
    }
    ++m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] != '\n') {
      if (!is_plain_char(m_text[m_pos])) {
        throw NotPlain{};
      }
      ++m_pos;
    }
  }

  void line_end() {
    if (m_pos == m_text.size()) {
      return;
    }
    expect('\n');
    ++m_line;
  }

  // Blanks, line ends and comments, as arrays allow between their values (not inside an
  // inline table, which TOML keeps on one line).
  void skip_space_in_array() {
    while (true) {
      skip_blanks();
      skip_comment();
      if (peek() != '\n') {
        return;
      }
      if (m_inline_depth > 0) {
        throw NotPlain{};
      }
      ++m_pos;
      ++m_line;
    }
  }

  // `[[upgrade]]` or `[[downgrade]]`, written so: a new element of that array.
  toml::table& open_table(PlainOps& out) {
    expect('[');
    expect('[');
    const std::string_view name = bare_key();
    expect(']');
    expect(']');
    std::vector<std::size_t>* lines = nullptr;
    if (name == "upgrade") {
      lines = &out.upgrade_lines;
    } else if (name == "downgrade") {
      lines = &out.downgrade_lines;
    } else {
      throw NotPlain{};
    }
    lines->push_back(m_line);
    toml::array* items = out.sections.get_as<toml::array>(name);
    if (items == nullptr) {
      items = out.sections.insert(name, toml::array{}).first->second.as_array();
    }
    items->push_back(toml::table{});
    m_dotted.clear();
    return *items->back().as_table();
  }

  std::string_view bare_key() {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && is_bare_key_char(m_text[m_pos])) {
      ++m_pos;
    }
    if (m_pos == start) {
      throw NotPlain{};
    }
    return m_text.substr(start, m_pos - start);
  }

  // key = value in a table of its own (not inline): the key may be dotted, the tables it
  // names made here by dotted keys alone (TOML forbids extending any other).
  void key_value(toml::table& table) {
    toml::table* target = &table;
    std::string_view key = bare_key();
    skip_blanks();
    for (std::size_t parts = 1; peek() == '.'; ++parts) {
      if (parts == k_max_key_parts) {
        throw NotPlain{};
      }
      ++m_pos;
      skip_blanks();
      if (toml::node* existing = target->get(key)) {
        toml::table* sub = existing->as_table();
        if (sub == nullptr || std::find(m_dotted.begin(), m_dotted.end(), sub) == m_dotted.end()) {
          throw NotPlain{};
        }
        target = sub;
      } else {
        target = target->insert(key, toml::table{}).first->second.as_table();
        m_dotted.push_back(target);
      }
      key = bare_key();
      skip_blanks();
    }
    expect('=');
    skip_blanks();
    insert(*target, key);
  }

  void insert(toml::table& table, std::string_view key) {
    if (table.contains(key)) {
      throw NotPlain{};
    }
    value([&](auto&& v) { table.insert(key, std::forward<decltype(v)>(v)); });
  }

  template <typename Put> void value(Put&& put) {
    const char c = peek();
    if (c == '"') {
      put(basic_string());
    } else if (c == '\'') {
      put(literal_string());
    } else if (c == '[') {
      put(array());
    } else if (c == '{') {
      put(inline_table());
    } else if (c == 't' || c == 'f') {
      put(boolean());
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      put(integer());
    } else {
      throw NotPlain{};
    }
  }

  // After a number or a boolean: what may follow a value.
  void value_end() const {
    const char c = peek();
    if (!(c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ']' || c == '}' ||
          c == '#') ||
        (c == '\0' && m_pos < m_text.size())) {
      throw NotPlain{}; // 1.5, 1e3, 1_000, 0x1f, 1979-05-27, truely, a NUL...
    }
  }

  bool boolean() {
    const bool v = m_text.substr(m_pos, 4) == "true";
    if (!v && m_text.substr(m_pos, 5) != "false") {
      throw NotPlain{};
    }
    m_pos += v ? 4 : 5;
    value_end();
    return v;
  }

  std::int64_t integer() {
    const bool negative = peek() == '-';
    if (negative) {
      ++m_pos;
    }
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

  std::string basic_string() {
    ++m_pos;
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
      const char c = peek();
      if (c == '"' && m_pos < m_text.size()) {
        ++m_pos;
        return out;
      }
      if (c != '\\') {
        throw NotPlain{}; // a line end, a control character, non-ASCII, the text's end
      }
      out.push_back(escape());
    }
  }

  char escape() {
    ++m_pos;
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

  std::string literal_string() {
    if (m_text.substr(m_pos, 3) == "'''") {
      return multi_line_literal();
    }
    ++m_pos;
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] != '\'' && is_plain_char(m_text[m_pos])) {
      ++m_pos;
    }
    if (peek() != '\'' || m_pos == m_text.size()) {
      throw NotPlain{};
    }
    return std::string(m_text.substr(start, m_pos++ - start));
  }

  // '''...''': a line end right after the opening quotes is not part of it. Closed by exactly
  // three quotes (TOML lets up to two more belong to the text: left to the library).
  std::string multi_line_literal() {
    if (m_inline_depth > 0) {
      throw NotPlain{}; // line ends in an inline table: left to the library to judge
    }
    m_pos += 3;
    if (peek() == '\n') {
      ++m_pos;
      ++m_line;
    }
    const std::size_t start = m_pos;
    while (true) {
      if (m_pos == m_text.size()) {
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

  // After an item of an array or an inline table: true past a ',' (another item may follow),
  // false at `close`, which the caller takes.
  bool more_items(char close) {
    if (peek() == ',') {
      ++m_pos;
      return true;
    }
    if (peek() != close) {
      throw NotPlain{};
    }
    return false;
  }

  void enter() {
    if (++m_depth > k_max_depth) {
      throw NotPlain{};
    }
  }

  toml::array array() {
    enter();
    ++m_pos;
    toml::array out;
    while (true) {
      skip_space_in_array();
      if (peek() == ']') {
        break;
      }
      value([&](auto&& v) { out.push_back(std::forward<decltype(v)>(v)); });
      skip_space_in_array();
      if (!more_items(']')) {
        break;
      }
    }
    ++m_pos;
    --m_depth;
    return out;
  }

  // { a = 1, b = "x" } on one line, bare keys only, no trailing comma.
  toml::table inline_table() {
    enter();
    ++m_inline_depth;
    ++m_pos;
    toml::table out;
    out.is_inline(true);
    skip_blanks();
    if (peek() != '}') {
      do {
        skip_blanks();
        const std::string_view key = bare_key();
        skip_blanks();
        expect('=');
        skip_blanks();
        insert(out, key);
        skip_blanks();
      } while (more_items('}'));
    }
    ++m_pos;
    --m_inline_depth;
    --m_depth;
    return out;
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line;
  std::size_t m_depth = 0;
  std::size_t m_inline_depth = 0;
  std::vector<const toml::table*> m_dotted; // tables made by dotted keys in the current op
};

} // namespace

std::optional<PlainOps> read_plain_ops(std::string_view text, std::size_t first_line) {
  try {
    return Reader(text, first_line).run();
  } catch (const NotPlain&) {
    return std::nullopt;
  }
}

} // namespace migratecpp::migrate
