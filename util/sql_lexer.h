#pragma once
// The one SQL tokenizer: everything that reads SQL text (CREATE statements read back from a
// catalog, check and default expressions, index expressions, model files) splits it here, so
// that quotes, comments and escapes are handled the same way everywhere.
//
// Databases disagree on quoting: MySQL quotes identifiers with backticks and lets a backslash
// escape a quote inside a string, PostgreSQL has E'...' strings and $tag$...$tag$ bodies,
// SQLite accepts "x", `x` and [x]. A dialect describes its rules in a Syntax value; code that
// does not know the dialect uses the default, which accepts every identifier quote and no
// backslash escapes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::util::sql {

enum class TokenKind {
  word,              // bare identifier or keyword: users, CREATE, _x1
  quoted_identifier, // "x", `x` or [x]
  string,            // 'it''s', E'a\'b' (PostgreSQL), $$body$$ (PostgreSQL)
  blob,              // x'00ff'
  number,            // 12, 1.5e3, 0x1f
  variable,          // ?, ?1, :name, @name, $1
  punct,             // ( ) , ; . + - || <= :: ...
  comment,           // -- to end of line, /* ... */, # to end of line (MySQL)
};

struct Token {
  TokenKind kind;
  std::string_view text; // a view into the tokenized text
  std::size_t offset;    // where `text` starts in it
};

// A dialect's lexical rules.
struct Syntax {
  bool double_quote_identifiers = true; // "x" (the standard)
  bool backtick_identifiers = true;     // `x` (MySQL, SQLite)
  bool bracket_identifiers = false;     // [x] (SQLite); off by default: PostgreSQL subscripts a[1]
  bool backslash_escapes = false;       // 'a\'b' is one string (MySQL's default sql_mode)
  bool escape_strings = false;          // E'a\'b' (PostgreSQL)
  bool dollar_quotes = false;           // $tag$ ... $tag$ (PostgreSQL function bodies)
  bool hash_comments = false;           // # to end of line (MySQL)
  bool comments = true; // -- and /* */; off for text that never holds comments (type names)
};

// Splits SQL text into tokens. Whitespace is dropped; comments are kept as tokens. Never
// throws: an unterminated quote or comment runs to the end of the text.
std::vector<Token> tokenize(std::string_view sql, const Syntax& syntax = {});

// True if `t` is the bare word `keyword` (ASCII case-insensitive).
bool is_keyword(const Token& t, std::string_view keyword);
// True if `t` names something: a bare word or a quoted identifier.
bool is_identifier(const Token& t);
// True if `t` is the punctuation `p`.
bool is_punct(const Token& t, std::string_view p);
// The name a word or quoted identifier stands for: "a""b" -> a"b, [x y] -> x y, `a``b` -> a`b.
std::string identifier_value(const Token& t);
// The text of a string token without its quotes and escapes: 'it''s' -> it's, E'a\nb' -> a
// newline b, $f$x$f$ -> x.
std::string string_value(const Token& t, const Syntax& syntax = {});

// Index of the token that closes the '(' at tokens[open], or tokens.size() if none does.
std::size_t matching_paren(const std::vector<Token>& tokens, std::size_t open);

// One past the ')' matching the '(' at byte `open` of `sql` (quotes and comments respected),
// or npos.
std::size_t closing_paren(std::string_view sql, std::size_t open, const Syntax& syntax = {});

// Why `text` cannot be pasted into a statement as one fragment (a default, a check or index
// expression, a type), or nullopt if it can: a ';' outside quotes, a parenthesis that closes
// what the fragment did not open or is left open, a line comment (which would swallow the
// rest of the statement), an unterminated quote or comment. The text is read both without
// and with backslash escapes (MySQL), so that it is one fragment in every dialect: this is
// what stops a default like "0)); DROP TABLE t; --" from adding a statement nobody wrote.
std::optional<std::string> fragment_problem(std::string_view text);

// The text between tokens[first] and tokens[last] inclusive, as written (spacing kept).
std::string_view span_text(std::string_view sql, const std::vector<Token>& tokens,
                           std::size_t first, std::size_t last);

} // namespace migratecpp::util::sql
