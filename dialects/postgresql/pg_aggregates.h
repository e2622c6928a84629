#pragma once
// PostgreSQL user-defined aggregates and operators (schema/aggregate.h): their DDL, written as
// pg_dump writes it (dumpAgg, dumpOpr: one clause per option that is not the default), and
// reading them from pg_aggregate and pg_operator (what an extension owns left out, and shell
// operators, which a COMMUTATOR or NEGATOR names before they exist).
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "schema/ops.h"

#include <optional>
#include <string>
#include <vector>

namespace migratecpp::dialects::postgresql {

class PostgresDialect;

// create_aggregate, drop_aggregate, create_operator, drop_operator. Drops never CASCADE: a
// view or index that uses the object makes PostgreSQL refuse (the diff drops the views first).
std::vector<Statement> render_aggregate_op(const PostgresDialect& d, const schema::Op& op);

// The aggregates and operators of the schema ($1, "" = current_schema()).
std::vector<schema::Aggregate>
read_aggregates(Connection& conn, const std::vector<std::optional<std::string>>& params);
std::vector<schema::Operator> read_operators(Connection& conn,
                                             const std::vector<std::optional<std::string>>& params);

} // namespace migratecpp::dialects::postgresql
