#include "migrate/table_codec.h"

#include "migrate/toml_writer.h"
#include "schema/apply.h"
#include "schema/types.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <tuple>

namespace migratecpp::migrate {

namespace {

// "same file" errors name a line; errors across files name the other file too.
std::string where_first(const util::Location& first, const std::string& path) {
  if (first.path == path) {
    return "line " + std::to_string(first.line);
  }
  return first.path + ":" + std::to_string(first.line);
}

[[noreturn]] void fail_loc(const util::Location& where, const std::string& message) {
  throw util::Error(message, where);
}

const std::vector<std::string_view> k_fk_actions = {"cascade", "set null", "set default",
                                                    "restrict", "no action"};

std::string read_fk_action(const KeyReader& r, std::string_view key) {
  const auto v = r.string(key);
  if (!v) {
    return "";
  }
  // Written in any case and spacing ("SET NULL", "set  null"); stored as the model expects.
  std::string action;
  for (const auto& word : util::split(util::to_lower(util::trim(*v)), ' ')) {
    if (!word.empty()) {
      action += (action.empty() ? "" : " ") + word;
    }
  }
  if (std::find(k_fk_actions.begin(), k_fk_actions.end(), action) == k_fk_actions.end()) {
    r.fail(key, util::squote(key) + " must be one of: cascade, set null, set default, restrict, "
                                    "no action");
  }
  return action == "no action" ? "" : action;
}

// What an error calls an index or a constraint: "index 'ix'", "unnamed foreign key (a, b)".
std::string label(std::string_view kind, const std::string& name,
                  const std::vector<std::string>& columns) {
  if (name.empty()) {
    return columns.empty()
               ? std::string(kind)
               : "unnamed " + std::string(kind) + " (" + util::join(columns, ", ") + ")";
  }
  return std::string(kind) + " " + util::squote(name);
}

// What an error names: label(kind, name, columns), or a text already made. It is rendered
// only when an error is thrown, for the checks below run for every index and constraint of
// every table read. It refers to what it was made from and is passed on, not kept.
class Label {
public:
  Label(std::string_view kind, const std::string& name, const std::vector<std::string>& columns)
      : m_kind(kind), m_name(&name), m_columns(&columns) {}
  Label(const std::string& text) : m_text(&text) {} // NOLINT(google-explicit-constructor)
  std::string str() const {
    return m_text != nullptr ? *m_text : label(m_kind, *m_name, *m_columns);
  }

private:
  std::string_view m_kind;
  const std::string* m_name = nullptr;
  const std::vector<std::string>* m_columns = nullptr;
  const std::string* m_text = nullptr;
};

// `deferrable` / `initially_deferred` of a constraint; INITIALLY DEFERRED needs DEFERRABLE
// (PostgreSQL and SQLite read the second alone as an error or as immediate).
std::pair<bool, bool> read_deferral(const KeyReader& r, const Label& what) {
  const bool deferrable = r.boolean("deferrable").value_or(false);
  const bool initially = r.boolean("initially_deferred").value_or(false);
  if (initially && !deferrable) {
    r.fail("initially_deferred",
           what.str() + ": initially_deferred = true needs deferrable = true (a constraint that is "
                        "not deferrable is always checked at once)");
  }
  return {deferrable, initially};
}

std::string render_deferral(bool deferrable, bool initially_deferred) {
  return std::string(deferrable ? ", deferrable = true" : "") +
         (initially_deferred ? ", initially_deferred = true" : "");
}

bool is_expression_entry(const std::string& entry) {
  return entry.find('(') != std::string::npos;
}

// Integer types of any dialect, MySQL's "bigint unsigned" included: what autoincrement needs.
bool is_integer_type(const schema::ColumnType& type) {
  const std::string first = util::split(type.base(), ' ')[0];
  static const std::vector<std::string> k_integers = {
      "smallint", "integer", "bigint", "tinyint",   "mediumint",   "int",     "int2",
      "int4",     "int8",    "serial", "bigserial", "smallserial", "serial4", "serial8"};
  return std::find(k_integers.begin(), k_integers.end(), first) != k_integers.end();
}

std::vector<std::string> column_names(const schema::Table& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns) {
    out.push_back(c.name);
  }
  return out;
}

void check_columns_exist(const schema::Table& t, const std::vector<std::string>& columns,
                         const Label& what, const SourceLine& where) {
  for (const auto& c : columns) {
    if (is_expression_entry(c) || t.find_column(c) != nullptr) {
      continue;
    }
    fail_loc(where, what.str() + " names column " + util::squote(c) + ", which is not in table " +
                        util::squote(t.name) + util::did_you_mean(c, column_names(t)));
  }
}

// An index entry that is a column followed by words: the column's name (a quoted one
// unquoted) and the words. nullopt unless the entry starts with a bare name
// ([A-Za-z_][A-Za-z0-9_$]*) or a "quoted" one and goes on with a space, or is a quoted name.
struct ColumnEntry {
  std::string name;
  bool quoted = false;
  std::vector<std::string> words; // what follows the name, split at spaces
};

std::optional<ColumnEntry> split_column_entry(const std::string& entry) {
  ColumnEntry out;
  std::size_t i = 0;
  if (!entry.empty() && entry[0] == '"') {
    out.quoted = true;
    for (i = 1; i < entry.size(); ++i) {
      if (entry[i] == '"') {
        if (i + 1 < entry.size() && entry[i + 1] == '"') {
          out.name.push_back('"');
          ++i;
          continue;
        }
        break;
      }
      out.name.push_back(entry[i]);
    }
    if (i >= entry.size() || out.name.empty()) {
      return std::nullopt; // no closing quote, or ""
    }
    ++i;
  } else {
    while (
        i < entry.size() &&
        (std::isalpha(static_cast<unsigned char>(entry[i])) != 0 || entry[i] == '_' ||
         (i > 0 && (std::isdigit(static_cast<unsigned char>(entry[i])) != 0 || entry[i] == '$')))) {
      ++i;
    }
    if (i == 0) {
      return std::nullopt;
    }
    out.name = entry.substr(0, i);
  }
  if (i < entry.size() && entry[i] != ' ') {
    return std::nullopt;
  }
  if (!out.quoted && i == entry.size()) {
    return std::nullopt; // a bare name alone is compared as a whole (see check_index_entries)
  }
  for (const auto& w : util::split(entry.substr(i), ' ')) {
    if (!w.empty()) {
      out.words.push_back(w);
    }
  }
  return out;
}

// True if `words` are what may follow a column in an index entry, as `inspect` writes them:
// [an operator class, named *_ops, schema-qualified or not] [ASC | DESC] [NULLS FIRST | LAST],
// keywords in any case. A misspelt keyword (DSEC) is no operator class: reported.
bool is_column_suffix(const std::vector<std::string>& words) {
  std::size_t i = 0;
  auto lower = [&](std::size_t k) { return util::to_lower(words[k]); };
  if (i < words.size()) {
    static const std::regex k_opclass(
        R"re(([A-Za-z_][A-Za-z0-9_$]*\.)?[A-Za-z_][A-Za-z0-9_$]*_ops)re", std::regex::icase);
    if (std::regex_match(words[i], k_opclass)) {
      ++i;
    }
  }
  if (i < words.size() && (lower(i) == "asc" || lower(i) == "desc")) {
    ++i;
  }
  if (i + 1 < words.size() && lower(i) == "nulls" &&
      (lower(i + 1) == "first" || lower(i + 1) == "last")) {
    i += 2;
  }
  return i == words.size();
}

// Index entries: a column name; an expression (anything with '('); or a column followed by an
// operator class and/or an ordering (t DESC, email text_pattern_ops, "Email" DESC NULLS LAST),
// as `inspect` prints them for PostgreSQL. The column part must name a column of the table; a
// bare one that PostgreSQL would fold (Email DESC) is written quoted, and a quoted one alone
// unquoted, so that the entry compares equal to what inspect reads back.
void check_index_entries(const schema::Table& t, std::vector<std::string>& entries,
                         const Label& what, const SourceLine& where) {
  for (auto& e : entries) {
    if (is_expression_entry(e) || t.find_column(e) != nullptr) {
      continue;
    }
    const auto split = split_column_entry(e);
    if (!split) {
      check_columns_exist(t, {e}, what, where); // fails: names column 'e'
      continue;
    }
    if (t.find_column(split->name) == nullptr) {
      check_columns_exist(t, {split->name}, what, where); // fails: names column 'name'
    }
    if (!is_column_suffix(split->words)) {
      fail_loc(where, what.str() + " has entry " + util::squote(e) + ": after column " +
                          util::squote(split->name) +
                          " only an operator class (..._ops), ASC or DESC, and NULLS FIRST or "
                          "NULLS LAST may follow (an expression needs parentheses)");
    }
    if (split->words.empty()) {
      e = split->name; // a quoted name alone is the column, written as inspect prints it
    } else if (!split->quoted) {
      e = util::quote_identifier_if_needed(split->name) + " " + util::join(split->words, " ");
    }
  }
}

std::string render_list(std::string_view key, const std::vector<std::string>& items) {
  if (items.empty()) {
    return "";
  }
  if (items.size() == 1) {
    return std::string(key) + " = [ " + items[0] + " ]\n";
  }
  std::string out = std::string(key) + " = [\n";
  for (const auto& i : items) {
    out += "  " + i + ",\n";
  }
  return out + "]\n";
}

} // namespace

// `storage = { fillfactor = 50, "toast.autovacuum_enabled" = false }`: PostgreSQL storage
// parameters. Names are pasted into DDL unquoted (WITH (fillfactor = '50')), so each must be
// a word, or two joined by a dot; values are kept as text, as pg_class.reloptions does.
std::map<std::string, std::string> read_storage_parameters(const KeyReader& options,
                                                           const Label& owner) {
  const toml::table& t = options.required_table("storage", "{ fillfactor = 70, ... }");
  std::map<std::string, std::string> out;
  for (const auto& [k, node] : t) {
    const std::string key = util::to_lower(std::string(k.str()));
    const bool word =
        !key.empty() && key.front() != '.' && key.back() != '.' &&
        std::count(key.begin(), key.end(), '.') <= 1 &&
        std::isdigit(static_cast<unsigned char>(key.front())) == 0 &&
        std::all_of(key.begin(), key.end(), [](char ch) {
          return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_' || ch == '.';
        });
    if (!word) {
      options.fail("storage", owner.str() + ": storage parameter " +
                                  util::squote(std::string(k.str())) +
                                  " must be a name (letters, digits, _; toast.name for TOAST)");
    }
    if (const auto* v = node.as_string()) {
      out[key] = v->get();
    } else if (const auto* i = node.as_integer()) {
      out[key] = std::to_string(i->get());
    } else if (const auto* b = node.as_boolean()) {
      out[key] = b->get() ? "true" : "false";
    } else if (const auto* f = node.as_floating_point()) {
      out[key] = toml_float(f->get());
    } else {
      options.fail("storage", owner.str() + ": storage parameter " + util::squote(key) +
                                  " must be a string, number or boolean");
    }
  }
  return out;
}

// `options = { engine, charset, collate, row_format, unlogged, storage }`: names pasted into
// DDL unquoted (ENGINE=InnoDB), so each must be a bare word.
schema::TableOptions read_table_options(const toml::table& t, const std::string& path,
                                        const std::string& table) {
  const KeyReader r(t, path, "options", "table options",
                    {"engine", "charset", "collate", "row_format", "unlogged", "storage"});
  auto word = [&](std::string_view key) -> std::optional<std::string> {
    auto v = r.string(key);
    if (v && (v->empty() || !std::all_of(v->begin(), v->end(), [](char ch) {
                return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_';
              }))) {
      r.fail(key, "table " + util::squote(table) + ": option " + util::squote(key) +
                      " must be a name (letters, digits, _), not " + util::squote(*v));
    }
    return v;
  };
  schema::TableOptions o;
  o.engine = word("engine");
  o.charset = word("charset");
  o.collate = word("collate");
  o.row_format = word("row_format");
  o.unlogged = r.boolean("unlogged");
  if (r.has("storage")) {
    o.storage = read_storage_parameters(r, "table " + util::squote(table));
  }
  return o;
}

// --- readers ------------------------------------------------------------------------------

// A statistics target: 0..10000, as PostgreSQL takes it (-1 only in alter_column ops: back
// to the default).
std::optional<int> read_statistics(const KeyReader& r, std::string_view key, bool allow_default) {
  const auto v = r.integer(key);
  if (v && (*v > 10000 || *v < (allow_default ? -1 : 0))) {
    r.fail(key, util::squote(key) + " must be between " + (allow_default ? "-1" : "0") +
                    " and 10000, not " + std::to_string(*v));
  }
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::optional<schema::Generated> read_generated(const KeyReader& r, std::string_view key) {
  if (!r.has(key)) {
    return std::nullopt;
  }
  const toml::table& g = r.required_table(key, "{ expression = \"...\", stored = true|false }");
  const std::string name(key);
  const KeyReader gr(g, r.path(), name, name, {"expression", "stored"});
  return schema::Generated{gr.required_sql_text("expression"),
                           gr.boolean("stored").value_or(false)};
}

std::string render_generated(const schema::Generated& g) {
  return "{ expression = " + toml_string(g.expression) +
         ", stored = " + (g.stored ? "true" : "false") + " }";
}

std::optional<bool> read_identity(const KeyReader& r, std::string_view key) {
  const auto text = r.string(key);
  if (!text) {
    return std::nullopt;
  }
  if (*text != "always" && *text != "by default") {
    r.fail(key, util::squote(std::string(key)) + " must be \"always\" or \"by default\", not " +
                    util::squote(*text));
  }
  return *text == "always";
}

schema::Column read_column(const KeyReader& r, const std::string& table) {
  schema::Column c;
  c.name = r.required_string("name");
  // type = "" is a column without a declared type (SQLite's CREATE TABLE t (a, b)); the key
  // itself is required. Dialects without such columns refuse it at load (model_file.cpp).
  if (!r.has("type")) {
    r.missing("type");
  }
  c.type = schema::ColumnType(util::trim(r.sql_text("type").value_or("")));
  c.primary_key = r.boolean("primary_key").value_or(false);
  // Primary-key columns are NOT NULL unless the file says otherwise.
  c.nullable = r.boolean("nullable").value_or(!c.primary_key);
  c.default_expr = r.sql_value("default");
  c.autoincrement = r.boolean("autoincrement").value_or(false);
  if (const auto identity = read_identity(r, "identity")) {
    // identity = "always" | "by default": an identity column, so autoincrement (the portable
    // spelling of "by default"); autoincrement = false beside it says the opposite.
    if (r.boolean("autoincrement") == false) {
      r.fail("identity", "column " + util::squote(c.name) +
                             " cannot have both identity and autoincrement = false");
    }
    c.autoincrement = true;
    c.identity_always = *identity;
  }
  c.comment = r.string("comment");
  c.generated = read_generated(r, "generated");
  c.collation = r.string("collation");
  if (c.collation && util::trim(*c.collation).empty()) {
    r.fail("collation", "'collation' must not be empty (leave it out for the default one)");
  }
  c.statistics = read_statistics(r, "statistics", false);
  if (c.generated) {
    // The database computes the value: a default or an autoincrement would be a second source.
    const std::string label = table.empty() ? c.name : table + "." + c.name;
    if (c.default_expr) {
      r.fail("generated", "column " + util::squote(label) +
                              " cannot have both a default and generated (a generated column's "
                              "value is its expression)");
    }
    if (c.autoincrement) {
      r.fail("generated",
             "column " + util::squote(label) + " cannot both autoincrement and be generated");
    }
  }
  // Any integer column may autoincrement (PostgreSQL: an identity column, key or not; SQLite
  // only for its INTEGER PRIMARY KEY). Such a column is never NULL: NOT NULL unless the file
  // says otherwise, and it may not say so on a column that is not a key (the database would
  // keep the column NOT NULL, and check would never be clean).
  if (c.autoincrement && !is_integer_type(c.type)) {
    r.fail("autoincrement", "column " + util::squote(c.name) + " cannot autoincrement: its type " +
                                util::squote(c.type.declared()) + " is not an integer type");
  }
  if (c.autoincrement && !c.primary_key) {
    if (r.boolean("nullable").value_or(false)) {
      r.fail("nullable", "column " + util::squote(c.name) +
                             " cannot be nullable: it autoincrements, so it is never NULL");
    }
    c.nullable = false;
  }
  return c;
}

schema::Index read_index(const KeyReader& r) {
  schema::Index i;
  i.name = r.string("name").value_or("");
  // Without the table at hand: a part that names a column with spaces reads as an expression
  // here, and is resolved where the table is known (schema::resolve_index_part).
  i.parts = schema::parse_index_parts(r.required_sql_text_array("columns"));
  i.unique = r.boolean("unique").value_or(false);
  i.where = r.sql_text("where");
  i.method = r.string("method");
  // An access method is a bare name (btree, gin, gist...): it is pasted into USING unquoted.
  if (i.method &&
      (i.method->empty() || !std::all_of(i.method->begin(), i.method->end(), [](char ch) {
         return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_';
       }))) {
    r.fail("method", "'method' must be the name of an index access method (btree, gin, gist, ...)");
  }
  if (i.parts.empty()) {
    r.fail("columns", label("index", i.name, {}) + " has no columns");
  }
  if (r.has("storage")) {
    i.storage = read_storage_parameters(r, Label("index", i.name, {}));
    if (i.storage->empty()) {
      i.storage.reset(); // one spelling: none
    }
  }
  if (r.has("statistics")) {
    // { 1 = 3000 }: the index's column 1 (TOML keys are strings).
    for (const auto& [k, node] : r.required_table("statistics", "{ 1 = 3000 }")) {
      const std::string key(k.str());
      const auto* target = node.as_integer();
      const bool position =
          !key.empty() && key.size() < 5 &&
          std::all_of(key.begin(), key.end(),
                      [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; }) &&
          std::stoi(key) >= 1 && static_cast<std::size_t>(std::stoi(key)) <= i.parts.size();
      if (!position || target == nullptr || target->get() < 0 || target->get() > 10000) {
        r.fail("statistics", label("index", i.name, {}) +
                                 ": statistics maps a column's position in the index (1 to " +
                                 std::to_string(i.parts.size()) +
                                 ") to a target from 0 to 10000, not " + util::squote(key));
      }
      i.statistics[std::stoi(key)] = static_cast<int>(target->get());
    }
  }
  return i;
}

schema::UniqueConstraint read_unique(const KeyReader& r) {
  schema::UniqueConstraint u;
  u.name = r.string("name").value_or("");
  u.columns = r.required_string_array("columns");
  if (u.columns.empty()) {
    r.fail("columns", label("unique constraint", u.name, {}) + " has no columns");
  }
  std::tie(u.deferrable, u.initially_deferred) =
      read_deferral(r, Label("unique constraint", u.name, u.columns));
  return u;
}

schema::ForeignKey read_foreign_key(const KeyReader& r) {
  schema::ForeignKey f;
  f.name = r.string("name").value_or("");
  f.columns = r.required_string_array("columns");
  f.ref_table = r.required_string("ref_table");
  f.ref_columns = r.required_string_array("ref_columns");
  f.on_delete = read_fk_action(r, "on_delete");
  f.on_update = read_fk_action(r, "on_update");
  std::tie(f.deferrable, f.initially_deferred) =
      read_deferral(r, Label("foreign key", f.name, f.columns));
  f.not_valid = r.boolean("not_valid").value_or(false);
  if (f.columns.empty()) {
    r.fail("columns", label("foreign key", f.name, {}) + " has no columns");
  }
  if (f.columns.size() != f.ref_columns.size()) {
    r.fail("ref_columns", label("foreign key", f.name, f.columns) + " lists " +
                              std::to_string(f.columns.size()) + " columns but " +
                              std::to_string(f.ref_columns.size()) + " ref_columns");
  }
  return f;
}

schema::CheckConstraint read_check(const KeyReader& r) {
  schema::CheckConstraint c;
  c.name = r.string("name").value_or("");
  c.expression = r.required_sql_text("expression");
  return c;
}

const std::vector<std::string_view>& column_keys() {
  static const std::vector<std::string_view> keys = {
      "name",          "type",    "nullable",  "default",  "generated", "primary_key",
      "autoincrement", "comment", "collation", "identity", "statistics"};
  return keys;
}

const std::vector<std::string_view>& index_keys() {
  static const std::vector<std::string_view> keys = {"name",   "columns", "unique",    "where",
                                                     "method", "storage", "statistics"};
  return keys;
}

const std::vector<std::string_view>& unique_keys() {
  static const std::vector<std::string_view> keys = {"name", "columns", "deferrable",
                                                     "initially_deferred"};
  return keys;
}

const std::vector<std::string_view>& foreign_key_keys() {
  static const std::vector<std::string_view> keys = {
      "name",      "columns",    "ref_table",          "ref_columns", "on_delete",
      "on_update", "deferrable", "initially_deferred", "not_valid"};
  return keys;
}

const std::vector<std::string_view>& check_keys() {
  static const std::vector<std::string_view> keys = {"name", "expression"};
  return keys;
}

const std::vector<std::string_view>& table_body_keys() {
  static const std::vector<std::string_view> keys = {
      "comment",      "options", "columns",      "primary_key",  "indexes",        "unique",
      "foreign_keys", "checks",  "partition_by", "partition_of", "partition_bound"};
  return keys;
}

namespace {

// `primary_key = { name = "...", columns = [...], deferrable, initially_deferred }`: the key in
// its order, which the columns' flags (if any) must agree with.
void read_primary_key(const KeyReader& r, schema::Table& table, TableSource& src) {
  const std::string& path = r.path();
  const toml::table& t = r.required_table(
      "primary_key", "{ name = \"...\", columns = [\"...\", ...] } (name optional)");
  const SourceLine where = src.at(line_of(t));
  src.primary_key = where;
  const KeyReader kr(t, path, "primary_key", "primary key",
                     {"name", "columns", "deferrable", "initially_deferred"});
  const std::string what = "table " + util::squote(table.name) + ": primary_key";
  std::vector<std::string> columns = kr.required_string_array("columns");
  if (columns.empty()) {
    kr.fail("columns", what + " has no columns (leave primary_key out for a table without one)");
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (std::find(columns.begin(), columns.begin() + static_cast<std::ptrdiff_t>(i), columns[i]) !=
        columns.begin() + static_cast<std::ptrdiff_t>(i)) {
      kr.fail("columns", what + " lists column " + util::squote(columns[i]) + " twice");
    }
  }
  check_columns_exist(table, columns, what, where);
  std::vector<std::string> flagged;
  for (const auto& c : table.columns) {
    if (c.primary_key) {
      flagged.push_back(c.name);
    }
  }
  if (!flagged.empty()) {
    std::vector<std::string> a = flagged;
    std::vector<std::string> b = columns;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a != b) {
      fail_loc(where, what + " lists (" + util::join(columns, ", ") +
                          ") but the columns marked primary_key = true are (" +
                          util::join(flagged, ", ") +
                          "); give the key once (primary_key = { columns = [...] } keeps its "
                          "order), or make them agree");
    }
  }
  schema::PrimaryKey key;
  key.name = kr.string("name").value_or("");
  std::tie(key.deferrable, key.initially_deferred) = read_deferral(kr, what);
  schema::set_primary_key(table, columns); // flags, NOT NULL, the order (canonical)
  key.columns = table.key.columns;
  table.key = std::move(key);
}

// `partition_by`, `partition_of`, `partition_bound` (see schema::Table). A partition's
// columns and primary key are its parent's: the file gives neither.
void read_partitioning(const KeyReader& r, schema::Table& table, TableSource& src) {
  table.partition_by = r.sql_text("partition_by");
  table.partition_of = r.string("partition_of");
  table.partition_bound = r.sql_text("partition_bound");
  for (const char* key : {"partition_by", "partition_of", "partition_bound"}) {
    if (r.has(key) && !src.partitioning) {
      src.partitioning = src.at(line_of(*r.node(key)));
    }
  }
  const std::string what = "table " + util::squote(table.name);
  if (table.partition_by && util::trim(*table.partition_by).empty()) {
    r.fail("partition_by", what + ": 'partition_by' must not be empty (\"RANGE (column)\", "
                                  "\"LIST (column)\", \"HASH (column)\")");
  }
  if (table.partition_of && table.partition_of->empty()) {
    r.fail("partition_of", what + ": 'partition_of' must name the partitioned table");
  }
  if (table.partition_bound && !table.partition_of) {
    r.fail("partition_bound",
           what + ": partition_bound needs partition_of (the table it is a partition of)");
  }
  if (!table.partition_of) {
    return;
  }
  if (table.partition_of == table.name) {
    r.fail("partition_of", what + " cannot be a partition of itself");
  }
  if (!table.partition_bound || util::trim(*table.partition_bound).empty()) {
    r.fail(r.has("partition_bound") ? "partition_bound" : "partition_of",
           what + ": a partition needs partition_bound (\"FOR VALUES FROM (...) TO (...)\", "
                  "\"FOR VALUES IN (...)\", \"FOR VALUES WITH (MODULUS m, REMAINDER r)\" "
                  "or \"DEFAULT\")");
  }
  for (const char* key : {"columns", "primary_key"}) {
    if (r.has(key)) {
      r.fail(key, what + " is a partition of " + util::squote(*table.partition_of) + ": its " +
                      (std::string_view(key) == "columns" ? "columns" : "primary key") +
                      " are its parent's (leave '" + key + "' out)");
    }
  }
}

} // namespace

void read_table_body(const KeyReader& r, schema::Table& table, TableSource* source) {
  const std::string& path = r.path();
  TableSource local;
  TableSource& src = source != nullptr ? *source : local;
  if (!src.file || *src.file != path) {
    src.file = std::make_shared<const std::string>(path);
  }
  src.table = src.at(line_of(r.table()));

  table.comment = r.string("comment");
  if (r.has("options")) {
    table.options = read_table_options(
        r.required_table("options",
                         "{ engine = \"InnoDB\", charset = \"utf8mb4\", collate = \"...\", "
                         "row_format = \"DYNAMIC\" }"),
        path, table.name);
    // One spelling per table: a logged table, or one without parameters, says nothing.
    if (table.options.unlogged == false) {
      table.options.unlogged.reset();
    }
    if (table.options.storage && table.options.storage->empty()) {
      table.options.storage.reset();
    }
  }
  read_partitioning(r, table, src);
  const bool partition = table.is_partition();
  if (!r.has("columns") && !partition) {
    r.missing("columns");
  }
  // Columns that say `nullable = true`: a table-level primary_key leaves them nullable (a
  // SQLite key column declared without NOT NULL); the others it makes NOT NULL.
  std::vector<std::string> said_nullable;
  const std::vector<const toml::table*> column_nodes = r.table_array("columns");
  table.columns.reserve(table.columns.size() + column_nodes.size()); // (10,000 tables: sized once)
  src.columns.reserve(src.columns.size() + column_nodes.size());
  for (const toml::table* t : column_nodes) {
    const SourceLine where = src.at(line_of(*t));
    schema::Column c =
        read_column(KeyReader(*t, path, "column", "column", column_keys()), table.name);
    if (c.nullable && t->contains("nullable")) {
      said_nullable.push_back(c.name);
    }
    if (const auto* first = table.find_column(c.name)) {
      const auto index = static_cast<std::size_t>(first - table.columns.data());
      fail_loc(where, "duplicate column " + util::squote(table.name + "." + c.name) +
                          " (first defined at " + where_first(src.columns[index], path) + ")");
    }
    table.columns.push_back(std::move(c));
    src.columns.push_back(where);
  }
  if (table.columns.empty() && !partition) {
    r.fail("columns", "table " + util::squote(table.name) + " has no columns");
  }
  if (r.has("primary_key")) {
    read_primary_key(r, table, src);
    for (const auto& name : said_nullable) {
      table.find_column(name)->nullable = true;
    }
  }

  for (const toml::table* t : r.table_array("indexes")) {
    schema::Index i = read_index(KeyReader(*t, path, "index", "index", index_keys()));
    const SourceLine where = src.at(line_of(*t));
    std::vector<std::string> texts = schema::index_part_texts(i.parts);
    if (!partition) { // a partition's columns are its parent's: check_partition_columns
      check_index_entries(table, texts, Label("index", i.name, texts), where);
    }
    i.parts = schema::parse_index_parts(texts, table.column_names());
    table.indexes.push_back(std::move(i));
    src.indexes.push_back(where);
  }
  for (const toml::table* t : r.table_array("unique")) {
    schema::UniqueConstraint u =
        read_unique(KeyReader(*t, path, "unique constraint", "unique constraint", unique_keys()));
    const SourceLine where = src.at(line_of(*t));
    if (!partition) {
      check_columns_exist(table, u.columns, Label("unique constraint", u.name, u.columns), where);
    }
    table.uniques.push_back(std::move(u));
    src.uniques.push_back(where);
  }
  for (const toml::table* t : r.table_array("foreign_keys")) {
    schema::ForeignKey f =
        read_foreign_key(KeyReader(*t, path, "foreign key", "foreign key", foreign_key_keys()));
    const SourceLine where = src.at(line_of(*t));
    if (!partition) {
      check_columns_exist(table, f.columns, Label("foreign key", f.name, f.columns), where);
    }
    table.foreign_keys.push_back(std::move(f));
    src.foreign_keys.push_back(where);
  }
  for (const toml::table* t : r.table_array("checks")) {
    table.checks.push_back(
        read_check(KeyReader(*t, path, "check constraint", "check constraint", check_keys())));
    src.checks.push_back(src.at(line_of(*t)));
  }

  // One table's indexes and constraints must not share a name: PostgreSQL backs a unique
  // constraint with an index of its name, and drop_constraint / drop_index find them by name.
  std::map<std::string_view, const SourceLine*> seen;
  auto note = [&](const std::string& name, const SourceLine& where) {
    if (name.empty()) {
      return;
    }
    auto [it, inserted] = seen.emplace(name, &where);
    if (!inserted) {
      fail_loc(where, "duplicate index or constraint name " + util::squote(name) +
                          " (first used at " + where_first(*it->second, path) + ")");
    }
  };
  for (std::size_t i = 0; i < table.indexes.size(); ++i) {
    note(table.indexes[i].name, src.indexes[i]);
  }
  for (std::size_t i = 0; i < table.uniques.size(); ++i) {
    note(table.uniques[i].name, src.uniques[i]);
  }
  for (std::size_t i = 0; i < table.foreign_keys.size(); ++i) {
    note(table.foreign_keys[i].name, src.foreign_keys[i]);
  }
  for (std::size_t i = 0; i < table.checks.size(); ++i) {
    note(table.checks[i].name, src.checks[i]);
  }
}

// --- writers ------------------------------------------------------------------------------

std::string render_column(const schema::Column& c, bool in_key, bool flagged) {
  std::string out = "{ name = ";
  append_toml_string(out, c.name);
  out += ", type = ";
  append_toml_string(out, c.type.declared());
  if (c.collation) {
    out += ", collation = ";
    append_toml_string(out, *c.collation);
  }
  // nullable is written only where it differs from its default (true; false for a key),
  // and always on a column of a table-level key, which the column itself does not show.
  if (c.nullable == flagged || (in_key && !flagged)) {
    out += c.nullable ? ", nullable = true" : ", nullable = false";
  }
  if (c.default_expr) {
    out += ", default = ";
    append_toml_string(out, *c.default_expr);
  }
  if (c.generated) {
    out += ", generated = " + render_generated(*c.generated);
  }
  if (flagged) {
    out += ", primary_key = true";
  }
  if (c.autoincrement && c.identity_always) {
    out += ", identity = \"always\""; // the portable autoincrement is BY DEFAULT
  } else if (c.autoincrement) {
    out += ", autoincrement = true";
  }
  if (c.statistics) {
    out += ", statistics = " + std::to_string(*c.statistics);
  }
  if (c.comment) {
    out += ", comment = ";
    append_toml_string(out, *c.comment);
  }
  out += " }";
  return out;
}

// `{ fillfactor = "70", "toast.x" = "1" }`, `{}` for none.
std::string render_storage_parameters(const std::map<std::string, std::string>& storage) {
  std::vector<std::string> params;
  for (const auto& [key, value] : storage) {
    // "toast.x" is quoted: bare, TOML would read a nested table.
    params.push_back((key.find('.') == std::string::npos ? key : toml_string(key)) + " = " +
                     toml_string(value));
  }
  return params.empty() ? "{}" : "{ " + util::join(params, ", ") + " }";
}

std::string render_index_statistics(const std::map<int, int>& statistics) {
  std::vector<std::string> items;
  for (const auto& [position, target] : statistics) {
    items.push_back(std::to_string(position) + " = " + std::to_string(target));
  }
  return "{ " + util::join(items, ", ") + " }";
}

std::string render_table_options(const schema::TableOptions& o) {
  std::vector<std::string> parts;
  auto add = [&](const char* key, const std::optional<std::string>& v) {
    if (v) {
      parts.push_back(std::string(key) + " = " + toml_string(*v));
    }
  };
  add("engine", o.engine);
  add("charset", o.charset);
  add("collate", o.collate);
  add("row_format", o.row_format);
  if (o.unlogged) {
    parts.push_back(std::string("unlogged = ") + (*o.unlogged ? "true" : "false"));
  }
  if (o.storage) {
    parts.push_back("storage = " + render_storage_parameters(*o.storage));
  }
  return "{ " + util::join(parts, ", ") + " }";
}

std::string render_index(const schema::Index& i) {
  std::string out = "{ ";
  if (!i.name.empty()) {
    out += "name = " + toml_string(i.name) + ", ";
  }
  out += "columns = " + toml_string_array(schema::index_part_texts(i.parts));
  if (i.unique) {
    out += ", unique = true";
  }
  if (i.where) {
    out += ", where = " + toml_string(*i.where);
  }
  if (i.method) {
    out += ", method = " + toml_string(*i.method);
  }
  if (i.storage) {
    out += ", storage = " + render_storage_parameters(*i.storage);
  }
  if (!i.statistics.empty()) {
    out += ", statistics = " + render_index_statistics(i.statistics);
  }
  return out + " }";
}

std::string render_unique(const schema::UniqueConstraint& u) {
  std::string out = "{ ";
  if (!u.name.empty()) {
    out += "name = " + toml_string(u.name) + ", ";
  }
  return out + "columns = " + toml_string_array(u.columns) +
         render_deferral(u.deferrable, u.initially_deferred) + " }";
}

std::string render_foreign_key(const schema::ForeignKey& f) {
  std::string out = "{ ";
  if (!f.name.empty()) {
    out += "name = ";
    append_toml_string(out, f.name);
    out += ", ";
  }
  out += "columns = ";
  out += toml_string_array(f.columns);
  out += ", ref_table = ";
  append_toml_string(out, f.ref_table);
  out += ", ref_columns = ";
  out += toml_string_array(f.ref_columns);
  if (!f.on_delete.empty()) {
    out += ", on_delete = ";
    append_toml_string(out, f.on_delete);
  }
  if (!f.on_update.empty()) {
    out += ", on_update = ";
    append_toml_string(out, f.on_update);
  }
  out += render_deferral(f.deferrable, f.initially_deferred);
  if (f.not_valid) {
    out += ", not_valid = true";
  }
  out += " }";
  return out;
}

std::string render_check(const schema::CheckConstraint& c) {
  std::string out = "{ ";
  if (!c.name.empty()) {
    out += "name = " + toml_string(c.name) + ", ";
  }
  return out + "expression = " + toml_string(c.expression) + " }";
}

std::string render_table_body(const schema::Table& t) {
  std::string out;
  if (t.comment) {
    out += "comment = " + toml_string(*t.comment) + "\n";
  }
  if (!t.options.empty()) {
    out += "options = " + render_table_options(t.options) + "\n";
  }
  if (t.partition_of) {
    out += "partition_of = " + toml_string(*t.partition_of) + "\n";
  }
  if (t.partition_bound) {
    out += "partition_bound = " + toml_string(*t.partition_bound) + "\n";
  }
  if (t.partition_by) {
    out += "partition_by = " + toml_string(*t.partition_by) + "\n";
  }
  // A key in column order with the default name is written as the columns' flags (the short
  // spelling); any other as a table-level primary_key, the columns then unflagged.
  const bool long_key = !t.key.is_short();
  if (!t.is_partition() || !t.columns.empty()) { // a partition's columns are its parent's
    out += "columns = [\n";
    for (const auto& c : t.columns) {
      out += "  ";
      out += render_column(c, c.primary_key, c.primary_key && !long_key);
      out += ",\n";
    }
    out += "]\n";
  }
  if (long_key && !t.primary_key().empty()) {
    out += "primary_key = { ";
    if (!t.key.name.empty()) {
      out += "name = " + toml_string(t.key.name) + ", ";
    }
    out += "columns = " + toml_string_array(t.primary_key()) +
           render_deferral(t.key.deferrable, t.key.initially_deferred) + " }\n";
  }
  auto items = [](const auto& list, auto render) {
    std::vector<std::string> rendered;
    for (const auto& x : list) {
      rendered.push_back(render(x));
    }
    return rendered;
  };
  out += render_list("indexes", items(t.indexes, render_index));
  out += render_list("unique", items(t.uniques, render_unique));
  out += render_list("foreign_keys", items(t.foreign_keys, render_foreign_key));
  out += render_list("checks", items(t.checks, render_check));
  return out;
}

} // namespace migratecpp::migrate
