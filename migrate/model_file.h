#pragma once
// Model files (models/*.toml): the desired schema autogenerate and check compare against, and
// the format `inspect` prints. The shapes of a column, index and constraint are those of
// revision files too (create_table, add_column, ...): their readers and writers are in
// table_codec.h.
#include "dialects/dialect.h"
#include "schema/model.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

// Reads one models file. Every error is util::Error at "path:line" of the offending node:
// TOML syntax, unknown keys (with a did-you-mean), wrong value types, unknown types, indexes
// and constraints on missing columns, foreign keys to missing tables or columns, duplicate
// names, tables without columns. Unnamed indexes and constraints are then given their
// convention names (schema/naming.h).
//
// A column type is accepted if it is portable (schema::is_portable_type), a native type
// migratecpp knows (schema::is_known_type), an enum declared in an [[enum]] block, or a
// name that is not a likely typo of a portable type name (passed through to the database as a
// native type: "tsvector", "geometry(point, 4326)"). So "integr" is rejected with
// "(did you mean 'integer'?)", "jsonb" and "ltree" pass, and "varchar(x)" is rejected for its
// arguments.
schema::Database parse_models(std::string_view text, const std::string& path);

// Reads and merges several models files: the tables and enums of all of them, in file order.
// Foreign keys and enum-typed columns may refer to other files. Same errors as parse_models,
// plus a table or enum defined in two files.
// With `dialect`, also what that database cannot hold: autoincrement on a column that is not
// the table's only key column where Dialect::autoincrement_only_on_sole_key().
schema::Database load_models(const std::vector<std::filesystem::path>& files,
                             const dialects::Dialect* dialect = nullptr);

// The models-file text of `db`, deterministic: [[enum]] blocks first, then [[table]] blocks
// in the given order, columns in order, indexes and constraints sorted by name, keys left out
// where they hold their default. parse_models(render_models(db)) == db for a db whose
// indexes and constraints are named and sorted.
std::string render_models(const schema::Database& db);

} // namespace migratecpp::migrate
