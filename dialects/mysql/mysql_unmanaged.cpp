// What MySQL/MariaDB introspection leaves out: events, and the partitioning of a table (the
// table itself is read; how it is partitioned is not). MariaDB sequences, views, routines and
// triggers are modelled.
#include "dialects/connection.h"
#include "dialects/mysql/mysql_dialect.h"

#include <string>

namespace migratecpp::dialects::mysql {

namespace {

// One SELECT per kind: kind, name, the table it belongs to. Each takes the schema parameter.
std::string unmanaged_query() {
  const std::string schema = "COALESCE(NULLIF(?, ''), DATABASE())";
  const std::string tables = "FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + schema;
  return "SELECT 'event', EVENT_NAME, NULL FROM information_schema.EVENTS "
         "WHERE EVENT_SCHEMA = " +
         schema + " UNION ALL SELECT 'partitioning', TABLE_NAME, TABLE_NAME " + tables +
         " AND TABLE_TYPE = 'BASE TABLE' AND CREATE_OPTIONS LIKE '%partitioned%'";
}

constexpr std::size_t k_schema_parameters = 2;

} // namespace

std::vector<UnmanagedObject>
MysqlDialect::unmanaged_objects(Connection& conn, const IntrospectOptions& options) const {
  const std::vector<std::optional<std::string>> schema(k_schema_parameters, options.schema);
  return unmanaged_from_rows(conn.query(unmanaged_query(), schema), options);
}

} // namespace migratecpp::dialects::mysql
