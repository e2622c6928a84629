#pragma once
// The model-file checks for aggregates and operators: one of each identity (an aggregate by
// name and arguments, an operator by name, leftarg and rightarg), and none where the dialect
// has neither (Dialect::has_aggregates_and_operators), each at file:line.
#include "dialects/dialect.h"
#include "schema/model.h"
#include "util/error.h"

#include <vector>

namespace migratecpp::migrate {

// `aggregates` and `operators` are parallel to db.aggregates and db.operators; `dialect` may be
// null (a models file read on its own).
void check_aggregates(const schema::Database& db, const std::vector<util::Location>& aggregates,
                      const std::vector<util::Location>& operators,
                      const dialects::Dialect* dialect);

} // namespace migratecpp::migrate
