#pragma once
// Reading and writing SQLite SQL text: a tokenizer that knows SQLite's quoting rules, helpers
// for identifiers inside expressions, and the comment form that carries column and table
// comments inside CREATE TABLE text.
//
// SQLite keeps the text of every CREATE TABLE / CREATE INDEX statement verbatim in
// sqlite_master (renames rewrite only the names in it), so that text is where introspection
// reads what the catalog pragmas do not report: constraint names, CHECK expressions, partial
// index predicates, AUTOINCREMENT and our comments.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::sqlite {

enum class TokenKind {
  word,              // bare identifier or keyword: users, CREATE, _x1
  quoted_identifier, // "x", `x` or [x]
  string,            // 'it''s'
  blob,              // x'00ff'
  number,            // 12, 1.5e3, 0x1f
  variable,          // ?, ?1, :name, @name, $name
  punct,             // ( ) , ; . + - || <= ...
  comment,           // -- to end of line, or /* ... */
};

struct Token {
  TokenKind kind;
  std::string_view text; // a view into the tokenized text
  std::size_t offset;    // where `text` starts in it
};

// Splits SQL text into tokens. Whitespace is dropped; comments are kept as tokens. Never
// throws: an unterminated quote or comment runs to the end of the text.
std::vector<Token> tokenize(std::string_view sql);

// True if `t` is the bare word `keyword` (ASCII case-insensitive).
bool is_keyword(const Token& t, std::string_view keyword);
// True if `t` names something: a bare word or a quoted identifier.
bool is_identifier(const Token& t);
// The name a word or quoted identifier stands for: "a""b" -> a"b, [x y] -> x y.
std::string identifier_value(const Token& t);

// "name" with embedded double quotes doubled.
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
