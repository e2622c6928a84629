#pragma once
// Where the tool speaks: data (ids, history, SQL, file paths) to stdout, progress and
// diagnostics to stderr. Library callers can pass their own streams.
#include <iostream>
#include <string>
#include <string_view>

namespace migratecpp::util {

enum class Verbosity { quiet, normal, verbose };
enum class ColorMode { automatic, always, never };

class Output {
public:
  Output(std::ostream& data = std::cout, std::ostream& diag = std::cerr);

  void set_verbosity(Verbosity v) { m_verbosity = v; }
  Verbosity verbosity() const { return m_verbosity; }
  // `automatic` colours stderr when it is a terminal and NO_COLOR is unset.
  void set_color(ColorMode mode);

  // Data writes throw util::Error ("cannot write to standard output: No space left on device")
  // when the stream fails: a script cut short by a full disk must not pass for a whole one.
  void data(std::string_view line);     // one line to stdout
  void data_raw(std::string_view text); // text as is, to stdout
  // One line of names and messages read from files or databases (history, heads, show):
  // control characters escaped (util::escape_control). Not for SQL scripts, which must stay
  // exactly as rendered.
  void data_escaped(std::string_view line);
  // Diagnostics escape control characters (util::escape_control): a revision message or a
  // database error holding an escape sequence must not drive the user's terminal.
  void info(std::string_view line); // progress; hidden by -q
  // True when progress goes to a terminal (stderr is one) and -q is not given: a long run
  // shows a counter line per revision there. Scripts and CI logs keep the plain lines.
  bool progress_on_terminal() const;
  // A progress line in two parts: the start (flushed, no newline), then its end.
  void progress_begin(std::string_view text);
  void progress_end(std::string_view text);
  void detail(std::string_view line);   // shown only with -v
  void warning(std::string_view line);  // always shown
  void error(std::string_view message); // "migratecpp: error: message"

  std::ostream& data_stream() { return m_data; }
  // Flushes the data stream (and stdio's stdout under it) and throws util::Error if anything
  // written to it since the start was lost. Called once, after a command's last write.
  void finish();
  // The same settings and diagnostics stream, with data going to `data` instead: used to
  // hold back a script until it is complete.
  Output with_data(std::ostream& data) const;

private:
  std::string paint(std::string_view text, std::string_view code) const;
  // Writes `line` and a newline to the diagnostics stream in one piece.
  void write_diag(std::string line);
  // Throws util::Error when the data stream is in a failed state.
  void check_data() const;

  std::ostream& m_data;
  std::ostream& m_diag;
  Verbosity m_verbosity = Verbosity::normal;
  bool m_color = false;
};

} // namespace migratecpp::util
