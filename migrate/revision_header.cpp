#include "migrate/revision_header.h"

#include "migrate/plain_header.h"
#include "migrate/revision_file.h"
#include "migrate/toml_string_extent.h"
#include "util/error.h"
#include "util/file_read.h"

#include <optional>

namespace migratecpp::migrate {

namespace {

// Finds the first top-level table header. Only the text before a position decides whether a
// '[' there opens a table, so a prefix of a file gives the same answer as the whole file
// once the header line is in it.
class HeaderScanner {
public:
  explicit HeaderScanner(std::string_view text) : m_text(text) {}

  std::size_t run(bool& complete) {
    std::size_t line_start = 0;
    bool blank_so_far = true; // nothing but blanks since line_start
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      switch (c) {
      case '"':
      case '\'':
        if (!skip_string(c)) {
          complete = false;
          return m_text.size();
        }
        blank_so_far = false;
        continue;
      case '#':
        while (m_pos < m_text.size() && m_text[m_pos] != '\n') {
          ++m_pos;
        }
        continue;
      case '\n':
        line_start = m_pos + 1;
        blank_so_far = true;
        break;
      case ' ':
      case '\t':
      case '\r':
        break;
      case '[':
        if (m_depth == 0 && blank_so_far) {
          complete = true;
          return line_start;
        }
        ++m_depth;
        blank_so_far = false;
        break;
      case '{':
        ++m_depth;
        blank_so_far = false;
        break;
      case ']':
      case '}':
        if (m_depth > 0) {
          --m_depth;
        }
        blank_so_far = false;
        break;
      default:
        blank_so_far = false;
        break;
      }
      ++m_pos;
    }
    complete = false;
    return m_text.size();
  }

private:
  // Skips the string opening at m_pos; false when it may go on past the text, a prefix of the
  // file (a string cut by a line end stops at it: the TOML parser reports it).
  bool skip_string(char quote) {
    const std::string_view rest = m_text.substr(m_pos);
    if (rest.size() < 3 && rest == std::string(3, quote).substr(0, rest.size())) {
      return false; // "" at the very end may yet open a multi-line string
    }
    const TomlStringExtent string = toml_string_extent(m_text, m_pos);
    m_pos = string.end;
    // Known whole: a closed one-line string, or anything that stopped before the text's end
    // (a multi-line string closed at the end may have more closing quotes after it).
    return (string.closed && !string.multi_line) || m_pos < m_text.size();
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_depth = 0;
};

} // namespace

std::size_t toml_top_level_end(std::string_view text, bool* complete) {
  bool found = false;
  const std::size_t end = HeaderScanner(text).run(found);
  if (complete != nullptr) {
    *complete = found;
  }
  return end;
}

Revision parse_revision_header(std::string_view text, const std::string& path) {
  const std::string_view top = text.substr(0, toml_top_level_end(text));
  if (auto plain = read_plain_header(top, path)) {
    return std::move(*plain);
  }
  try {
    return parse_revision_keys(top, path);
  } catch (const util::Error&) {
    // A bad header is reported as the whole file's parse reports it: a syntax error further
    // down comes first there, and an unknown top-level table is named.
    return parse_revision_file(text, path).revision;
  }
}

Revision read_revision_header(const std::filesystem::path& path, std::string* whole_text) {
  util::FileReader file(path, "file");
  // Doubling reads: a header is a few hundred bytes, but a multi-line message may be long,
  // and each attempt scans from the start.
  std::string text;
  std::size_t chunk = 4 * 1024;
  std::size_t asked = 0;
  std::size_t end = 0;
  bool at_end = false;
  while (true) {
    asked += chunk;
    at_end = !file.read_some(text, chunk);
    bool complete = false;
    end = toml_top_level_end(text, &complete);
    if (complete || at_end) {
      break;
    }
    chunk *= 2;
  }
  // A read shorter than asked for is the end of a regular file in practice, not by contract:
  // one more read that finds nothing says so, and costs less than reading the file again.
  const bool whole =
      whole_text != nullptr && (at_end || (text.size() < asked && !file.read_some(text, 1)));
  const std::string_view top = std::string_view(text).substr(0, end);
  std::optional<Revision> rev = read_plain_header(top, path.string());
  if (!rev) {
    try {
      rev = parse_revision_keys(top, path.string());
    } catch (const util::Error&) {
      return parse_revision_file(whole ? text : util::read_file(path), path.string()).revision;
    }
  }
  if (whole) {
    *whole_text = std::move(text);
  }
  return std::move(*rev);
}

} // namespace migratecpp::migrate
