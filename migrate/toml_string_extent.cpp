#include "migrate/toml_string_extent.h"

namespace migratecpp::migrate {

TomlStringExtent toml_string_extent(std::string_view text, std::size_t begin) {
  const char quote = text[begin];
  const std::string_view three = quote == '"' ? "\"\"\"" : "'''";
  TomlStringExtent out;
  out.multi_line = text.substr(begin, 3) == three;
  std::size_t pos = begin + (out.multi_line ? 3 : 1);
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '\\' && quote == '"') {
      pos += 2; // the escaped character cannot close the string
      continue;
    }
    if (c == '\n' && !out.multi_line) {
      out.end = pos;
      return out;
    }
    if (c == quote) {
      if (!out.multi_line) {
        out.end = pos + 1;
        out.closed = true;
        return out;
      }
      if (text.substr(pos, 3) == three) {
        pos += 3;
        // Quotes beyond the two TOML allows are the parser's to refuse: taken here too.
        while (pos < text.size() && text[pos] == quote) {
          ++pos;
        }
        out.end = pos;
        out.closed = true;
        return out;
      }
    }
    ++pos;
  }
  out.end = text.size();
  return out;
}

} // namespace migratecpp::migrate
