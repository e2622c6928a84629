#pragma once
// One part of an index: a column or an expression, with what may follow it (collation,
// operator class, order, NULLS placement, a length prefix). Model and revision files, and
// `inspect`, write a part as text ("email", "lower(email) DESC", "name text_pattern_ops",
// "title(10)"); that text is parsed once where it enters (parse_index_part) and written back
// from the value (index_part_text), so the rest of the engine works on values, and each
// dialect renders a part in its own syntax.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::schema {

enum class SortOrder { unspecified, ascending, descending };

struct IndexPart {
  std::string column;     // a column's name, unquoted; empty for an expression
  std::string expression; // SQL text as written ("lower(email)"); empty for a column
  // The column was written quoted ("Email" DESC). Spelling only: keeps written text
  // byte-identical; never changes what the part means.
  bool quoted = false;
  std::optional<std::string> collation; // as written: C, "C", NOCASE
  std::optional<std::string> opclass;   // as written: text_pattern_ops, pg_catalog.int4_ops
  SortOrder order = SortOrder::unspecified;
  std::optional<bool> nulls_first; // NULLS FIRST (true) / NULLS LAST (false) where said
  std::optional<int> length;       // a prefix length: title(10) (MySQL)
  // Spelling only, never compared: the text the part was read from, which the files users see
  // get back byte for byte ("order desc" keeps its lowercase), and how many of its bytes are
  // the column or expression (the rest is the suffix as written). Empty for a part built in
  // code, which is written in the canonical form (index_part_text).
  std::string written;
  std::size_t written_head = 0;

  IndexPart() = default;
  // The part `text` stands for, read as parse_index_part reads it without the table's
  // columns: lets code and tests write parts as users do ({"email", "lower(name) DESC"}).
  IndexPart(const char* text);        // NOLINT(google-explicit-constructor)
  IndexPart(const std::string& text); // NOLINT(google-explicit-constructor)

  bool is_expression() const { return column.empty(); }
  bool descending() const { return order == SortOrder::descending; }
  // Nothing follows the column or expression.
  bool is_plain() const;
  // Equal in meaning: the spelling (quoted, written) does not count.
  bool operator==(const IndexPart& other) const;

  static IndexPart of_column(std::string name);
  static IndexPart of_expression(std::string sql);
};

// Parses the text of one part. `columns` are the table's column names where known: an entry
// equal to one of them is that column whatever its characters ("org id"), also before a
// suffix ("org id DESC", as SQLite's inspect writes it). Otherwise a single identifier (bare
// or quoted) is a column, name(N) is column `name` with a length prefix, and anything else is
// an expression. Trailing COLLATE x, an operator class, ASC/DESC and NULLS FIRST/LAST are
// read off the end of either. Never throws: what is not understood stays expression text.
IndexPart parse_index_part(std::string_view text, const std::vector<std::string>& columns = {});

// The text parse_index_part reads back to the same part: the text it was read from where
// there is one (`written`), else the column (quoted if it was written so) or the expression,
// then its suffix words in keyword upper case.
std::string index_part_text(const IndexPart& part);

// The words after the column or expression (" COLLATE x text_pattern_ops DESC NULLS LAST"),
// preceded by a space, as written where the part was read from text; "" for a plain part.
std::string index_part_suffix(const IndexPart& part);

// The column or expression as written (`"Email"`, `lower(email)`, `title(10)`), without the
// suffix; for a part built in code, as index_part_text writes it.
std::string index_part_head(const IndexPart& part);

// `part` read again with the table's columns known: a part read where the table was not at
// hand (a revision file's create_index) whose text names a column ("org id DESC") is that
// column. A part built in code is returned as it is.
IndexPart resolve_index_part(const IndexPart& part, const std::vector<std::string>& columns);

// Replaces the column (of a column part) or the expression (of an expression part); the
// suffix stays as written. For a rename: "a desc" -> "b desc".
void replace_index_part_head(IndexPart& part, std::string column_or_expression);

// parse_index_part, resolve_index_part and index_part_text over a list.
std::vector<IndexPart> parse_index_parts(const std::vector<std::string>& texts,
                                         const std::vector<std::string>& columns = {});
std::vector<IndexPart> resolve_index_parts(const std::vector<IndexPart>& parts,
                                           const std::vector<std::string>& columns);
std::vector<std::string> index_part_texts(const std::vector<IndexPart>& parts);

// True if `expression` can stand without parentheses where an index takes an expression: a
// name, a function call f(x), or a parenthesized expression (a + b). Comments do not count.
bool is_atomic_expression(std::string_view expression);

} // namespace migratecpp::schema
