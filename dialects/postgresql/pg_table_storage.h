#pragma once
// How a PostgreSQL table is stored beyond its columns: UNLOGGED, storage parameters
// (WITH (fillfactor = '70'), toast.* for its TOAST table) and per-column statistics targets.
// DDL for create_table's additions and for alter_table_options / alter_column's statistics.
#include "dialects/postgresql/pg_dialect.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace migratecpp::dialects::postgresql {

// " WITH (fillfactor = '70', ...)" for a table's storage parameters; "" without any.
std::string storage_parameters_clause(const PostgresDialect& d,
                                      const std::optional<std::map<std::string, std::string>>& p);
// The statements of alter_table_options: SET UNLOGGED / SET LOGGED, SET (...), RESET (...).
// MySQL's options are refused naming the table (check_table_options_fit).
std::vector<Statement> alter_table_storage(const PostgresDialect& d,
                                           const schema::AlterTableOptions& o);
// ALTER INDEX i ALTER COLUMN n SET STATISTICS t, one per index.statistics entry.
std::vector<Statement> index_statistics(const PostgresDialect& d, const std::string& name,
                                        const schema::Index& index);
// ALTER TABLE t ALTER COLUMN c SET STATISTICS n (-1: the default).
Statement column_statistics(const PostgresDialect& d, const std::string& table,
                            const std::string& column, int target);

} // namespace migratecpp::dialects::postgresql
