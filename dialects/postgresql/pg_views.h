#pragma once
// PostgreSQL views and materialized views: DDL for create_view / drop_view / replace_view,
// introspection (one query for the views, one for what each reads from pg_depend, the
// materialized views' indexes with the tables' ones), and the stored form of a model's view
// (a temporary view in a rolled-back transaction, read back with pg_get_viewdef).
#include "dialects/postgresql/pg_dialect.h"

#include <optional>
#include <string>
#include <vector>

namespace migratecpp::dialects::postgresql {

std::vector<Statement> render_view_op(const PostgresDialect& d, const schema::Op& op,
                                      const schema::Database& before);
// The views of `schema` ("" = current_schema()) with depends_on and signature filled, less
// those that call what no model holds (a window function, a function or aggregate of
// another schema) and the views on them: those are added to `unmanaged`. Functions and
// procedures of the schema are models of their own, created before the views.
std::vector<schema::View> introspect_views(Connection& conn, const std::string& schema,
                                           std::vector<UnmanagedObject>* unmanaged = nullptr);
std::vector<std::optional<schema::View>>
pg_stored_view_forms(const PostgresDialect& d, Connection& conn,
                     const std::vector<schema::View>& views);

} // namespace migratecpp::dialects::postgresql
