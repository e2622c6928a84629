#pragma once
// Pieces of view DDL every dialect shares: the definition as pasted after AS (trimmed, no
// trailing ';') and the optional column list, quoted by the dialect.
#include "dialects/dialect.h"
#include "schema/model.h"

#include <string>

namespace migratecpp::dialects {

std::string view_definition_sql(const std::string& definition);
// " (\"a\", \"b\")" or "" when the view names no columns.
std::string view_columns_sql(const Dialect& d, const schema::View& v);
// The definition as introspection stores it: trimmed, trailing ';' removed.
std::string stored_view_definition(const std::string& text);

} // namespace migratecpp::dialects
