#include "util/output.h"

#include "util/display.h"
#include "util/error.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace migratecpp::util {

Output::Output(std::ostream& data, std::ostream& diag) : m_data(data), m_diag(diag) {}

void Output::set_color(ColorMode mode) {
  switch (mode) {
  case ColorMode::always:
    m_color = true;
    break;
  case ColorMode::never:
    m_color = false;
    break;
  case ColorMode::automatic: {
    // https://no-color.org: any non-empty NO_COLOR disables colour.
    const char* no_color = std::getenv("NO_COLOR");
    m_color = (no_color == nullptr || *no_color == '\0') && &m_diag == &std::cerr &&
              isatty(STDERR_FILENO) != 0;
    break;
  }
  }
}

bool Output::progress_on_terminal() const {
  return m_verbosity != Verbosity::quiet && &m_diag == &std::cerr && isatty(STDERR_FILENO) != 0;
}

void Output::progress_begin(std::string_view text) {
  m_diag << escape_control(text) << std::flush;
}

void Output::progress_end(std::string_view text) {
  write_diag(escape_control(text));
  m_diag.flush();
}

void Output::write_diag(std::string line) {
  // One write(2) per line: std::cerr is unit-buffered, so each << was a system call of its own
  // (two per "Running upgrade" line, five per warning), and lines of two processes sharing a
  // terminal or a CI log could interleave mid-line.
  line += '\n';
  m_diag << line;
}

std::string Output::paint(std::string_view text, std::string_view code) const {
  if (!m_color) {
    return std::string(text);
  }
  return "\033[" + std::string(code) + "m" + std::string(text) + "\033[0m";
}

Output Output::with_data(std::ostream& data) const {
  Output o(data, m_diag);
  o.m_verbosity = m_verbosity;
  o.m_color = m_color;
  return o;
}

void Output::check_data() const {
  if (m_data) {
    return;
  }
  // errno still holds the failed write(2)'s reason (ENOSPC, EPIPE, EIO ...) when the stream
  // is stdout; a stream of our own may fail without one.
  const int err = errno;
  throw Error(std::string("cannot write to standard output") +
              (err != 0 ? std::string(": ") + std::strerror(err) : std::string()));
}

void Output::data(std::string_view line) {
  errno = 0;
  m_data << line << '\n';
  check_data();
}

void Output::data_raw(std::string_view text) {
  errno = 0;
  m_data << text;
  check_data();
}

void Output::finish() {
  errno = 0;
  m_data.flush();
  check_data();
  if (&m_data == &std::cout) {
    // std::cout writes through stdio's stdout: its buffer is what reaches the file.
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
      const int err = errno;
      throw Error(std::string("cannot write to standard output") +
                  (err != 0 ? std::string(": ") + std::strerror(err) : std::string()));
    }
  }
}

void Output::data_escaped(std::string_view line) {
  data(escape_control(line));
}

void Output::info(std::string_view line) {
  if (m_verbosity != Verbosity::quiet) {
    write_diag(escape_control(line));
  }
}

void Output::detail(std::string_view line) {
  if (m_verbosity == Verbosity::verbose) {
    write_diag(escape_control(line));
  }
}

void Output::warning(std::string_view line) {
  write_diag("migratecpp: " + paint("warning:", "1;33") + ' ' + escape_control(line));
}

void Output::error(std::string_view message) {
  write_diag("migratecpp: " + paint("error:", "1;31") + ' ' + escape_control(message));
}

} // namespace migratecpp::util
