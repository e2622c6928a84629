#pragma once
// Folds an op into a schema model: the schema as it stands after the op ran. Lets --sql and
// the runner know the schema at any revision without a database (SQLite table rebuilds need
// it). An execute op is opaque, and bulk_insert changes no schema: both leave the model as is.
#include "schema/model.h"
#include "schema/ops.h"

namespace migratecpp::schema {

// Updates `db` as `op` changes the database:
// - renaming a table also renames the foreign keys' ref_table that point at it;
// - renaming a column also renames it in the table's indexes, unique constraints and foreign
//   keys, in the identifiers of its checks, index expressions and predicates, and in the
//   ref_columns of foreign keys (of any table) that reference it;
// - dropping a column drops the indexes and constraints that use it, as PostgreSQL does.
// Throws util::Error (no location: the caller knows the file and op) naming the object:
// "table 'x' does not exist" (with a did-you-mean), "table 'x' already exists",
// "column 'x.y' does not exist", "column 'x.y' already exists",
// "index 'i' does not exist on table 't'", "constraint 'c' does not exist on table 't'",
// "index 'i' already exists on table 't'", "constraint 'c' already exists on table 't'",
// "enum 'e' does not exist", "enum 'e' already exists", "enum 'e' already has value 'v'",
// "enum 'e' has no value 'v'". On a throw `db` is unchanged.
void apply(Database& db, const Op& op);

// The type, nullability, default and comment changes of `op` applied to `column` (not the
// rename): shared by apply() and by dialects that restate a whole table.
void apply_column_changes(Column& column, const AlterColumn& op);
// Makes `columns` (names of columns of `t`, in key order) its primary key: what
// alter_primary_key does. Columns that leave the key stay NOT NULL; columns that join it
// become NOT NULL. Keeps t.key canonical (its order only where it is not the column order);
// the key's name and deferrability stay unless `columns` is empty (no key: nothing left).
void set_primary_key(Table& t, const std::vector<std::string>& columns);

} // namespace migratecpp::schema
