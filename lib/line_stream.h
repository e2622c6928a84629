#pragma once
// A std::ostream that hands each complete line to a callback: what the command line would
// print to stderr reaches the library's log callback one line at a time.
#include <functional>
#include <ostream>
#include <streambuf>
#include <string>

namespace migratecpp::lib {

class LineBuffer : public std::streambuf {
public:
  explicit LineBuffer(std::function<void(const std::string&)> sink) : m_sink(std::move(sink)) {}
  // Hands over a last line that had no newline.
  void flush_partial();

protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;

private:
  void put(char c);

  std::function<void(const std::string&)> m_sink;
  std::string m_line;
};

class LineStream : public std::ostream {
public:
  explicit LineStream(std::function<void(const std::string&)> sink)
      : std::ostream(nullptr), m_buffer(std::move(sink)) {
    rdbuf(&m_buffer);
  }
  ~LineStream() override { m_buffer.flush_partial(); }

private:
  LineBuffer m_buffer;
};

} // namespace migratecpp::lib
