#pragma once
// The part of the diff for PostgreSQL aggregates and operators. They are matched by identity
// (name and arguments; name, leftarg and rightarg), compared field by field (names and types
// in normalize_expression's form, initial conditions as written), and a changed one is
// dropped and created again. Their ops run in one step after the functions they call and
// before the tables (diff.cpp): drops first (aggregates before the operators a SORTOP may
// name), then creates (operators first). The views that use a changed one are dropped before
// and created again after (diff_views.h): `recreated` names them as views' depends_on do.
#include "migrate/diff.h"
#include "schema/ops.h"

#include <set>
#include <string>
#include <vector>

namespace migratecpp::migrate {

struct AggregateChanges {
  std::vector<schema::Op> ops;
  std::set<std::string> recreated; // aggregate_key / operator_key of those dropped and created
  std::vector<std::string> warnings;
};

AggregateChanges diff_aggregates(const schema::Database& current, const schema::Database& desired,
                                 const DiffOptions& options);

} // namespace migratecpp::migrate
