#pragma once
// The model-file checks for functions, procedures and triggers: duplicates (a routine by kind,
// name and arguments; a trigger by table and name, and by name alone where the dialect names
// triggers per schema), a trigger's table in the models, and what the dialect cannot hold
// (routines on SQLite, a trigger body on PostgreSQL, ...), each at file:line.
#include "dialects/dialect.h"
#include "schema/model.h"
#include "util/error.h"

#include <vector>

namespace migratecpp::migrate {

// `routines` and `triggers` are parallel to db.routines and db.triggers.
void check_routines(const schema::Database& db, const std::vector<util::Location>& routines,
                    const std::vector<util::Location>& triggers);
void check_routines_for_dialect(const schema::Database& db,
                                const std::vector<util::Location>& routines,
                                const std::vector<util::Location>& triggers,
                                const dialects::Dialect& dialect);

} // namespace migratecpp::migrate
