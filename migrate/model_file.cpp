#include "migrate/model_file.h"

#include "migrate/aggregate_codec.h"
#include "migrate/model_aggregates.h"
#include "migrate/model_partitions.h"
#include "migrate/model_routines.h"
#include "migrate/object_codec.h"
#include "migrate/routine_codec.h"
#include "migrate/table_codec.h"
#include "migrate/toml_limits.h"
#include "migrate/toml_pieces.h"
#include "migrate/toml_reader.h"
#include "migrate/toml_writer.h"
#include "migrate/view_codec.h"
#include "migrate/virtual_table_codec.h"
#include "schema/naming.h"
#include "schema/partition.h"
#include "schema/types.h"
#include "schema/view.h"
#include "util/file_read.h"
#include "util/strings.h"

#include <algorithm>
#include <exception>
#include <map>
#include <regex>
#include <set>

namespace migratecpp::migrate {

namespace {

// A models file as read, with where each part came from, before the checks that need every
// file (foreign keys and enum types may point into another file).
struct ParsedModels {
  schema::Database db;
  std::vector<TableSource> tables;         // parallel to db.tables
  std::shared_ptr<const std::string> file; // the path, shared by the tables' locations
  std::vector<util::Location> enums;
  std::vector<util::Location> sequences; // parallel to db.sequences
  std::vector<util::Location> domains;
  std::vector<util::Location> extensions;
  std::vector<util::Location> views;          // parallel to db.views
  std::vector<util::Location> routines;       // parallel to db.routines
  std::vector<util::Location> triggers;       // parallel to db.triggers
  std::vector<util::Location> virtual_tables; // parallel to db.virtual_tables
  std::vector<util::Location> aggregates;     // parallel to db.aggregates
  std::vector<util::Location> operators;      // parallel to db.operators
};

// A piece of a models file (toml_pieces.h) that does not parse alone, or a cut the whole
// document would not make: the file is then parsed whole, which says what is wrong with it.
struct CutRefused {};

// One [[table]] element into `out`.
void read_table(const toml::table& t, const std::string& path, ParsedModels& out) {
  std::vector<std::string_view> keys = {"name"};
  keys.insert(keys.end(), table_body_keys().begin(), table_body_keys().end());
  KeyReader r(t, path, "table", "table", keys);
  schema::Table table;
  table.name = r.required_string("name");
  TableSource src;
  if (!out.file) {
    out.file = std::make_shared<const std::string>(path);
  }
  src.file = out.file;
  read_table_body(r, table, &src);
  out.db.tables.push_back(std::move(table));
  out.tables.push_back(std::move(src));
}

// The tables of a file cut into pieces, each parsed, read and let go in turn. Every piece is
// parsed even after a table fails to read, and that failure is returned rather than thrown:
// the whole file's syntax errors come first, then the other objects' errors (read before the
// tables), as when the file is parsed whole.
std::exception_ptr read_table_pieces(const TomlPieces& cut, const std::string& path,
                                     ParsedModels& out) {
  out.db.tables.reserve(out.db.tables.size() + cut.pieces.size());
  out.tables.reserve(out.tables.size() + cut.pieces.size());
  std::exception_ptr failed;
  for (const auto& piece : cut.pieces) {
    const LineBase base(piece.first_line);
    toml::table doc;
    try {
      doc = toml::parse(piece.text, std::string_view(path));
    } catch (const toml::parse_error&) {
      throw CutRefused{};
    }
    const toml::array* elements = doc.get_as<toml::array>("table");
    if (doc.size() != 1 || elements == nullptr || !elements->is_array_of_tables()) {
      throw CutRefused{};
    }
    if (failed) {
      continue;
    }
    try {
      for (const toml::node& element : *elements) {
        read_table(*element.as_table(), path, out);
      }
    } catch (const util::Error&) {
      failed = std::current_exception();
    }
  }
  return failed;
}

// `root`: the whole document, or with `cut` the document less its [[table]] pieces.
ParsedModels read_models(toml::table& root, const TomlPieces* cut, const std::string& path) {
  if (cut != nullptr && root.contains("table")) {
    throw CutRefused{}; // `table = [...]` beside [[table]]: an error the whole parse names
  }
  ParsedModels out;
  const std::exception_ptr table_failed =
      cut != nullptr ? read_table_pieces(*cut, path, out) : nullptr;
  KeyReader file(root, path, "", "models file",
                 {"table", "enum", "sequence", "domain", "extension", "view", "function",
                  "procedure", "trigger", "virtual_table", "aggregate", "operator"},
                 true);
  for (const toml::table* t : file.table_array("virtual_table")) {
    out.db.virtual_tables.push_back(read_virtual_table(
        KeyReader(*t, path, "virtual_table", "virtual_table", virtual_table_keys())));
    out.virtual_tables.push_back(location_of(*t, path));
  }
  for (const toml::table* t : file.table_array("aggregate")) {
    out.db.aggregates.push_back(
        read_aggregate(KeyReader(*t, path, "aggregate", "aggregate", aggregate_keys())));
    out.aggregates.push_back(location_of(*t, path));
  }
  for (const toml::table* t : file.table_array("operator")) {
    out.db.operators.push_back(
        read_operator(KeyReader(*t, path, "operator", "operator", operator_keys())));
    out.operators.push_back(location_of(*t, path));
  }
  for (const toml::table* t : file.table_array("view")) {
    out.db.views.push_back(read_view(KeyReader(*t, path, "view", "view", view_keys())));
    out.views.push_back(location_of(*t, path));
  }
  for (const char* kind : {"function", "procedure"}) {
    for (const toml::table* t : file.table_array(kind)) {
      out.db.routines.push_back(
          read_routine(KeyReader(*t, path, kind, kind, routine_keys()), kind));
      out.routines.push_back(location_of(*t, path));
    }
  }
  for (const toml::table* t : file.table_array("trigger")) {
    out.db.triggers.push_back(
        read_trigger(KeyReader(*t, path, "trigger", "trigger", trigger_keys())));
    out.triggers.push_back(location_of(*t, path));
  }
  for (const toml::table* t : file.table_array("extension")) {
    out.db.extensions.push_back(
        read_extension(KeyReader(*t, path, "extension", "extension", extension_keys())));
    out.extensions.push_back(location_of(*t, path));
  }
  for (const toml::table* t : file.table_array("domain")) {
    out.db.domains.push_back(read_domain(KeyReader(*t, path, "domain", "domain", domain_keys())));
    out.domains.push_back(location_of(*t, path));
  }
  for (const toml::table* t : file.table_array("sequence")) {
    out.db.sequences.push_back(
        read_sequence(KeyReader(*t, path, "sequence", "sequence", sequence_keys())));
    out.sequences.push_back(location_of(*t, path));
  }
  for (const toml::table* t : file.table_array("enum")) {
    KeyReader r(*t, path, "enum", "enum", {"name", "values"});
    schema::Enum e;
    e.name = r.required_string("name");
    if (!r.has("values")) {
      r.missing("values");
    }
    e.values = r.string_array("values");
    for (std::size_t i = 0; i < e.values.size(); ++i) {
      if (std::find(e.values.begin(), e.values.begin() + i, e.values[i]) != e.values.begin() + i) {
        r.fail("values", "enum " + util::squote(e.name) + " lists value " +
                             util::squote(e.values[i]) + " twice");
      }
    }
    out.db.enums.push_back(std::move(e));
    out.enums.push_back(location_of(*t, path));
  }
  if (cut != nullptr) {
    if (table_failed) {
      std::rethrow_exception(table_failed);
    }
    return out;
  }
  const std::vector<const toml::table*> table_nodes = file.table_array("table");
  // Sized once: grown by doubling, the vector of 5,000 tables was copied into one twice its size.
  out.db.tables.reserve(out.db.tables.size() + table_nodes.size());
  out.tables.reserve(out.tables.size() + table_nodes.size());
  for (const toml::table* t : table_nodes) {
    read_table(*t, path, out);
    // The document's copy of the table goes once it is read (`root` is not const: this
    // empties a node of it, which nothing reads again).
    const_cast<toml::table*>(t)->clear();
  }
  return out;
}

// A models file's text: cut at its [[table]] headers where it can be (the document of 5,000
// tables parsed whole took ten times the memory of its text), whole otherwise.
ParsedModels read_models(std::string_view text, const std::string& path) {
  check_toml_limits(text, path);
  if (std::optional<TomlPieces> cut = cut_array_of_tables(text, "table")) {
    try {
      toml::table rest = toml::parse(cut->rest, std::string_view(path));
      return read_models(rest, &*cut, path);
    } catch (const toml::parse_error&) {
    } catch (const CutRefused&) {
    }
  }
  toml::table root = parse_toml_within_limits(text, path); // checked above
  return read_models(root, nullptr, path);
}

std::string first_at(const util::Location& first, const util::Location& here) {
  if (first.path == here.path) {
    return "line " + std::to_string(first.line);
  }
  return first.path + ":" + std::to_string(first.line);
}

// The type rule (see parse_models): portable, known native, declared enum, or not a likely
// typo of a portable name.
void check_type(const schema::Column& c, const schema::Database& db, const util::Location& where) {
  // An array ("varchar(40)[]") is checked by its element type.
  std::string element = util::trim(c.type.declared());
  if (element.empty()) {
    return; // no declared type: refused where the dialect has no such columns
  }
  while (element.size() >= 2 && element.compare(element.size() - 2, 2, "[]") == 0) {
    element = util::trim(element.substr(0, element.size() - 2));
  }
  if (schema::is_portable_type(element)) {
    return;
  }
  // A quoted type name ("char", PostgreSQL's one-byte type, or "My Type") is native by
  // construction: no typo of a portable name, passed through to the database as written.
  static const std::regex k_quoted_name(
      R"re((("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\.)*"(?:[^"]|"")+")re");
  if (std::regex_match(element, k_quoted_name)) {
    return;
  }
  // c.type describes the element too (base() and args() leave "[]" out). A MySQL modifier
  // ("numeric(10,2) unsigned") makes it no portable type, and no typo of one.
  const auto& portable = schema::portable_type_names();
  const bool portable_base = !c.type.has_modifiers() && std::find(portable.begin(), portable.end(),
                                                                  c.type.base()) != portable.end();
  if (portable_base && !c.type.args().empty()) {
    throw util::Error("invalid arguments in type " + util::squote(c.type.declared()) +
                          " of column " + util::squote(c.name),
                      where);
  }
  if (schema::is_known_type(element)) {
    return;
  }
  if (c.type.has_modifiers()) {
    return;
  }
  const std::string& base = c.type.base();
  for (const auto& e : db.enums) {
    if (util::iequals(e.name, base)) {
      return;
    }
  }
  for (const auto& d : db.domains) {
    if (util::iequals(d.name, base)) {
      return;
    }
  }
  const std::string suggestion = util::closest_match(base, portable);
  if (!suggestion.empty()) {
    throw util::Error("unknown type " + util::squote(c.type.declared()) + " (did you mean " +
                          util::squote(suggestion) + "?)",
                      where);
  }
}

// Index (and unique constraint) names are per schema in PostgreSQL and SQLite, so two tables
// cannot share one there; MySQL keeps them per table (the one-table check is in the codec).
void check_index_names_across_tables(const ParsedModels& m) {
  std::map<std::string, util::Location> index_names;
  auto note_index = [&](const std::string& name, const util::Location& where) {
    if (name.empty()) {
      return;
    }
    auto [it, inserted] = index_names.emplace(name, where);
    if (!inserted) {
      throw util::Error("duplicate index or constraint name " + util::squote(name) +
                            " (first used at " + first_at(it->second, where) + ")",
                        where);
    }
  };
  for (std::size_t ti = 0; ti < m.db.tables.size(); ++ti) {
    const schema::Table& t = m.db.tables[ti];
    const TableSource& src = m.tables[ti];
    for (std::size_t i = 0; i < t.indexes.size(); ++i) {
      note_index(t.indexes[i].name, src.indexes[i]);
    }
    for (std::size_t i = 0; i < t.uniques.size(); ++i) {
      note_index(t.uniques[i].name, src.uniques[i]);
    }
  }
}

void check_models(const ParsedModels& m) {
  const schema::Database& db = m.db;
  std::vector<std::string> table_names;
  std::map<std::string, util::Location> tables_seen;
  for (std::size_t i = 0; i < db.tables.size(); ++i) {
    const auto& where = m.tables[i].table;
    auto [it, inserted] = tables_seen.emplace(db.tables[i].name, where);
    if (!inserted) {
      throw util::Error("duplicate table " + util::squote(db.tables[i].name) +
                            " (first defined at " + first_at(it->second, where) + ")",
                        where);
    }
    table_names.push_back(db.tables[i].name);
  }
  // Enums and domains are both types: one name space.
  std::map<std::string, util::Location> types_seen;
  for (std::size_t i = 0; i < db.enums.size(); ++i) {
    auto [it, inserted] = types_seen.emplace(db.enums[i].name, m.enums[i]);
    if (!inserted) {
      throw util::Error("duplicate enum " + util::squote(db.enums[i].name) + " (first defined at " +
                            first_at(it->second, m.enums[i]) + ")",
                        m.enums[i]);
    }
  }
  for (std::size_t i = 0; i < db.domains.size(); ++i) {
    auto [it, inserted] = types_seen.emplace(db.domains[i].name, m.domains[i]);
    if (!inserted) {
      throw util::Error("duplicate type name " + util::squote(db.domains[i].name) +
                            ": a domain and another domain or enum (first defined at " +
                            first_at(it->second, m.domains[i]) + ")",
                        m.domains[i]);
    }
  }
  auto unique_names = [](const auto& items, const std::vector<util::Location>& where,
                         const std::string& kind) {
    std::map<std::string, util::Location> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto [it, inserted] = seen.emplace(items[i].name, where[i]);
      if (!inserted) {
        throw util::Error("duplicate " + kind + " " + util::squote(items[i].name) +
                              " (first defined at " + first_at(it->second, where[i]) + ")",
                          where[i]);
      }
    }
  };
  unique_names(db.sequences, m.sequences, "sequence");
  unique_names(db.extensions, m.extensions, "extension");
  unique_names(db.views, m.views, "view");
  unique_names(db.virtual_tables, m.virtual_tables, "virtual table");
  for (std::size_t i = 0; i < db.virtual_tables.size(); ++i) {
    const std::string& name = db.virtual_tables[i].name;
    if (db.find_table(name) != nullptr || db.find_view(name) != nullptr) {
      throw util::Error("virtual table " + util::squote(name) + " has the name of a " +
                            (db.find_table(name) != nullptr ? "table" : "view") + " of the models",
                        m.virtual_tables[i]);
    }
  }
  for (std::size_t i = 0; i < db.views.size(); ++i) {
    if (db.find_table(db.views[i].name) != nullptr) {
      throw util::Error("view " + util::squote(db.views[i].name) +
                            " has the name of a table of the models",
                        m.views[i]);
    }
  }
  for (std::size_t i = 0; i < db.sequences.size(); ++i) {
    const schema::Sequence& s = db.sequences[i];
    if (!s.owned_by) {
      continue;
    }
    const auto dot = s.owned_by->find('.');
    const std::string table = s.owned_by->substr(0, dot);
    const std::string column = s.owned_by->substr(dot + 1);
    const schema::Table* t = db.find_table(table);
    if (t == nullptr || t->find_column(column) == nullptr) {
      throw util::Error("sequence " + util::squote(s.name) + " is owned by " +
                            util::squote(*s.owned_by) + ", which is not in the models",
                        m.sequences[i]);
    }
  }

  for (std::size_t ti = 0; ti < db.tables.size(); ++ti) {
    const schema::Table& t = db.tables[ti];
    const TableSource& src = m.tables[ti];
    for (std::size_t ci = 0; ci < t.columns.size(); ++ci) {
      check_type(t.columns[ci], db, src.columns[ci]);
    }
    for (std::size_t i = 0; i < t.foreign_keys.size(); ++i) {
      const schema::ForeignKey& f = t.foreign_keys[i];
      const util::Location& where = src.foreign_keys[i];
      const std::string what = f.name.empty()
                                   ? "unnamed foreign key (" + util::join(f.columns, ", ") + ")"
                                   : "foreign key " + util::squote(f.name);
      const schema::Table* ref = db.find_table(f.ref_table);
      if (ref != nullptr) {
        ref = &schema::column_source(db, *ref); // a partition's columns are its parent's
      }
      if (ref == nullptr) {
        throw util::Error(what + " references table " + util::squote(f.ref_table) +
                              ", which is not in the models" +
                              util::did_you_mean(f.ref_table, table_names),
                          where);
      }
      for (const auto& rc : f.ref_columns) {
        if (ref->find_column(rc) == nullptr) {
          std::vector<std::string> names;
          for (const auto& c : ref->columns) {
            names.push_back(c.name);
          }
          throw util::Error(what + " references column " + util::squote(ref->name + "." + rc) +
                                ", which is not in the models" + util::did_you_mean(rc, names),
                            where);
        }
      }
    }
  }
}

// What `dialect` cannot hold (see load_models).
void check_for_dialect(const ParsedModels& m, const dialects::Dialect& dialect) {
  const std::string on = " on " + std::string(dialect.name());
  for (std::size_t i = 0; i < m.db.sequences.size(); ++i) {
    const schema::Sequence& s = m.db.sequences[i];
    if (!dialect.has_sequences()) {
      throw util::Error("sequence " + util::squote(s.name) + ": there are no sequences" + on +
                            " (an autoincrement column numbers its rows)",
                        m.sequences[i]);
    }
    if ((s.type || s.owned_by) && !dialect.has_sequence_types_and_owners()) {
      throw util::Error("sequence " + util::squote(s.name) + ": a sequence has no " +
                            (s.type ? "'type'" : "'owned_by'") + on,
                        m.sequences[i]);
    }
  }
  for (std::size_t i = 0; i < m.db.views.size(); ++i) {
    check_view_for_dialect(m.db.views[i], dialect, m.views[i]);
  }
  if (!dialect.has_domains() && !m.db.domains.empty()) {
    throw util::Error("domain " + util::squote(m.db.domains[0].name) + ": there are no domains" +
                          on + " (give its columns the base type and checks)",
                      m.domains[0]);
  }
  if (!dialect.has_virtual_tables() && !m.db.virtual_tables.empty()) {
    throw util::Error("virtual table " + util::squote(m.db.virtual_tables[0].name) +
                          ": there are no virtual tables" + on + " (SQLite's)",
                      m.virtual_tables[0]);
  }
  if (!dialect.has_extensions() && !m.db.extensions.empty()) {
    throw util::Error("extension " + util::squote(m.db.extensions[0].name) +
                          ": there are no extensions" + on,
                      m.extensions[0]);
  }
  for (std::size_t ti = 0; ti < m.db.tables.size(); ++ti) {
    const schema::Table& t = m.db.tables[ti];
    // The render-time refusals, located in the file.
    try {
      dialects::check_table_options_fit(dialect, t.options, t.name);
    } catch (const util::Error& e) {
      throw util::Error(e.message(), m.tables[ti].table);
    }
    for (std::size_t ci = 0; ci < t.columns.size(); ++ci) {
      try {
        dialects::check_statistics_fit(dialect, t.name, t.columns[ci].name,
                                       t.columns[ci].statistics);
      } catch (const util::Error& e) {
        throw util::Error(e.message(), m.tables[ti].columns.at(ci));
      }
    }
    for (std::size_t ii = 0; ii < t.indexes.size(); ++ii) {
      try {
        dialects::check_index_fits(dialect, t.name, t.indexes[ii]);
      } catch (const util::Error& e) {
        throw util::Error(e.message(), m.tables[ti].indexes.at(ii));
      }
    }
    const TableSource& src = m.tables[ti];
    const std::string dialect_name(dialect.name());
    const util::Location& key_at = src.primary_key.value_or(src.table);
    if (!t.key.name.empty() && !dialect.names_primary_keys()) {
      throw util::Error("table " + util::squote(t.name) + ": primary_key names the key " +
                            util::squote(t.key.name) + ", but on " + dialect_name +
                            " a primary key is always named PRIMARY; leave the name out",
                        key_at);
    }
    if (t.key.deferrable && !dialect.deferrable_keys()) {
      throw util::Error("table " + util::squote(t.name) +
                            ": the primary key cannot be deferrable on " + dialect_name +
                            " (only PostgreSQL has deferrable primary keys)",
                        key_at);
    }
    for (std::size_t i = 0; i < t.uniques.size(); ++i) {
      const schema::UniqueConstraint& u = t.uniques[i];
      if (u.deferrable && !dialect.deferrable_keys()) {
        throw util::Error(
            "table " + util::squote(t.name) + ": unique constraint " +
                (u.name.empty() ? "(" + util::join(u.columns, ", ") + ")" : util::squote(u.name)) +
                " cannot be deferrable on " + dialect_name +
                " (only PostgreSQL has deferrable unique constraints)",
            src.uniques[i]);
      }
    }
    for (std::size_t i = 0; i < t.foreign_keys.size(); ++i) {
      const schema::ForeignKey& f = t.foreign_keys[i];
      const std::string key =
          "table " + util::squote(t.name) + ": foreign key " +
          (f.name.empty() ? "(" + util::join(f.columns, ", ") + ")" : util::squote(f.name));
      if (f.deferrable && !dialect.deferrable_foreign_keys()) {
        throw util::Error(key + " cannot be deferrable on " + dialect_name +
                              ": it has no deferrable constraints (foreign keys are checked "
                              "at once, statement by statement)",
                          src.foreign_keys[i]);
      }
      if (f.not_valid && !dialect.not_valid_foreign_keys()) {
        throw util::Error(
            key + " cannot be not_valid on " + dialect_name +
                ": only PostgreSQL adds a foreign key without checking the rows already there",
            src.foreign_keys[i]);
      }
    }
    for (std::size_t ci = 0; ci < t.columns.size(); ++ci) {
      const schema::Column& c = t.columns[ci];
      if (c.generated && !c.generated->stored && !dialect.has_virtual_generated_columns()) {
        throw util::Error("column " + util::squote(t.name + "." + c.name) +
                              " cannot be a virtual generated column on " +
                              std::string(dialect.name()) +
                              ": it has only stored ones (generated = { ..., stored = true })",
                          m.tables[ti].columns[ci]);
      }
      if (c.type.declared().empty() && !dialect.has_untyped_columns()) {
        throw util::Error("column " + util::squote(t.name + "." + c.name) +
                              " has no type: only SQLite has columns without a declared type",
                          m.tables[ti].columns[ci]);
      }
      if (c.identity_always && !dialect.has_identity_always()) {
        throw util::Error("column " + util::squote(t.name + "." + c.name) +
                              " cannot be identity = \"always\" on " + std::string(dialect.name()) +
                              ": its autoincrement columns accept written values "
                              "(write autoincrement = true)",
                          m.tables[ti].columns[ci]);
      }
      if (c.autoincrement && dialect.autoincrement_only_on_sole_key() &&
          !(c.primary_key && t.primary_key().size() == 1)) {
        throw util::Error("column " + util::squote(t.name + "." + c.name) +
                              " cannot autoincrement on " + std::string(dialect.name()) +
                              ": only a table's only primary-key column can there",
                          m.tables[ti].columns[ci]);
      }
    }
  }
}

schema::Database finish(ParsedModels m, const dialects::Dialect* dialect = nullptr) {
  check_models(m);
  if (dialect != nullptr) { // before check_partitions: its refusal is the clearer one
    check_partitions_for_dialect(m.db, m.tables, *dialect);
  }
  check_partitions(m.db, m.tables);
  check_routines(m.db, m.routines, m.triggers);
  check_aggregates(m.db, m.aggregates, m.operators, dialect);
  // Without a dialect (a models file read on its own), the stricter rule.
  if (dialect == nullptr || !dialect->index_names_per_table()) {
    check_index_names_across_tables(m);
  }
  if (dialect != nullptr) {
    check_for_dialect(m, *dialect);
    check_routines_for_dialect(m.db, m.routines, m.triggers, *dialect);
  }
  for (auto& t : m.db.tables) {
    schema::name_unnamed(t);
  }
  return std::move(m.db);
}

template <class T> void sort_by_name(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const T& a, const T& b) { return a.name < b.name; });
}

} // namespace

schema::Database parse_models(std::string_view text, const std::string& path) {
  return finish(read_models(text, path));
}

schema::Database load_models(const std::vector<std::filesystem::path>& files,
                             const dialects::Dialect* dialect) {
  ParsedModels all;
  for (const auto& file : files) {
    ParsedModels m = read_models(util::read_file(file, "models file"), file.string());
    // Moved whole where `all` has none yet (one models file: no copy of 5,000 tables), and
    // appended after one reserve otherwise.
    auto move_all = [](auto& from, auto& to) {
      if (to.empty()) {
        to = std::move(from);
        return;
      }
      to.reserve(to.size() + from.size());
      for (auto& x : from) {
        to.push_back(std::move(x));
      }
    };
    move_all(m.db.tables, all.db.tables);
    move_all(m.tables, all.tables);
    move_all(m.db.enums, all.db.enums);
    move_all(m.enums, all.enums);
    move_all(m.db.sequences, all.db.sequences);
    move_all(m.sequences, all.sequences);
    move_all(m.db.domains, all.db.domains);
    move_all(m.domains, all.domains);
    move_all(m.db.extensions, all.db.extensions);
    move_all(m.extensions, all.extensions);
    move_all(m.db.views, all.db.views);
    move_all(m.views, all.views);
    move_all(m.db.routines, all.db.routines);
    move_all(m.routines, all.routines);
    move_all(m.db.triggers, all.db.triggers);
    move_all(m.triggers, all.triggers);
    move_all(m.db.virtual_tables, all.db.virtual_tables);
    move_all(m.virtual_tables, all.virtual_tables);
    move_all(m.db.aggregates, all.db.aggregates);
    move_all(m.aggregates, all.aggregates);
    move_all(m.db.operators, all.db.operators);
    move_all(m.operators, all.operators);
  }
  return finish(std::move(all), dialect);
}

std::string render_models(const schema::Database& db) {
  std::string out;
  auto block = [&](const std::string& text) {
    if (!out.empty()) {
      out += "\n";
    }
    out += text;
  };
  for (const auto& e : db.extensions) {
    block("[[extension]]\n" + render_extension_keys(e));
  }
  for (const auto& d : db.domains) {
    block("[[domain]]\n" + render_domain_keys(d));
  }
  for (const auto& e : db.enums) {
    block("[[enum]]\nname = " + toml_string(e.name) + "\nvalues = " + toml_string_array(e.values) +
          "\n");
  }
  for (const auto& s : db.sequences) {
    block("[[sequence]]\n" + render_sequence_keys(s));
  }
  for (const auto& table : db.tables) {
    schema::Table t = table;
    sort_by_name(t.indexes);
    sort_by_name(t.uniques);
    sort_by_name(t.foreign_keys);
    sort_by_name(t.checks);
    block("[[table]]\nname = " + toml_string(t.name) + "\n" + render_table_body(t));
  }
  for (const auto& v : db.virtual_tables) {
    block("[[virtual_table]]\n" + render_virtual_table_keys(v));
  }
  for (const auto& r : db.routines) {
    block("[[" + r.kind + "]]\n" + render_routine_keys(r));
  }
  for (const auto& t : db.triggers) {
    block("[[trigger]]\n" + render_trigger_keys(t));
  }
  // After the functions they call; views, which may use them, below.
  for (const auto& o : db.operators) {
    block("[[operator]]\n" + render_operator_keys(o));
  }
  for (const auto& a : db.aggregates) {
    block("[[aggregate]]\n" + render_aggregate_keys(a));
  }
  // Views last, each after what it reads (a view on a view after that view).
  schema::Database ordered = db;
  schema::fill_view_dependencies(ordered);
  std::set<std::string> view_names;
  for (const auto& v : db.views) {
    view_names.insert(v.name);
  }
  for (const auto& name : schema::views_in_order(ordered, view_names)) {
    schema::View v = *db.find_view(name);
    sort_by_name(v.indexes);
    block("[[view]]\n" + render_view_keys(v));
  }
  return out;
}

} // namespace migratecpp::migrate
