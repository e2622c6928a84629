#pragma once
// Autogenerate: compares the schema a database has (`current`) with the one the models
// describe (`desired`) and returns the ops that turn one into the other, in an order that
// runs, plus their reverse. Pure: no database, no files, no dialect. Alembic's
// compare_metadata + reverse_into, with Atlas's "every change carries its reverse".
// This is the public entry of the diff; its parts live in diff.cpp (the differ),
// diff_normalize (comparison forms), diff_match (matching by name and definition), diff_order
// (tables in foreign-key order) and diff_describe (describe).
#include "schema/model.h"
#include "schema/object_filter.h"
#include "schema/ops.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

struct DiffOptions {
  std::vector<std::string> exclude_tables; // never touched: the version and history tables
  bool enums = false;                      // the dialect has enum types (PostgreSQL)
  bool comments = true;                    // the dialect keeps comments
  // A foreign key blocks a type change of its columns or of those it references (MySQL):
  // such keys are dropped first and created again at the end.
  bool foreign_keys_block_type_changes = false;
  schema::ObjectFilter objects; // [models.exclude] / [models.include]: never touched either
  // Dialect::is_row_alias: where set, a column on which the two sides answer differently
  // changes type even if its types mean the same (SQLite: INT vs INTEGER on a sole key).
  std::function<bool(const schema::Table&, const schema::Column&)> is_row_alias;
  // Dialect::view_replace_keeps_columns (PostgreSQL): a changed view is replaced in place only
  // when its signature stays; otherwise it is dropped and created with its dependents.
  bool view_replace_keeps_columns = false;
};

// A probable rename the diff could not be sure of. The diff still emits the drop and the add;
// the file writer adds a comment naming the alternative (alter_column new_name, rename_table).
// For a table, `table` is the old name, like `from`.
struct RenameHint {
  std::string table;
  std::string from;
  std::string to;
  bool is_table = false;
};

struct DiffResult {
  std::vector<schema::Op> upgrade;   // ordered, ready to run
  std::vector<schema::Op> downgrade; // undoes `upgrade`; see below
  std::vector<RenameHint> renames;   // sorted by table, then old name
  // Changes expressed in a way the reviewer should look at (a table rebuilt because its
  // primary key changed, an enum type recreated), one sentence each, for the file writer.
  std::vector<std::string> warnings;
  bool empty() const { return upgrade.empty(); }
};

// The ops that turn `current` into `desired`. Tables named in options.exclude_tables are
// ignored on both sides. `downgrade` equals schema::reverse_all(upgrade), except where the
// upgrade adds enum values: PostgreSQL cannot drop a value, so the downgrade recreates the
// type with its old values (columns moved to text and back) instead.
//
// Order of `upgrade`: extensions created or updated; enum types created, values added, types
// recreated; domains created or changed; sequences created (without OWNED BY), sequences
// letting go of a column whose table may be dropped; foreign keys that
// are removed or changed (or would block a drop) dropped; tables dropped, referencing ones
// first; removed or changed indexes and constraints dropped; tables created, referenced ones
// first; per remaining table, columns added, altered, dropped; indexes and constraints
// created, foreign keys last; table comments; sequence options and OWNED BY changed; views
// created or replaced (what a view reads first; views dropped, or dropped to be created
// again, come before the foreign-key drops, dependents first: diff_views.h); sequences,
// domains, enum types and extensions dropped. Within a step, sorted by
// table name, then object name (columns keep their table order).
DiffResult diff(const schema::Database& current, const schema::Database& desired,
                const DiffOptions& options);

// One-line human summary of an op for `check`: "add column users.age (integer)",
// "drop index ix_x on t", "alter column users.age: type integer -> bigint".
std::string describe(const schema::Op& op);

// The comparison form of an SQL expression (checks, partial-index predicates, index
// expressions, defaults): whitespace collapsed, outer parentheses stripped, quoted
// identifiers unquoted, unquoted words lowercased, "!=" spelled "<>"; string literals kept
// as written. `age >= 0`, `(age >= 0)` and `("age">=0)` all give "age >= 0".
std::string normalize_expression(std::string_view expression);

} // namespace migratecpp::migrate
