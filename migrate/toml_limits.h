#pragma once
// Bounds on a TOML text, checked by a cheap scan before the TOML library sees it: the library
// recurses once per level of a dotted key and of nested arrays and inline tables, so a file
// with a 50,000-level key crashes it (stack overflow) instead of failing. Every config, models
// and revision file goes through check_toml_limits (parse_toml calls it).
#include <cstddef>
#include <string>
#include <string_view>

namespace migratecpp::migrate {

// Far beyond anything written by hand or by migratecpp (a models file nests 3 levels).
inline constexpr std::size_t k_max_toml_bytes = 64u * 1024 * 1024;
inline constexpr std::size_t k_max_toml_nesting = 64;   // arrays and inline tables
inline constexpr std::size_t k_max_toml_key_parts = 64; // a.b.c... in one key or header

// Throws util::Error at path:line when `text` is larger than k_max_toml_bytes, nests arrays
// or inline tables deeper than k_max_toml_nesting, has a key or table header of more than
// k_max_toml_key_parts dotted parts, or a character beyond ASCII outside strings and comments
// (never TOML, and some of them take toml++ 3.3 to undefined behaviour). Strings and comments
// are skipped, not counted.
void check_toml_limits(std::string_view text, const std::string& path);

} // namespace migratecpp::migrate
