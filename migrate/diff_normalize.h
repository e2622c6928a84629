#pragma once
// The comparison forms of the differ: two spellings of one definition (an expression, a
// default, an index entry, a foreign-key action, a nullability) normalize to the same text or
// value, so the differ compares forms and never spellings. normalize_expression, the one
// callers outside the differ use, is declared in diff.h.
#include "schema/model.h"

#include <optional>
#include <string>

namespace migratecpp::migrate {

// Defaults compare as expressions; an explicit NULL default is the same as none ("" for both).
std::string normalize_default(const std::optional<std::string>& expr);
// As above, for a column of `type`: on a numeric column a plain number compares by its value
// (MySQL stores DEFAULT 0 of a DECIMAL(10,2) column as 0.00), on any other it stays as written.
std::string normalize_default(const std::optional<std::string>& expr,
                              const schema::ColumnType& type);
// An index entry is a column name (compared exactly) or an expression (normalized).
std::string normalize_entry(const std::string& entry);
// An index part: its column (as normalize_entry) or its expression (normalized), then what
// follows it (collation, operator class, order; ASC is the default order) normalized.
std::string normalize_part(const schema::IndexPart& part);
// Lowercased, spaces collapsed; NO ACTION, what every database does when nothing is said, is "".
std::string normalize_action(const std::string& action);
// An absent comment is an empty one.
std::string effective_comment(const std::optional<std::string>& c);
// A collation compared: "" for the default one, lowercased (collation names are
// case-insensitive in MySQL and SQLite; PostgreSQL's "C" and "POSIX" have no lowercase twin).
std::string effective_collation(const std::optional<std::string>& c);
// Primary-key columns are never nullable, whatever the flag says.
bool effective_nullable(const schema::Column& c);

} // namespace migratecpp::migrate
