#pragma once
// Reading and writing SQLite SQL text: SQLite's quoting rules for the shared tokenizer
// (util/sql_lexer.h), helpers for identifiers inside expressions, and the comment form that
// carries column and table comments inside CREATE TABLE text.
//
// SQLite keeps the text of every CREATE TABLE / CREATE INDEX statement verbatim in
// sqlite_master (renames rewrite only the names in it), so that text is where introspection
// reads what the catalog pragmas do not report: constraint names, CHECK expressions, partial
// index predicates, AUTOINCREMENT and our comments.
#include "dialects/sql_builder.h"
#include "util/sql_lexer.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::sqlite {

// SQLite's quoting: names written "x"; text read back may quote names with "x", `x` or [x];
// a string is 'x' with ' doubled and no backslash escapes.
inline constexpr Quoting k_quoting{.identifier_open = '"',
                                   .identifier_close = '"',
                                   .backslash_escapes = false,
                                   .syntax = {.double_quote_identifiers = true,
                                              .backtick_identifiers = true,
                                              .bracket_identifiers = true,
                                              .backslash_escapes = false}};

using util::sql::identifier_value;
using util::sql::is_identifier;
using util::sql::is_keyword;
using util::sql::is_punct;
using util::sql::matching_paren;
using util::sql::Token;
using util::sql::TokenKind;

// util::sql::tokenize with SQLite's syntax.
std::vector<Token> tokenize(std::string_view sql);

// "name" with embedded double quotes doubled (k_quoting).
std::string quote_identifier(std::string_view name);

// True if `expr` refers to the identifier `name` (bare or quoted; SQLite compares names
// ASCII case-insensitively), outside strings and comments.
bool mentions_identifier(std::string_view expr, std::string_view name);
// `expr` with every identifier token naming `from` replaced by the quoted `to`; strings,
// comments and spacing are kept.
std::string rename_identifier(std::string_view expr, std::string_view from, std::string_view to);

// The comment form. SQLite has no COMMENT statement, so a comment is written into the
// CREATE TABLE text as an SQL block comment, which SQLite keeps:
//
//   CREATE TABLE "users" /* comment: registered users */ (
//     "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL /* type: bigint */,
//     "email" VARCHAR(255) NOT NULL /* comment: the login */,
//     ...
//
// A table's comment sits between its name and the opening parenthesis; a column's sits at the
// end of its definition, before the comma. The text follows "/* <key>: " exactly and ends
// before " */"; inside it a backslash is written "\\" and "*/" is written "*\/", so any text
// round-trips. Key "comment" holds a comment; key "type" holds the declared type of a column
// whose SQL type SQLite forces (a bigint autoincrement key must be INTEGER), so that
// introspection reads back the type the model asked for.
std::string metadata_comment(std::string_view key, std::string_view text);
// The text of a metadata comment with that key, or nullopt if `comment_token` is not one.
std::optional<std::string> parse_metadata_comment(std::string_view comment_token,
                                                  std::string_view key);

} // namespace migratecpp::dialects::sqlite
