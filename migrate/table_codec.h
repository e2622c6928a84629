#pragma once
// The TOML shapes of a table's parts (column, index, unique, foreign key, check, and a
// table's body) as models files and revision files both write them: a reader and a writer for
// each, the readers' errors located at path:line.
#include "migrate/toml_reader.h"
#include "schema/model.h"
#include "util/error.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

// A line of a file that shares the file's name with the other lines of it (a models file of
// 10,000 tables has a location per column, index and constraint: a copy of the path in each
// was megabytes). Reads as the util::Location it stands for.
struct SourceLine {
  std::shared_ptr<const std::string> path;
  std::size_t line = 0;
  operator util::Location() const { // NOLINT(google-explicit-constructor)
    return util::Location{path ? *path : std::string(), line};
  }
};

// Where each part of a table was read, for errors found after reading (cross-table checks).
struct TableSource {
  // The file every line below is in; read_table_body sets it if the caller has not (a caller
  // reading many tables of one file sets it once for all of them).
  std::shared_ptr<const std::string> file;
  SourceLine table;
  std::vector<SourceLine> columns;
  std::optional<SourceLine> primary_key; // a table-level primary_key = { ... }
  std::vector<SourceLine> indexes;
  std::vector<SourceLine> uniques;
  std::vector<SourceLine> foreign_keys;
  std::vector<SourceLine> checks;
  std::optional<SourceLine> partitioning; // the first partition_* key

  SourceLine at(std::size_t line) const { return SourceLine{file, line}; }
};

// Readers of one object's keys from `r` (whose allowed keys include the object's keys):
// an inline table of a models file, or an op that carries the object's keys beside its own
// (create_index, drop_constraint, ...). Names are optional ("" when absent).
// `table`, when known, names the column as table.column in errors.
schema::Column read_column(const KeyReader& r, const std::string& table = "");
schema::Index read_index(const KeyReader& r);
schema::UniqueConstraint read_unique(const KeyReader& r);
schema::ForeignKey read_foreign_key(const KeyReader& r);
schema::CheckConstraint read_check(const KeyReader& r);
// A generation, `{ expression = "...", stored = true|false }` (stored defaults to false), under
// `key` of `r`: a column's `generated`, alter_column's `existing_generated`. nullopt if absent.
// `statistics = n` (PostgreSQL's statistics target, 0..10000; -1 = the default where
// `allow_default`, as alter_column ops say it).
std::optional<int> read_statistics(const KeyReader& r, std::string_view key, bool allow_default);
std::optional<schema::Generated> read_generated(const KeyReader& r, std::string_view key);
std::string render_generated(const schema::Generated& g);
// identity = "always" (true) | "by default" (false) at `key`; nullopt when absent. Fails
// (file:line) on any other value.
std::optional<bool> read_identity(const KeyReader& r, std::string_view key);
// The keys each reader reads.
const std::vector<std::string_view>& column_keys();
const std::vector<std::string_view>& index_keys();
const std::vector<std::string_view>& unique_keys();
const std::vector<std::string_view>& foreign_key_keys();
const std::vector<std::string_view>& check_keys();

// Reads `comment`, `columns` (required, non-empty), `primary_key`, `indexes`, `unique`,
// `foreign_keys` and `checks` of `r` into `table` (whose name is set), then checks what one
// table can check alone: duplicate columns and names, indexes and constraints on missing
// columns, a primary_key that disagrees with the columns' primary_key flags,
// autoincrement on a non-integer or non-key column, foreign keys whose column counts differ.
// Unnamed indexes and constraints stay unnamed; the caller names them.
void read_table_body(const KeyReader& r, schema::Table& table, TableSource* source = nullptr);
// Keys read_table_body reads, for KeyReader's allowed list.
const std::vector<std::string_view>& table_body_keys();

// Writers: one inline table per object, keys in a fixed order, defaults left out.
// `in_key`: the column is in the table's primary key, flagged or not (a table-level
// primary_key, which makes it NOT NULL unless it says `nullable = true`). `flagged`: written
// with `primary_key = true` (a key in column order with the default name).
std::string render_column(const schema::Column& c, bool in_key, bool flagged);
inline std::string render_column(const schema::Column& c) {
  return render_column(c, c.primary_key, c.primary_key);
}
// `{ engine = "InnoDB", charset = ..., collate = ..., row_format = ... }`, given keys only.
std::string render_table_options(const schema::TableOptions& o);
// `{ fillfactor = "70", "toast.x" = "1" }` (PostgreSQL storage parameters), `{}` for none.
std::string render_storage_parameters(const std::map<std::string, std::string>& storage);
// `{ 1 = 3000 }`: an index's statistics targets by column position.
std::string render_index_statistics(const std::map<int, int>& statistics);
// Reads such an inline table (each value a bare name); errors name `table`.
schema::TableOptions read_table_options(const toml::table& t, const std::string& path,
                                        const std::string& table);
std::string render_index(const schema::Index& i);
std::string render_unique(const schema::UniqueConstraint& u);
std::string render_foreign_key(const schema::ForeignKey& f);
std::string render_check(const schema::CheckConstraint& c);
// `comment = ...`, `columns = [...]` (one column a line), then indexes, unique, foreign_keys
// and checks (on one line when there is one, else one a line), each line ending in '\n'.
std::string render_table_body(const schema::Table& t);

} // namespace migratecpp::migrate
