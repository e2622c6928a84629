#pragma once
// Checks made before a command changes anything, so that what a database cannot do (or
// would do silently wrong) is refused at the file and line that asks for it.
#include "dialects/dialect.h"
#include "migrate/runner.h"
#include "schema/model.h"
#include "util/output.h"

#include <filesystem>
#include <vector>

namespace migratecpp::migrate {

// Before running `steps` on `dialect` (online or as a script):
// - every name an op creates or refers to fits the dialect's max_identifier_length
//   (PostgreSQL truncates longer names with a notice: `check` would then see drift forever);
//   util::Error at the op's path:line;
// - a downgrade through a revision that has upgrade ops but no [[downgrade]] ops is refused
//   (util::Error naming the file): it would report success and leave the revision's changes;
// - an execute op with no SQL for this dialect is announced on stderr (it does nothing here).
void preflight(const dialects::Dialect& dialect, const std::vector<Step>& steps, util::Output& out);

// Every name in `models` fits the dialect's max_identifier_length; else util::Error at the
// line of the model file that writes it.
void check_model_identifiers(const dialects::Dialect& dialect, const schema::Database& models,
                             const std::vector<std::filesystem::path>& files);

} // namespace migratecpp::migrate
