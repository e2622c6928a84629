#pragma once
// Opening the project's database, and the things every online command reads from it.
#include "dialects/dialect.h"
#include "migrate/commands.h"
#include "migrate/revision_graph.h"
#include "schema/model.h"

#include <memory>
#include <string>
#include <vector>

namespace migratecpp::migrate {

struct LiveDatabase {
  const dialects::Dialect* dialect = nullptr;
  std::unique_ptr<dialects::Connection> conn;
  std::string redacted_url;
};

// Throws util::Error "cannot connect to <redacted url>: ..." (never the password).
// The connection waits up to the project's lock_timeout for another connection's lock.
LiveDatabase open_database(const Project& project);
// The dialect open_database would connect with; nullptr where it would fail (no URL, an
// unknown scheme), which open_database then reports.
const dialects::Dialect* target_dialect(const Project& project) noexcept;

// The dialect for offline (--sql) output: --dialect, else the URL's scheme.
const dialects::Dialect& offline_dialect(const Project& project, const std::string& dialect_flag);

// The version rows must name revisions of the migrations folder, none below a revision applied
// after it on its own line (a table edited by hand, or written by two tools): util::Error saying
// what is wrong. A dependency (depends_on) of another row is a row of its own, not a stale one.
void check_version_rows(const RevisionGraph& graph, const std::vector<std::string>& rows,
                        const std::string& version_table);

// The live schema, without the version and history tables (and without what [models] excludes when
// asked).
schema::Database read_schema(LiveDatabase& db, const Project& project, bool honour_excludes);

// What the live schema holds that the models do not describe (views, triggers, ...), read
// with the same leaving-out as read_schema.
std::vector<dialects::UnmanagedObject> read_unmanaged(LiveDatabase& db, const Project& project,
                                                      bool honour_excludes);
// One line naming them for `check` and `revision --autogenerate`; "" when there are none.
std::string unmanaged_note(const std::vector<dialects::UnmanagedObject>& objects);

} // namespace migratecpp::migrate
