#include "migrate/toml_limits.h"

#include "util/error.h"

namespace migratecpp::migrate {

namespace {

class Scanner {
public:
  Scanner(std::string_view text, const std::string& path) : m_text(text), m_path(path) {}

  void run() {
    if (m_text.substr(0, 3) == "\xef\xbb\xbf") {
      m_pos = 3; // a byte order mark, which the library skips
    }
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
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
        break;
      case '[':
      case '{':
        // A table header's brackets count too: harmless, it nests two levels at most.
        if (++m_depth > k_max_toml_nesting) {
          fail("arrays or inline tables nested more than " + std::to_string(k_max_toml_nesting) +
               " levels deep");
        }
        m_dots = 0;
        break;
      case ']':
      case '}':
        if (m_depth > 0) {
          --m_depth;
        }
        m_dots = 0;
        break;
      case '=':
      case ',':
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
        // toml++ 3.3 reaches undefined behaviour (TOML_UNREACHABLE) asking whether some of
        // these are white space; here they are never TOML (bare keys are ASCII).
        if (static_cast<unsigned char>(c) >= 0x80) {
          fail("a character beyond ASCII outside a string or a comment (bare keys and values "
               "other than strings are ASCII in TOML)");
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

  void skip_comment() {
    while (m_pos < m_text.size() && m_text[m_pos] != '\n') {
      ++m_pos;
    }
  }

  // A basic ("...", with \ escapes) or literal ('...') string, single- or multi-line. An
  // unterminated one ends the scan: the TOML library reports it with its line.
  void skip_string(char quote) {
    const bool multi = m_text.substr(m_pos, 3) == std::string(3, quote);
    m_pos += multi ? 3 : 1;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == '\\' && quote == '"') {
        if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') {
          ++m_line;
        }
        m_pos += 2;
        continue;
      }
      if (c == '\n') {
        ++m_line;
        if (!multi) {
          ++m_pos;
          return;
        }
      }
      if (c == quote) {
        if (!multi) {
          ++m_pos;
          return;
        }
        if (m_text.substr(m_pos, 3) == std::string(3, quote)) {
          m_pos += 3;
          // Up to two more quotes may close a multi-line string ("""a"""" is 'a"').
          while (m_pos < m_text.size() && m_text[m_pos] == quote) {
            ++m_pos;
          }
          return;
        }
      }
      ++m_pos;
    }
  }

  std::string_view m_text;
  const std::string& m_path;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
  std::size_t m_depth = 0;
  std::size_t m_dots = 0;
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
