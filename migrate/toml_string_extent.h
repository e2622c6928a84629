#pragma once
// Where a TOML string ends, for the scans that read a TOML text without parsing it: the
// limits check (toml_limits.h) and the search for a revision file's first table
// (revision_header.h). Both skip strings whole, so that a '[', '#' or '=' inside one is not
// taken for TOML's own.
#include <cstddef>
#include <string_view>

namespace migratecpp::migrate {

struct TomlStringExtent {
  std::size_t end = 0;     // just past the closing quotes, or where it stops (below)
  bool multi_line = false; // """...""" or '''...'''
  bool closed = false;     // false: the text ends inside it, or a line end cuts a one-line string
};

// The string opening at text[begin], a '"' (basic: backslash escapes) or a '\'' (literal),
// one-line or multi-line. A multi-line string is closed by three quotes and the quotes right
// after them (up to two more belong to it: """a"""" is 'a"'). A one-line string cut by a line end
// stops at that '\n', which is not part of it; one the text ends inside stops at the end.
TomlStringExtent toml_string_extent(std::string_view text, std::size_t begin);

} // namespace migratecpp::migrate
