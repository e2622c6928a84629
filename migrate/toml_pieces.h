#pragma once
// A TOML document cut at the headers of one top-level array of tables, so that each element
// can be parsed, read and let go alone: toml++'s document takes about ten times the memory of
// its text, and a models file of 5,000 tables parsed whole was most of autogenerate's peak.
//
// Each piece is one `[[key]]` element with the `[key.x]` / `[[key.x]]` headers that follow it;
// `rest` is the document with those lines emptied (kept as newlines, so that every line keeps
// its number). Parsing `rest` and each piece gives what parsing the whole gives. The cut finds
// headers with toml_top_level_end, which reads strings, comments and brackets as TOML does, so
// a header-like line inside a multi-line string or array is not taken for a header.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

struct TomlPieces {
  struct Piece {
    std::string_view text; // from its `[[key]]` line to the next header of something else
    std::size_t first_line = 1;
  };
  std::string rest;
  std::vector<Piece> pieces;
};

// nullopt where the document is not cut (no `[[key]]`; a header of `key` with quotes in it, or
// one of its sub-tables before any `[[key]]`): parse it whole.
std::optional<TomlPieces> cut_array_of_tables(std::string_view text, std::string_view key);

} // namespace migratecpp::migrate
