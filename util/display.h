#pragma once
// Text from files and databases made fit to print: control characters escaped (an id or a
// message holding "\x1b[2J" must not clear the user's terminal), and statements quoted in
// errors cut to a readable length without the row data they carry.
#include <cstddef>
#include <string>
#include <string_view>

namespace migratecpp::util {

// Every control character except newline and tab written visibly: ESC as \x1b, CR as \r,
// BEL as \a, DEL as \x7f, and the C1 controls (U+0080..U+009F, which some terminals obey
// like ESC sequences) as \u0080... Everything else, UTF-8 included, as is.
std::string escape_control(std::string_view text);

inline constexpr std::size_t k_quoted_statement_chars = 200;
inline constexpr std::size_t k_quoted_statement_lines = 5;

// A statement as an error message quotes it: an INSERT's rows (whatever follows its VALUES
// keyword) replaced by "…(row values not shown)", then at most k_quoted_statement_lines lines
// and k_quoted_statement_chars characters, the rest as "…(N more characters)".
std::string quote_statement(std::string_view sql);

} // namespace migratecpp::util
