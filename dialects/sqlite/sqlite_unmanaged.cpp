// What SQLite introspection leaves out: virtual tables whose module this connection lacks
// (sqlite_virtual_tables.h; the others are modelled) and triggers whose text the model cannot
// hold. Views (sqlite_views.cpp) and triggers (sqlite_triggers.cpp) are modelled. A table
// rebuild keeps the triggers and views as they are (sqlite_rebuild.cpp).
#include "dialects/connection.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "dialects/sqlite/sqlite_triggers.h"
#include "dialects/sqlite/sqlite_virtual_tables.h"

namespace migratecpp::dialects::sqlite {

std::vector<UnmanagedObject>
SqliteDialect::unmanaged_objects(Connection& conn, const IntrospectOptions& options) const {
  std::vector<UnmanagedObject> out;
  read_virtual_tables(conn, &out);
  // Triggers are modelled; one whose text the model cannot hold (a TEMP trigger) is not.
  read_triggers(conn, &out);
  return kept_and_sorted(std::move(out), options);
}

} // namespace migratecpp::dialects::sqlite
