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

  bool is_expression() const { return column.empty(); }
  bool descending() const { return order == SortOrder::descending; }
  // Nothing follows the column or expression.
  bool is_plain() const;
  bool operator==(const IndexPart&) const = default;

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

// The text parse_index_part reads back to the same part: the column (quoted as it was
// written) or the expression as written, then its suffix words in keyword upper case.
std::string index_part_text(const IndexPart& part);

// The words after the column or expression (" COLLATE x text_pattern_ops DESC NULLS LAST"),
// each preceded by a space; "" for a plain part.
std::string index_part_suffix(const IndexPart& part);

// True if `expression` can stand without parentheses where an index takes an expression: a
// name, a function call f(x), or a parenthesized expression (a + b).
bool is_atomic_expression(std::string_view expression);

} // namespace migratecpp::schema
