#pragma once
// PostgreSQL DDL for the schema objects beside tables: sequences, domains and extensions.
#include "dialects/dialect.h"
#include "schema/ops.h"

#include <vector>

namespace migratecpp::dialects::postgresql {

class PostgresDialect;

std::vector<Statement> render_sequence_op(const PostgresDialect& d, const schema::Op& op,
                                          const schema::Database& before);
std::vector<Statement> render_domain_op(const PostgresDialect& d, const schema::Op& op,
                                        const schema::Database& before);
std::vector<Statement> render_extension_op(const PostgresDialect& d, const schema::Op& op);
// "CREATE DOMAIN ... AS type [COLLATE] [DEFAULT] [NOT NULL] [CONSTRAINT n CHECK (...)]".
std::string create_domain_sql(const PostgresDialect& d, const schema::Domain& domain);

} // namespace migratecpp::dialects::postgresql
