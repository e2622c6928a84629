#pragma once
// PostgreSQL functions, procedures and triggers: their DDL, and reading them from the catalog
// (one query per kind, what an extension owns left out).
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "schema/ops.h"

#include <optional>
#include <string>
#include <vector>

namespace migratecpp::dialects::postgresql {

class PostgresDialect;

// create_/drop_/replace_function and _procedure, create_/drop_trigger. A function is created
// with check_function_bodies off for its statement (as pg_dump does): a LANGUAGE sql body may
// read a table created after it.
std::vector<Statement> render_routine_op(const PostgresDialect& d, const schema::Op& op);

using RoutineParams = std::vector<std::optional<std::string>>;
// Functions and procedures of the schema ($1): pg_get_functiondef with the schema's qualifier
// of the routine's own name left out.
std::vector<schema::Routine> read_routines(Connection& conn, const RoutineParams& params,
                                           const std::string& schema);
// Row and statement triggers on the schema's ordinary tables, enabled, without transition
// tables (the others stay unmanaged), parsed from pg_get_triggerdef and tgtype.
std::vector<schema::Trigger> read_triggers(Connection& conn, const RoutineParams& params);
// The catalog condition of a trigger the model holds (pg_trigger t, its table c).
std::string modelled_trigger_sql();

} // namespace migratecpp::dialects::postgresql
