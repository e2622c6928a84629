#pragma once
// The ops sections of a revision file as `migratecpp revision` writes them, read without the
// TOML library's parser: toml++ parsing the ops was a sixth of the instructions of a
// 200-revision upgrade (bench/RESULTS.md), most of it decoding UTF-8 one character at a time.
//
// Only plain TOML is read here (plain_toml.h): `[[upgrade]]` and `[[downgrade]]` headers and
// `key = value` lines, comments and blank lines between. Keys are bare, dotted in a table's
// own lines (sql.postgresql = ...). Values are the cursor's strings, integers and booleans,
// arrays (over several lines, with comments) and one-line inline tables. Anything else (a
// float, a date, a multi-line basic string, a quoted key, another header, a repeated key...)
// gives nullopt and is left to the TOML parse, which reads it or says what is wrong. Where a
// table is returned it equals what toml::parse gives for the same text (the differential tests
// check it); only source positions are missing, and the line of each [[...]] header is
// returned beside it.
#include <toml++/toml.h>

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

struct PlainOps {
  toml::table sections;                     // "upgrade" and "downgrade": arrays of tables
  std::vector<std::size_t> upgrade_lines;   // the line of each [[upgrade]] header
  std::vector<std::size_t> downgrade_lines; // the line of each [[downgrade]] header
};

// `text` is the part of a revision file from its first table header on (toml_top_level_end),
// whose first line is line `first_line` of the file.
std::optional<PlainOps> read_plain_ops(std::string_view text, std::size_t first_line);

} // namespace migratecpp::migrate
