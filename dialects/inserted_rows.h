#pragma once
// The reverse of inserting rows: a DELETE that finds exactly those rows again by primary key.
// Renderers put it in Statement::undo of their INSERTs, so that the runner's compensating
// strategy can take back a bulk_insert where no transaction can.
#include "dialects/dialect.h"

#include <optional>
#include <span>
#include <string>

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

} // namespace migratecpp::dialects
