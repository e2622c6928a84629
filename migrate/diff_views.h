#pragma once
// The part of the diff for views: which views are created, dropped, replaced in place or
// dropped and created again (with every view that reads them, and every view over a table
// whose columns change), and in what order (what a view reads first; drops in reverse).
#include "migrate/diff.h"
#include "schema/model.h"
#include "schema/ops.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace migratecpp::migrate {

struct ViewChanges {
  std::vector<schema::Op> drops;   // before any table changes: dependents first
  std::vector<schema::Op> creates; // once the tables are there: creates and replaces, in order
  // What undoes `creates` where that is not reverse_all(creates): a view whose columns were
  // only appended is replaced in place on PostgreSQL, but its reverse would take columns away,
  // which CREATE OR REPLACE cannot: the downgrade drops it (and the views on it) and creates
  // it as it was.
  std::optional<std::vector<schema::Op>> creates_down;
  std::vector<std::string> warnings;
};

// `reshaped_tables`: tables dropped, or whose columns change in a way a view over them cannot
// follow (type, name, collation, a column dropped): the views over them are dropped before and
// created again after, in the same revision.
ViewChanges diff_views(const schema::Database& current, const schema::Database& desired,
                       const std::set<std::string>& reshaped_tables, const DiffOptions& options);

// Two views' comparison form: the definition as normalize_expression gives it (whitespace,
// case of words, quotes of names), a trailing ';' left out.
bool same_view(const schema::View& a, const schema::View& b);

} // namespace migratecpp::migrate
