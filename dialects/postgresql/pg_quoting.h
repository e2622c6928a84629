#pragma once
// PostgreSQL's quoting and lexical rules, described once: identifiers in double quotes, string
// literals with ' doubled (standard_conforming_strings, on since 9.1, so a backslash is an
// ordinary character), and text read back with E'...' escape strings, $tag$...$tag$ bodies and
// the :: cast. Backticks and brackets are not quotes here (a[1] is a subscript).
#include "dialects/sql_builder.h"

namespace migratecpp::dialects::postgresql {

inline constexpr Quoting k_quoting{.identifier_open = '"',
                                   .identifier_close = '"',
                                   .backslash_escapes = false,
                                   .syntax = {.double_quote_identifiers = true,
                                              .backtick_identifiers = false,
                                              .bracket_identifiers = false,
                                              .backslash_escapes = false,
                                              .escape_strings = true,
                                              .dollar_quotes = true}};

} // namespace migratecpp::dialects::postgresql
