#pragma once
// MySQL's quoting and lexical rules, described once: identifiers in backticks, string
// literals with ' doubled and a backslash doubled (backslash escapes are on: the connection
// takes NO_BACKSLASH_ESCAPES out of sql_mode, see mysql_connection.cpp, so that what is
// written here reads back the same), # comments. A double quote delimits a string, not a
// name, since the connection also takes ANSI_QUOTES out of sql_mode; the tokenizer has no
// double-quoted strings, so it reads "..." as one quoted token, which keeps token boundaries
// (a ; or ? inside is not a statement end or a placeholder) right.
#include "dialects/sql_builder.h"

namespace migratecpp::dialects::mysql {

inline constexpr Quoting k_quoting{.identifier_open = '`',
                                   .identifier_close = '`',
                                   .backslash_escapes = true,
                                   .syntax = {.double_quote_identifiers = true,
                                              .backtick_identifiers = true,
                                              .bracket_identifiers = false,
                                              .backslash_escapes = true,
                                              .escape_strings = false,
                                              .dollar_quotes = false,
                                              .hash_comments = true}};

} // namespace migratecpp::dialects::mysql
