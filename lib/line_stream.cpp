#include "lib/line_stream.h"

namespace migratecpp::lib {

void LineBuffer::put(char c) {
  if (c != '\n') {
    m_line.push_back(c);
    return;
  }
  std::string line;
  line.swap(m_line);
  if (m_sink) {
    try {
      m_sink(line);
    } catch (...) {
      // A callback's failure must not change what the command does.
    }
  }
}

void LineBuffer::flush_partial() {
  if (!m_line.empty()) {
    put('\n');
  }
}

LineBuffer::int_type LineBuffer::overflow(int_type ch) {
  if (!traits_type::eq_int_type(ch, traits_type::eof())) {
    put(traits_type::to_char_type(ch));
  }
  return traits_type::not_eof(ch);
}

std::streamsize LineBuffer::xsputn(const char* s, std::streamsize n) {
  for (std::streamsize i = 0; i < n; ++i) {
    put(s[i]);
  }
  return n;
}

} // namespace migratecpp::lib
