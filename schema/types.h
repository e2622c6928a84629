#pragma once
// Column types: the portable names of the spec, the aliases every database spells differently,
// and what counts as a narrowing change. Dialect-neutral: dialects map canonical names to
// their own spelling (Dialect::type_sql), introspection canonicalizes what it reads back, and
// the diff compares canonical names only.
#include "schema/column_type.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::schema {

// A type name split into its parts: "numeric(12,2)" -> {"numeric", {"12", "2"}},
// "varchar" -> {"varchar", {}}, "integer[]" -> {"integer", {}, true}.
struct ParsedType {
  std::string base;              // lowercase, inner whitespace collapsed ("double precision")
  std::vector<std::string> args; // trimmed, as written ("255"; "'a'" for an enum literal)
  bool array = false;            // PostgreSQL "x[]"
  bool operator==(const ParsedType&) const = default;
};

// Splits without resolving aliases. A name it cannot split ("varchar(" ...) comes back whole
// as `base` with no args.
ParsedType parse_type(std::string_view written);

// The canonical lowercase spelling, so that aliases compare equal: "INT4" and "int" ->
// "integer", "character varying(255)" -> "varchar(255)", "decimal(10, 2)" -> "numeric(10,2)",
// "timestamp with time zone" -> "timestamptz", "bytea" -> "blob". Unknown names come back
// lowercased with whitespace normalized, otherwise unchanged.
std::string canonical_type(std::string_view written);

// The portable base names of the spec, in the spec's order: "smallint", "integer", ...,
// "numeric", "varchar", "char", ... (without arguments). For "did you mean" suggestions.
const std::vector<std::string>& portable_type_names();

// True if `written` is (an alias of) a portable type with valid arguments: "int4",
// "varchar(255)", "numeric(12,2)". False for native types ("jsonb") and for a portable name
// with wrong arguments ("varchar(x)", "integer(3,4)").
bool is_portable_type(std::string_view written);

// The integer type a PostgreSQL serial type stands for (serial, serial4 -> integer; bigserial,
// serial8 -> bigint; smallserial, serial2 -> smallint); any other type as it is. A serial is
// an integer column with a sequence of its own: what it is stored as, and the type ALTER
// COLUMN ... TYPE takes.
ColumnType serial_integer(const ColumnType& type);
// The serial spelling of an integer type (integer -> serial, bigint -> bigserial, smallint ->
// smallserial), or nullopt for a type with none.
std::optional<ColumnType> serial_of(const ColumnType& type);

// True if `written` is a portable type or a native type of a dialect migratecpp supports
// ("jsonb", "inet", "mediumtext", "tinyint(1)", "datetime"). The models loader uses it to
// flag a probable typo ("integr") without forbidding native types it does not know.
bool is_known_type(std::string_view written);

// True if changing a column from `from` to `to` can lose data: a shorter varchar, a smaller
// integer, fewer numeric digits, text -> varchar(n), or any change between type families
// (integer -> text, timestamp -> date, ...). Equal types (after canonicalization) are not
// narrowing; neither is widening within a family (integer -> bigint, varchar(50) -> text).
bool is_narrowing(std::string_view from, std::string_view to);

} // namespace migratecpp::schema
