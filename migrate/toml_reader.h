#pragma once
// Reading TOML files with every error located at "path:line": the parse itself, and a reader
// of one table's keys that rejects unknown keys (with a did-you-mean) and checks value types
// and presence. Shared by the models, revision and config files.
#include "util/error.h"

#include <toml++/toml.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

util::Location location_of(const toml::node& node, const std::string& path);
// The line of location_of, without the path (0 where the node has no source position).
std::size_t line_of(const toml::node& node);
// While one lives, the lines of the nodes parsed and read are counted from `first_line` of
// their file: a piece of a document parsed alone (toml_pieces.h), whose own lines start at 1.
// (Per thread; the previous base comes back when it goes.)
class LineBase {
public:
  explicit LineBase(std::size_t first_line);
  ~LineBase();
  LineBase(const LineBase&) = delete;
  LineBase& operator=(const LineBase&) = delete;

private:
  std::size_t m_previous;
};
[[noreturn]] void fail_at(const toml::node& node, const std::string& path,
                          const std::string& message);
// Parses TOML text, turning toml::parse_error into util::Error at path:line, after
// check_toml_limits (toml_limits.h).
toml::table parse_toml(std::string_view text, const std::string& path);
// The same for text check_toml_limits has already passed.
toml::table parse_toml_within_limits(std::string_view text, const std::string& path);
// "2026-11-23T10:15:00Z" for a TOML date-time (offset kept, "Z" for UTC).
std::string format_date_time(const toml::date_time& dt);

// Reads the keys of one TOML table. The constructor rejects keys not in `allowed`
// ("unknown key 'nulable' in column (did you mean 'nullable'?)"); the getters check types
// ("'nullable' must be a boolean") and presence ("create_table: missing required key 'table'").
class KeyReader {
public:
  // `what` prefixes missing-key messages ("create_table"); `in_what` ends unknown-key
  // messages ("create_table op"). `path` must outlive the reader. `whole_file`: report a missing
  // key against the file (line 0) rather than the table's first line.
  KeyReader(const toml::table& table, const std::string& path, std::string what,
            std::string in_what, const std::vector<std::string_view>& allowed,
            bool whole_file = false);
  KeyReader(const toml::table& table, std::string&& path, std::string what, std::string in_what,
            const std::vector<std::string_view>& allowed, bool whole_file = false) = delete;

  const toml::table& table() const { return m_table; }
  const std::string& path() const { return m_path; }
  const std::string& what() const { return m_what; }
  bool has(std::string_view key) const;
  // nullptr when absent.
  const toml::node* node(std::string_view key) const;

  std::string required_string(std::string_view key) const; // non-empty
  std::optional<std::string> string(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  std::optional<std::int64_t> integer(std::string_view key) const;
  // An SQL default: a string, or an integer, float or boolean written bare (`default = 0`).
  // A string must be one SQL fragment (util::sql::fragment_problem), as for sql_text.
  std::optional<std::string> sql_value(std::string_view key) const;
  // SQL text pasted into a statement (a check or index expression, a predicate, a type): a
  // string that is one fragment, so that it cannot end the statement and start another.
  std::optional<std::string> sql_text(std::string_view key) const;
  std::string required_sql_text(std::string_view key) const; // non-empty
  // An array of such strings (index parts: columns or expressions).
  std::vector<std::string> required_sql_text_array(std::string_view key) const;
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
  // Fails at `key` if `text` is not one SQL fragment.
  void check_sql_fragment(std::string_view key, std::string_view text) const;

private:
  // The table's entries, for tables of up to k_indexed keys (every op and object a revision
  // writes): a lookup compares a few short keys in a row, where the table's own map walked a
  // tree of string comparisons. The reader looks up each key it knows, most of them absent.
  static constexpr std::size_t k_indexed = 24;
  struct Entry {
    std::string_view key;
    const toml::node* node;
  };
  const toml::table& m_table;
  std::array<Entry, k_indexed> m_entries{};
  std::size_t m_entry_count = 0; // > k_indexed: look up in m_table
  // Not copied: a reader lives within its caller's reading of the file `path` names (a copy
  // per reader was an allocation per column, index and op).
  const std::string& m_path;
  std::string m_what;
  bool m_whole_file;
};

} // namespace migratecpp::migrate
