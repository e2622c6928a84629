#pragma once
// What views read, and views in the order they can be created: a view reads tables and other
// views, and a view on a view must come after it (and be dropped before it).
#include "schema/model.h"

#include <set>
#include <string>
#include <vector>

namespace migratecpp::schema {

// The names among `known` (tables and views) that `definition` names, found with the
// tokenizer (a string literal holding a name is not a use), sorted. A qualified name
// (`db`.`t`, s.t) counts by each part; an alias that happens to equal a known name is taken
// for a use, which only adds an order edge.
std::vector<std::string> view_references(const std::string& definition,
                                         const std::set<std::string>& known);

// Fills each view's depends_on that is empty with view_references against the tables and
// views of `db` (a view never depends on itself).
void fill_view_dependencies(Database& db);
// The same for `views` alone, naming the tables of `tables`: for a caller that needs the views
// with their dependencies but not a copy of every table (the diff, at 10,000 tables).
void fill_view_dependencies(std::vector<View>& views, const std::vector<Table>& tables);

// The views of `db` named in `names`, in creation order: each after the views of `db` it
// depends on, ties by name. A cycle (which no database accepts) is broken by name.
std::vector<std::string> views_in_order(const Database& db, const std::set<std::string>& names);

// The views of `db` that depend, directly or through other views, on any of `names` (tables
// or views), `names` themselves not included.
std::set<std::string> dependent_views(const Database& db, const std::set<std::string>& names);

} // namespace migratecpp::schema
