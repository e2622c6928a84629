// What MySQL/MariaDB introspection leaves out: triggers, stored functions and procedures,
// events, and the partitioning of a table (the table itself is read; how it is partitioned is
// not). MariaDB sequences and views are modelled.
#include "dialects/connection.h"
#include "dialects/mysql/mysql_dialect.h"
#include "dialects/mysql/mysql_views.h"

#include <string>

namespace migratecpp::dialects::mysql {

namespace {

// One SELECT per kind: kind, name, the table it belongs to. Each takes the schema parameter.
std::string unmanaged_query() {
  const std::string schema = "COALESCE(NULLIF(?, ''), DATABASE())";
  const std::string tables = "FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + schema;
  return "SELECT 'trigger', TRIGGER_NAME, EVENT_OBJECT_TABLE "
         "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = " +
         schema +
         " UNION ALL SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME, NULL "
         "FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = " +
         schema +
         " UNION ALL SELECT 'event', EVENT_NAME, NULL FROM information_schema.EVENTS "
         "WHERE EVENT_SCHEMA = " +
         schema + " UNION ALL SELECT 'partitioning', TABLE_NAME, TABLE_NAME " + tables +
         " AND TABLE_TYPE = 'BASE TABLE' AND CREATE_OPTIONS LIKE '%partitioned%'";
}

constexpr std::size_t k_schema_parameters = 4;

} // namespace

std::vector<UnmanagedObject>
MysqlDialect::unmanaged_objects(Connection& conn, const IntrospectOptions& options) const {
  const std::vector<std::optional<std::string>> schema(k_schema_parameters, options.schema);
  std::vector<UnmanagedObject> out =
      unmanaged_from_rows(conn.query(unmanaged_query(), schema), options);
  // Views that call a stored function (routines are not modelled yet), and their dependents:
  // left out of introspection, so named here.
  std::vector<std::string> views;
  introspect_views(conn, options.schema, {}, &views);
  for (const auto& name : views) {
    out.push_back({"view", name, ""});
  }
  return kept_and_sorted(std::move(out), options);
}

} // namespace migratecpp::dialects::mysql
