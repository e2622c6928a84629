#pragma once
// Internal to the SQLite dialect: the SQL of a table's parts and the table-model helpers that
// rendering (sqlite_render.cpp) and the rebuild (sqlite_rebuild.cpp) share.
#include "dialects/sqlite/sqlite_dialect.h"
#include "schema/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::sqlite::detail {

// SQLite compares identifiers ASCII case-insensitively; so must we when matching names.
bool same_name(std::string_view a, std::string_view b);
bool contains_name(const std::vector<std::string>& names, std::string_view name);
const schema::Column* find_column(const schema::Table& t, std::string_view name);
const schema::Table* find_table_ci(const schema::Database& db, const std::string& name);
// Throw util::Error with a "did you mean" when the table or column does not exist.
const schema::Table& require_table(const schema::Database& db, const std::string& name);
const schema::Column& require_column(const schema::Table& t, const std::string& name);
// Throws util::Error when a unique, foreign-key or check constraint of `t` has that name.
void require_new_constraint_name(const schema::Table& t, const std::string& name);

// Everything inside `t` that names column `from` now names `to`: what SQLite's
// ALTER TABLE RENAME COLUMN does to the stored SQL.
void rename_column_in(schema::Table& t, const std::string& from, const std::string& to);
// Whether SQLite's ALTER TABLE DROP COLUMN would refuse: the column is part of the key, an
// index, a constraint or a CHECK (https://www.sqlite.org/lang_altertable.html#altertabdropcol).
bool column_in_use(const schema::Table& t, const schema::Column& c);
// `t` without column `name` and without everything built on it, as PostgreSQL's DROP COLUMN
// leaves a table: indexes and constraints involving the column go with it; a primary key that
// included it is dropped (its other columns stay NOT NULL).
schema::Table without_column(const schema::Table& t, const std::string& name);
bool has_autoincrement_key(const schema::Table& t);

// A default SQLite takes without parentheses: a literal, a signed number, NULL, TRUE/FALSE,
// CURRENT_TIME/DATE/TIMESTAMP (the last three only if `allow_current`), or an expression
// already in parentheses.
bool is_plain_default(const std::string& expr, bool allow_current, bool allow_parenthesized);
bool is_null_literal(const std::string& expr);

// CREATE INDEX on `table`, whose definition `t` (null if unknown) tells its column names from
// SQL expressions.
std::string index_sql(const std::string& table, const schema::Table* t, const schema::Index& index);

// Quoted names, comma-separated.
std::string idents(const SqliteDialect& d, const std::vector<std::string>& names);

// Column definitions for CREATE TABLE and ADD COLUMN. `db` resolves enum type names.
struct ColumnSql {
  const SqliteDialect& dialect;
  const schema::Database& db;

  // One column definition. `inline_key`: the table's only key column, declared inline so that
  // an autoincrement key is the rowid alias SQLite requires: INTEGER PRIMARY KEY AUTOINCREMENT;
  // `key_name` the key's name, if it has one (CONSTRAINT name PRIMARY KEY).
  std::string operator()(const schema::Column& c, bool inline_key,
                         const std::string& key_name = "") const;
};

} // namespace migratecpp::dialects::sqlite::detail
