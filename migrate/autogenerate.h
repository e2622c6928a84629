#pragma once
// Autogenerate: the difference between the live database and the model files, as ops.
#include "migrate/commands.h"
#include "migrate/script_directory.h"

namespace migratecpp::migrate {

// Fills rev.upgrade, rev.downgrade and rev.notes. The database must be at the revision(s)
// the new one follows, as Alembic requires, or the ops would repeat pending revisions.
void autogenerate(const Project& project, NewRevision& rev, util::Output& out);

} // namespace migratecpp::migrate
