// What SQLite introspection leaves out: virtual tables (FTS, R*Tree...) and triggers whose
// text the model cannot hold. Views (sqlite_views.cpp) and triggers (sqlite_triggers.cpp) are
// modelled. A table rebuild keeps the triggers and views as they are
// (sqlite_rebuild.cpp).
#include "dialects/connection.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "dialects/sqlite/sqlite_triggers.h"

namespace migratecpp::dialects::sqlite {

namespace {

constexpr const char* k_unmanaged_query = "SELECT 'virtual table', name, NULL FROM sqlite_master "
                                          "WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'";

} // namespace

std::vector<UnmanagedObject>
SqliteDialect::unmanaged_objects(Connection& conn, const IntrospectOptions& options) const {
  auto out = unmanaged_from_rows(conn.query(k_unmanaged_query), options);
  // Triggers are modelled; one whose text the model cannot hold (a TEMP trigger) is not.
  std::vector<UnmanagedObject> triggers;
  read_triggers(conn, &triggers);
  out.insert(out.end(), triggers.begin(), triggers.end());
  return kept_and_sorted(std::move(out), options);
}

} // namespace migratecpp::dialects::sqlite
