#pragma once
// A cursor over plain TOML, the subset `migratecpp revision` writes, read without the TOML
// library's parser: the lexical half of the header reader (plain_header.h) and of the ops
// reader (plain_ops.h), each of which builds its own result from it.
//
// Plain is ASCII: printable characters and tabs, lines ended by LF or CRLF. Bare keys; basic
// strings with the escapes \" \\ \n \t \r \b \f and \u below 0x80; literal strings, and
// multi-line literal strings where line ends are allowed; decimal integers that surely fit in
// 64 bits; booleans; comments. Anything else throws NotPlain, and the reader that meets it
// returns nullopt so that the TOML parse reads the text or says what is wrong with it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace migratecpp::migrate::plain {

// Thrown where the text is not plain; caught by the reader that called the cursor.
struct NotPlain {};

class Cursor {
public:
  // `text` begins at line `first_line` of its file.
  Cursor(std::string_view text, std::size_t first_line) : m_text(text), m_line(first_line) {}

  bool at_end() const { return m_pos == m_text.size(); }
  // '\0' at the end (a NUL inside the text is not plain either: see value_end).
  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
  std::size_t line() const { return m_line; }
  // At a line end (LF or CRLF) or the end of the text.
  bool at_line_end() const {
    return at_end() || m_text[m_pos] == '\n' ||
           (m_text[m_pos] == '\r' && m_text.substr(m_pos + 1, 1) == "\n");
  }

  // Takes c if it is next.
  bool take(char c) {
    if (m_pos < m_text.size() && m_text[m_pos] == c) {
      ++m_pos;
      return true;
    }
    return false;
  }
  // NotPlain unless the next character is c, which is taken.
  void expect(char c) {
    if (!take(c)) {
      throw NotPlain{};
    }
  }

  // Spaces and tabs. (These few are inline: the readers call them at every token.)
  void skip_blanks() {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t')) {
      ++m_pos;
    }
  }
  void skip_comment(); // a '#' comment up to its line end, if one is next
  void line_end();     // a line end, or nothing at the end of the text
  // Blanks, comments and line ends, as an array allows between its values; NotPlain at a line
  // end when `line_ends` is false (inside an inline table, which TOML keeps on one line).
  void skip_space(bool line_ends);

  std::string_view bare_key(); // one or more of A-Z a-z 0-9 _ -
  std::string basic_string();  // "..."
  // '...', or '''...''' where `multi_line` allows it.
  std::string literal_string(bool multi_line);
  bool boolean();
  std::int64_t integer();
  // After a bare value (a number, a boolean, a date-time): NotPlain unless what follows may
  // end a value, so that 1.5, 1e3, 1_000, 0x1f or truely are left to the TOML parse.
  void value_end() const;
  // YYYY-MM-DDTHH:MM:SSZ, as written (format_date_time gives the same text back for it).
  std::string utc_date_time();

private:
  char escape();
  std::string multi_line_literal();

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line;
};

} // namespace migratecpp::migrate::plain
