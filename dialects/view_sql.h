#pragma once
// Pieces of view DDL every dialect shares: the definition as pasted after AS (trimmed, no
// trailing ';') and the optional column list, quoted by the dialect.
#include "dialects/dialect.h"
#include "schema/model.h"

#include <set>
#include <string>
#include <vector>

namespace migratecpp::dialects {

std::string view_definition_sql(const std::string& definition);
// " (\"a\", \"b\")" or "" when the view names no columns.
std::string view_columns_sql(const Dialect& d, const schema::View& v);
// The definition as introspection stores it: trimmed, trailing ';' removed.
std::string stored_view_definition(const std::string& text);

// Views that call a routine no model can describe yet (a stored function, an aggregate) cannot
// be created from the models: they stay unmanaged, named as such, and so does every view that
// reads one of them. Removes from `views` those in `calling` and their dependents (through
// depends_on), returning the names removed, sorted.
std::vector<std::string> take_views_calling_routines(std::vector<schema::View>& views,
                                                     const std::set<std::string>& calling);

} // namespace migratecpp::dialects
