#include "migrate/toml_limits.h"

#include "migrate/toml_string_extent.h"
#include "util/error.h"

namespace migratecpp::migrate {

namespace {

// toml++ 3.3 (Debian 12) reaches TOML_UNREACHABLE, undefined behaviour, when it asks whether
// a character in U+00A1..U+0499 or U+FB26..U+FEFE is white space. It asks that of every
// character it reads outside strings and comments, of the characters of a bare value up to
// the next value terminator (quotes included: `1"é` is read as one bad value), and in a
// multi-line basic string of what follows a backslash. None of that is TOML when the
// character is beyond ASCII, but for one spelling: a line-ending backslash followed on the
// next line by such a character. The scan refuses all of it, at its line, before the library
// sees it (found by fuzzing the loaders).
const std::string k_beyond_ascii =
    "a character beyond ASCII outside a string or a comment (bare keys and values other than "
    "strings are ASCII in TOML)";

bool is_beyond_ascii(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}

// What ends a bare value for toml++ (is_value_terminator), line ends included.
bool ends_bare_value(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ']' || c == '}' || c == ',' ||
         c == '#';
}

class Scanner {
public:
  Scanner(std::string_view text, const std::string& path) : m_text(text), m_path(path) {}

  void run() {
    if (m_text.substr(0, 3) == "\xef\xbb\xbf") {
      m_pos = 3; // a byte order mark, which the library skips
    }
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      // The first character of a value: after '=', and in an array after '[' or ','.
      const bool value_start =
          m_value_next && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '#';
      if (value_start) {
        m_value_next = false;
        if (c != '"' && c != '\'' && c != '[' && c != '{') {
          check_bare_value();
        }
      }
      if (c == '"' || c == '\'') {
        skip_string(c);
        continue;
      }
      switch (c) {
      case '#':
        skip_comment();
        continue;
      case '\n':
        ++m_line;
        m_dots = 0;
        // A value starts on the line of its key; only an array goes on over line ends.
        m_value_next = m_value_next && !m_open.empty() && m_open.back() == '[';
        break;
      case '[':
      case '{':
        // '[' opens an array where a value goes, else a table header. A header's brackets
        // count toward the nesting too: harmless, it nests two levels at most.
        m_open.push_back(c == '{' ? '{' : value_start ? '[' : 'h');
        if (m_open.size() > k_max_toml_nesting) {
          fail("arrays or inline tables nested more than " + std::to_string(k_max_toml_nesting) +
               " levels deep");
        }
        m_value_next = m_open.back() == '[';
        m_dots = 0;
        break;
      case ']':
      case '}':
        if (!m_open.empty()) {
          m_open.pop_back();
        }
        m_dots = 0;
        break;
      case '=':
        m_value_next = true;
        m_dots = 0;
        break;
      case ',':
        m_value_next = !m_open.empty() && m_open.back() == '[';
        m_dots = 0;
        break;
      case '.':
        // Dots between two of = , [ ] { } or line ends: the parts of one dotted key (a float
        // or a time has one at most).
        if (++m_dots >= k_max_toml_key_parts) {
          fail("a key nested more than " + std::to_string(k_max_toml_key_parts) +
               " levels deep (a.b.c...)");
        }
        break;
      default:
        if (is_beyond_ascii(c)) {
          fail(k_beyond_ascii);
        }
        break;
      }
      ++m_pos;
    }
  }

private:
  [[noreturn]] void fail(const std::string& message) const {
    throw util::Error(message, util::Location{m_path, m_line});
  }

  // A bare value (a number, a date, true...) as toml++ reads it: its first character, then
  // every one up to a value terminator, quotes and all; a date followed by a space goes on
  // with the time. Only looked at: the main loop reads the same characters again.
  void check_bare_value() const {
    std::size_t i = m_pos + 1;
    const auto token_end = [&] {
      while (i < m_text.size() && !ends_bare_value(m_text[i])) {
        if (is_beyond_ascii(m_text[i])) {
          fail(k_beyond_ascii);
        }
        ++i;
      }
    };
    token_end();
    const std::string_view token = m_text.substr(m_pos, i - m_pos);
    if (token.size() == 10 && token[4] == '-' && token[7] == '-' && i < m_text.size() &&
        m_text[i] == ' ') {
      ++i; // 1979-05-27 07:32:00
      token_end();
    }
  }

  void skip_comment() {
    while (m_pos < m_text.size() && m_text[m_pos] != '\n') {
      ++m_pos;
    }
  }

  // After a backslash in a multi-line basic string: toml++ asks whether what follows is
  // white space, and after a line-ending backslash, of each character up to the first that
  // is not, on the lines after.
  void check_escape_in_multi_line(std::size_t backslash) const {
    std::size_t i = backslash + 1;
    if (i < m_text.size() && is_beyond_ascii(m_text[i])) {
      fail("a backslash followed by a character beyond ASCII in a multi-line string: not an "
           "escape TOML has");
    }
    while (i < m_text.size() &&
           (m_text[i] == ' ' || m_text[i] == '\t' || m_text[i] == '\n' || m_text[i] == '\r')) {
      ++i;
    }
    if (i > backslash + 1 && i < m_text.size() && is_beyond_ascii(m_text[i])) {
      fail("a line-ending backslash in a multi-line string followed by a character beyond "
           "ASCII: TOML allows it, but the TOML library migratecpp is built with (toml++ 3.3) "
           "cannot read it; put the character after a letter, or end the line without a "
           "backslash");
    }
  }

  // A basic ("...", with \ escapes) or literal ('...') string, single- or multi-line, skipped
  // whole; its line ends counted (the one that cuts a one-line string is the main loop's). An
  // unterminated one ends there: the TOML library reports it with its line.
  void skip_string(char quote) {
    const TomlStringExtent string = toml_string_extent(m_text, m_pos);
    const bool escapes_checked = string.multi_line && quote == '"';
    for (std::size_t i = m_pos; i < string.end; ++i) {
      if (escapes_checked && m_text[i] == '\\') {
        check_escape_in_multi_line(i); // at the line counted so far: the backslash's
        ++i;                           // the escaped character, which may be a line end
      }
      if (i < string.end && m_text[i] == '\n') {
        ++m_line;
      }
    }
    m_pos = string.end;
  }

  std::string_view m_text;
  const std::string& m_path;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
  std::size_t m_dots = 0;
  bool m_value_next = false; // the next character that is not a blank starts a value
  std::string m_open;        // the brackets open: '[' an array, '{' an inline table, 'h' a header
};

} // namespace

void check_toml_limits(std::string_view text, const std::string& path) {
  if (text.size() > k_max_toml_bytes) {
    throw util::Error("file is larger than " + std::to_string(k_max_toml_bytes / (1024 * 1024)) +
                          " MiB, the most a TOML file may have",
                      util::Location{path, 0});
  }
  Scanner(text, path).run();
}

} // namespace migratecpp::migrate
