#pragma once
// Which indexes and constraints of a table use a column: what a database drops with the
// column (PostgreSQL, SQLite's rebuild), what MariaDB refuses to drop it under, and what the
// diff must drop and make again around a column it drops and adds back.
#include "schema/model.h"

#include <string>

namespace migratecpp::schema {

// `expression` names `column` (an identifier token, bare or quoted; not inside a string).
bool mentions(const std::string& expression, const std::string& column);

// A part is the column, or an expression mentioning it; so is the partial-index predicate.
bool uses_column(const Index& index, const std::string& column);
bool uses_column(const UniqueConstraint& unique, const std::string& column);
// The key's own columns (not the columns it references in another table).
bool uses_column(const ForeignKey& key, const std::string& column);
bool uses_column(const CheckConstraint& check, const std::string& column);

} // namespace migratecpp::schema
