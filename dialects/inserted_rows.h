#pragma once
// Inserting rows (a bulk_insert as multi-row INSERTs) and the reverse: a DELETE that finds
// exactly those rows again by primary key. Renderers put it in Statement::undo of their
// INSERTs, so that the runner's compensating strategy can take back a bulk_insert where no
// transaction can.
#include "dialects/dialect.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace migratecpp::dialects {

// DELETE of `rows` from `table` by its primary key, as `db` knows the table. nullopt when the
// table is unknown or has no primary key, or a row lacks a key column or gives it NULL: the
// database chose that key (an autoincrement id), so no statement can tell the row apart from
// rows that were there before. A duplicate key makes the INSERT itself fail, so the keys of
// inserted rows are never keys of rows that were there before.
std::optional<std::string> delete_inserted_rows_sql(const Dialect& dialect,
                                                    const schema::Database& db,
                                                    const std::string& table,
                                                    std::span<const schema::Row> rows);

// `op` without the values it gives for generated columns of the table as `before` knows it:
// the database computes those (and refuses a value for one), so the rows are inserted with
// the values of the other columns.
schema::BulkInsert without_generated(const schema::BulkInsert& op, const schema::Database& before);

// A bulk_insert as INSERT ... VALUES statements of at most `chunk` rows each, every row
// giving every column any row names (in order of first appearance; DEFAULT where a row has
// none; generated columns left out, see without_generated), each statement's undo the DELETE of its
// rows as `before` knows the table. For dialects with a DEFAULT keyword in VALUES (PostgreSQL,
// MySQL).
std::vector<Statement> multi_row_inserts(const Dialect& dialect, const schema::BulkInsert& op,
                                         const schema::Database& before, std::size_t chunk);

} // namespace migratecpp::dialects
