// What SQLite introspection leaves out: triggers and virtual tables (FTS, R*Tree...). Views
// are modelled (sqlite_views.cpp). A table rebuild keeps the triggers and views as they are
// (sqlite_rebuild.cpp).
#include "dialects/connection.h"
#include "dialects/sqlite/sqlite_dialect.h"

namespace migratecpp::dialects::sqlite {

namespace {

constexpr const char* k_unmanaged_query =
    "SELECT type, name, CASE type WHEN 'trigger' THEN tbl_name END FROM sqlite_master "
    "WHERE type = 'trigger' "
    "UNION ALL SELECT 'virtual table', name, NULL FROM sqlite_master "
    "WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'";

} // namespace

std::vector<UnmanagedObject>
SqliteDialect::unmanaged_objects(Connection& conn, const IntrospectOptions& options) const {
  return unmanaged_from_rows(conn.query(k_unmanaged_query), options);
}

} // namespace migratecpp::dialects::sqlite
