#pragma once
// Model files (models/*.toml): the desired schema autogenerate and check compare against, and
// the format `inspect` prints. The shapes of a column, index and constraint defined here are
// also those of revision files (create_table, add_column, ...), so their readers and writers
// live here and revision_file.cpp uses them.
#include "schema/model.h"
#include "util/error.h"

#include <toml++/toml.h>

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
schema::Database load_models(const std::vector<std::filesystem::path>& files);

// The models-file text of `db`, deterministic: [[enum]] blocks first, then [[table]] blocks
// in the given order, columns in order, indexes and constraints sorted by name, keys left out
// where they hold their default. parse_models(render_models(db)) == db for a db whose
// indexes and constraints are named and sorted.
std::string render_models(const schema::Database& db);

// ---------------------------------------------------------------------------------------
// Shared with revision_file.cpp: the inline-table shapes of columns, indexes and
// constraints, and the TOML reading helpers behind every located error.
namespace detail {

util::Location location_of(const toml::node& node, const std::string& path);
[[noreturn]] void fail_at(const toml::node& node, const std::string& path,
                          const std::string& message);
// Parses TOML text, turning toml::parse_error into util::Error at path:line.
toml::table parse_toml(std::string_view text, const std::string& path);
// "2026-11-23T10:15:00Z" for a TOML date-time (offset kept, "Z" for UTC).
std::string format_date_time(const toml::date_time& dt);
// A TOML float that reads back as the same double: "0.5", "2.0", "1e+300", "inf", "nan".
std::string toml_float(double v);
// The whole file; util::Error "path: cannot read <what>: reason" if it cannot be read.
std::string read_file_text(const std::filesystem::path& path, std::string_view what);

// Reads the keys of one TOML table. The constructor rejects keys not in `allowed`
// ("unknown key 'nulable' in column (did you mean 'nullable'?)"); the getters check types
// ("'nullable' must be a boolean") and presence ("create_table: missing required key 'table'").
class KeyReader {
public:
  // `what` prefixes missing-key messages ("create_table"); `in_what` ends unknown-key
  // messages ("create_table op"). `whole_file`: report a missing key against the file
  // (line 0) rather than the table's first line.
  KeyReader(const toml::table& table, const std::string& path, std::string what,
            std::string in_what, const std::vector<std::string_view>& allowed,
            bool whole_file = false);

  const toml::table& table() const { return m_table; }
  const std::string& path() const { return m_path; }
  const std::string& what() const { return m_what; }
  bool has(std::string_view key) const;
  // nullptr when absent.
  const toml::node* node(std::string_view key) const;

  std::string required_string(std::string_view key) const; // non-empty
  std::optional<std::string> string(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  // An SQL default: a string, or an integer, float or boolean written bare (`default = 0`).
  std::optional<std::string> sql_value(std::string_view key) const;
  std::vector<std::string> string_array(std::string_view key) const; // empty when absent
  std::vector<std::string> required_string_array(std::string_view key) const;
  // A string or an array of strings (branch_labels = "x" means ["x"]).
  std::vector<std::string> string_or_array(std::string_view key) const;
  const toml::table& required_table(std::string_view key, std::string_view shape) const;
  // The tables of an array of tables; empty when absent.
  std::vector<const toml::table*> table_array(std::string_view key) const;

  [[noreturn]] void fail(const std::string& message) const;
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  [[noreturn]] void missing(std::string_view key) const;

private:
  const toml::table& m_table;
  std::string m_path;
  std::string m_what;
  bool m_whole_file;
};

// Where each part of a table was read, for errors found after reading (cross-table checks).
struct TableSource {
  util::Location table;
  std::vector<util::Location> columns;
  std::vector<util::Location> indexes;
  std::vector<util::Location> uniques;
  std::vector<util::Location> foreign_keys;
  std::vector<util::Location> checks;
};

// Readers of one object's keys from `r` (whose allowed keys include the object's keys):
// an inline table of a models file, or an op that carries the object's keys beside its own
// (create_index, drop_constraint, ...). Names are optional ("" when absent).
schema::Column read_column(const KeyReader& r);
schema::Index read_index(const KeyReader& r);
schema::UniqueConstraint read_unique(const KeyReader& r);
schema::ForeignKey read_foreign_key(const KeyReader& r);
schema::CheckConstraint read_check(const KeyReader& r);
// The keys each reader reads.
const std::vector<std::string_view>& column_keys();
const std::vector<std::string_view>& index_keys();
const std::vector<std::string_view>& unique_keys();
const std::vector<std::string_view>& foreign_key_keys();
const std::vector<std::string_view>& check_keys();

// Reads `comment`, `columns` (required, non-empty), `indexes`, `unique`, `foreign_keys` and
// `checks` of `r` into `table` (whose name is set), then checks what one table can check
// alone: duplicate columns and names, indexes and constraints on missing columns,
// autoincrement on a non-integer or non-key column, foreign keys whose column counts differ.
// Unnamed indexes and constraints stay unnamed; the caller names them.
void read_table_body(const KeyReader& r, schema::Table& table, TableSource* source = nullptr);
// Keys read_table_body reads, for KeyReader's allowed list.
const std::vector<std::string_view>& table_body_keys();

// Writers: one inline table per object, keys in a fixed order, defaults left out.
std::string render_column(const schema::Column& c);
std::string render_index(const schema::Index& i);
std::string render_unique(const schema::UniqueConstraint& u);
std::string render_foreign_key(const schema::ForeignKey& f);
std::string render_check(const schema::CheckConstraint& c);
// `comment = ...`, `columns = [...]` (one column a line), then indexes, unique, foreign_keys
// and checks (on one line when there is one, else one a line), each line ending in '\n'.
std::string render_table_body(const schema::Table& t);

} // namespace detail

} // namespace migratecpp::migrate
