// The SQL of a table's parts (column definitions, defaults, index entries, CREATE TABLE and
// CREATE INDEX) and the table-model helpers that rendering and the rebuild share.
#include "dialects/sqlite/sqlite_ddl.h"

#include "dialects/sqlite/sql_text.h"
#include "dialects/sqlite/sqlite_table_extras.h"
#include "schema/types.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace migratecpp::dialects::sqlite {

using schema::Column;
using schema::Database;
using schema::Table;

namespace detail {

// SQLite compares identifiers ASCII case-insensitively; so must we when matching names.
bool same_name(std::string_view a, std::string_view b) {
  return util::iequals(a, b);
}

bool contains_name(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return same_name(n, name); });
}

const Column* find_column(const Table& t, std::string_view name) {
  for (const auto& c : t.columns) {
    if (same_name(c.name, name)) {
      return &c;
    }
  }
  return nullptr;
}

const Table& require_table(const Database& db, const std::string& name) {
  if (const Table* t = db.find_table(name)) {
    return *t;
  }
  for (const auto& t : db.tables) {
    if (same_name(t.name, name)) {
      return t;
    }
  }
  std::vector<std::string> names;
  for (const auto& t : db.tables) {
    names.push_back(t.name);
  }
  throw util::Error("table '" + name + "' does not exist" + util::did_you_mean(name, names));
}

const Column& require_column(const Table& t, const std::string& name) {
  if (const Column* c = find_column(t, name)) {
    return *c;
  }
  std::vector<std::string> names;
  for (const auto& c : t.columns) {
    names.push_back(c.name);
  }
  throw util::Error("column '" + name + "' does not exist in table '" + t.name + "'" +
                    util::did_you_mean(name, names));
}

bool index_mentions(const Table& t, const schema::Index& idx, const std::string& column) {
  for (const auto& p : idx.parts) {
    const auto part = schema::resolve_index_part(p, t.column_names());
    if (part.is_expression() ? mentions_identifier(part.expression, column)
                             : same_name(part.column, column)) {
      return true;
    }
  }
  return idx.where && mentions_identifier(*idx.where, column);
}

// Everything inside `t` that names column `from` now names `to`: what SQLite's
// ALTER TABLE RENAME COLUMN does to the stored SQL.
void rename_column_in(Table& t, const std::string& from, const std::string& to) {
  auto rename_list = [&](std::vector<std::string>& names) {
    for (auto& n : names) {
      if (same_name(n, from)) {
        n = to;
      }
    }
  };
  for (auto& idx : t.indexes) {
    for (auto& p : idx.parts) {
      p = schema::resolve_index_part(p, t.column_names());
      if (p.is_expression()) {
        schema::replace_index_part_head(p, rename_identifier(p.expression, from, to));
      } else if (same_name(p.column, from)) {
        schema::replace_index_part_head(p, to);
      }
    }
    if (idx.where) {
      idx.where = rename_identifier(*idx.where, from, to);
    }
  }
  for (auto& c : t.columns) {
    if (same_name(c.name, from)) {
      c.name = to;
    }
  }
  rename_list(t.key.columns);
  for (auto& u : t.uniques) {
    rename_list(u.columns);
  }
  for (auto& fk : t.foreign_keys) {
    rename_list(fk.columns);
    if (same_name(fk.ref_table, t.name)) {
      rename_list(fk.ref_columns);
    }
  }
  for (auto& ck : t.checks) {
    ck.expression = rename_identifier(ck.expression, from, to);
  }
}

// Whether SQLite's ALTER TABLE DROP COLUMN would refuse: the column is part of the key, an
// index, a constraint or a CHECK (https://www.sqlite.org/lang_altertable.html#altertabdropcol).
bool column_in_use(const Table& t, const Column& c) {
  if (c.primary_key) {
    return true;
  }
  for (const auto& idx : t.indexes) {
    if (index_mentions(t, idx, c.name)) {
      return true;
    }
  }
  for (const auto& u : t.uniques) {
    if (contains_name(u.columns, c.name)) {
      return true;
    }
  }
  for (const auto& fk : t.foreign_keys) {
    if (contains_name(fk.columns, c.name) ||
        (same_name(fk.ref_table, t.name) && contains_name(fk.ref_columns, c.name))) {
      return true;
    }
  }
  for (const auto& ck : t.checks) {
    if (mentions_identifier(ck.expression, c.name)) {
      return true;
    }
  }
  return false;
}

// `t` without column `name` and without everything built on it, as PostgreSQL's DROP COLUMN
// leaves a table: indexes and constraints involving the column go with it; a primary key that
// included it is dropped (its other columns stay NOT NULL).
Table without_column(const Table& t, const std::string& name) {
  Table out = t;
  const Column& c = require_column(t, name);
  const bool was_key = c.primary_key;
  out.columns.erase(std::remove_if(out.columns.begin(), out.columns.end(),
                                   [&](const Column& x) { return same_name(x.name, name); }),
                    out.columns.end());
  if (was_key) {
    for (auto& x : out.columns) {
      if (x.primary_key) {
        x.primary_key = false;
        x.autoincrement = false;
        x.nullable = false;
      }
    }
    out.key = schema::PrimaryKey{};
  }
  std::erase_if(out.indexes, [&](const schema::Index& i) { return index_mentions(t, i, name); });
  std::erase_if(out.uniques,
                [&](const schema::UniqueConstraint& u) { return contains_name(u.columns, name); });
  std::erase_if(out.foreign_keys, [&](const schema::ForeignKey& fk) {
    return contains_name(fk.columns, name) ||
           (same_name(fk.ref_table, t.name) && contains_name(fk.ref_columns, name));
  });
  std::erase_if(out.checks, [&](const schema::CheckConstraint& ck) {
    return mentions_identifier(ck.expression, name);
  });
  return out;
}

// SQL text placed before a closing parenthesis or comma: a trailing "--" comment would
// swallow them, so it gets a line break.
std::string guarded(const std::string& expr) {
  std::string out = util::trim(expr);
  const auto tokens = tokenize(out);
  if (!tokens.empty() && tokens.back().kind == TokenKind::comment &&
      tokens.back().text.substr(0, 2) == "--") {
    out += "\n";
  }
  return out;
}

// A default SQLite takes without parentheses: a literal, a signed number, NULL, TRUE/FALSE,
// CURRENT_TIME/DATE/TIMESTAMP (the last three only if `allow_current`), or an expression
// already in parentheses.
bool is_plain_default(const std::string& expr, bool allow_current, bool allow_parenthesized) {
  const auto all = tokenize(expr);
  std::vector<Token> tokens;
  for (const auto& t : all) {
    if (t.kind != TokenKind::comment) {
      tokens.push_back(t);
    }
  }
  if (tokens.empty()) {
    return false;
  }
  if (tokens.size() == 1) {
    const Token& t = tokens[0];
    if (t.kind == TokenKind::string || t.kind == TokenKind::number || t.kind == TokenKind::blob) {
      return true;
    }
    for (std::string_view kw : {"NULL", "TRUE", "FALSE"}) {
      if (is_keyword(t, kw)) {
        return true;
      }
    }
    for (std::string_view kw : {"CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"}) {
      if (is_keyword(t, kw)) {
        return allow_current;
      }
    }
    return false;
  }
  if (tokens.size() == 2 && (tokens[0].text == "-" || tokens[0].text == "+") &&
      tokens[1].kind == TokenKind::number) {
    return true;
  }
  if (allow_parenthesized && tokens.front().text == "(" && tokens.back().text == ")") {
    // Only if the first parenthesis closes at the very end: "(a) + (b)" is not wrapped.
    int depth = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].text == "(") {
        ++depth;
      } else if (tokens[i].text == ")") {
        --depth;
        if (depth == 0 && i + 1 != tokens.size()) {
          return false;
        }
      }
    }
    return true;
  }
  return false;
}

// SQLite requires parentheses around any default that is not a literal. It reports the
// default back without them (pragma table_info), so a model's "lower('x')" round-trips.
std::string default_sql(const std::string& expr) {
  if (is_plain_default(expr, true, true)) {
    return guarded(expr);
  }
  return "(" + guarded(expr) + ")";
}

bool is_null_literal(const std::string& expr) {
  const auto tokens = tokenize(expr);
  return tokens.size() == 1 && is_keyword(tokens[0], "NULL");
}

bool has_autoincrement_key(const Table& t) {
  const auto pk = t.primary_key();
  if (pk.size() != 1) {
    return false;
  }
  const Column* c = find_column(t, pk[0]);
  return c != nullptr && c->autoincrement;
}

bool has_comment(const std::optional<std::string>& c) {
  return c && !c->empty();
}

template <class T> bool name_taken(const std::vector<T>& items, const std::string& name) {
  return !name.empty() && std::any_of(items.begin(), items.end(),
                                      [&](const T& x) { return same_name(x.name, name); });
}

void require_new_constraint_name(const Table& t, const std::string& name) {
  if (name_taken(t.uniques, name) || name_taken(t.foreign_keys, name) ||
      name_taken(t.checks, name)) {
    throw util::Error("constraint '" + name + "' already exists on table '" + t.name + "'");
  }
}

std::string fallback_index_name(const std::string& table, const std::vector<std::string>& cols) {
  std::string out = "ix_" + table;
  for (const auto& c : cols) {
    out += "_";
    for (char ch : c) {
      out.push_back(std::isalnum(static_cast<unsigned char>(ch)) != 0 ? ch : '_');
    }
  }
  return out;
}

// One part of a CREATE INDEX column list: a column quoted, an expression written as is (its
// text is what SQLite stores and introspection reads back, so "lower(email)" round-trips
// exactly) or parenthesized where it is not one atom ("(a + b)"), then what follows it.
// A prefix length (title(10)) is no SQLite syntax: written as is, SQLite reads a call.
std::string index_part_sql(const Table* t, const schema::IndexPart& written) {
  const schema::IndexPart part =
      t != nullptr ? schema::resolve_index_part(written, t->column_names()) : written;
  const std::string suffix = schema::index_part_suffix(part);
  if (!part.is_expression()) {
    return (part.length ? schema::index_part_head(part) : quote_identifier(part.column)) + suffix;
  }
  if (schema::is_atomic_expression(part.expression)) {
    return guarded(part.expression + suffix);
  }
  return "(" + guarded(part.expression) + ")" + suffix;
}

const Table* find_table_ci(const Database& db, const std::string& name) {
  if (const Table* t = db.find_table(name)) {
    return t;
  }
  for (const auto& t : db.tables) {
    if (same_name(t.name, name)) {
      return &t;
    }
  }
  return nullptr;
}

// CREATE INDEX on `table`, whose definition `t` (null if unknown) tells its column names from
// SQL expressions.
std::string index_sql(const std::string& table, const Table* t, const schema::Index& index) {
  std::vector<std::string> cols;
  for (const auto& p : index.parts) {
    cols.push_back(index_part_sql(t, p));
  }
  const std::string name = index.name.empty()
                               ? fallback_index_name(table, schema::index_part_texts(index.parts))
                               : index.name;
  std::string out = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                    quote_identifier(name) + " ON " + quote_identifier(table) + " (" +
                    util::join(cols, ", ") + ")";
  if (index.where && !util::trim(*index.where).empty()) {
    out += " WHERE " + util::trim(*index.where);
  }
  return out;
}

namespace {

std::string collation_name(const SqliteDialect& dialect, const std::string& name) {
  // Bare where a bare word reads back the same (NOCASE, RTRIM): the text a person writes.
  const bool bare = !name.empty() && std::isdigit(static_cast<unsigned char>(name[0])) == 0 &&
                    std::all_of(name.begin(), name.end(), [](char ch) {
                      return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_';
                    });
  return bare ? name : dialect.quote_ident(name);
}

} // namespace

std::string ColumnSql::operator()(const Column& c, bool inline_key,
                                  const std::string& key_name) const {
  if (c.identity_always) {
    throw util::Error("column '" + c.name +
                      "' cannot be identity = \"always\" on SQLite: an "
                      "AUTOINCREMENT key accepts values written for it (write autoincrement = "
                      "true)");
  }
  const bool autoinc = inline_key && c.autoincrement;
  std::string type;
  std::optional<std::string> hint;
  if (autoinc) {
    // The rowid alias must be declared INTEGER (in any case: the model's is kept).
    const std::string declared = util::trim(c.type.declared());
    type = util::iequals(declared, "integer") ? declared : "INTEGER";
    if (c.type.canonical() != "integer") {
      hint = c.type.declared();
    }
  } else if (db.find_enum(c.type.declared()) != nullptr) {
    // SQLite has no enum types: the values are stored as text.
    type = "TEXT";
    hint = c.type.declared();
  } else {
    type = dialect.type_sql(c.type);
  }
  std::string out = dialect.quote_ident(c.name);
  if (!type.empty()) {
    out += " " + type;
  }
  if (c.collation) {
    out += " COLLATE " + collation_name(dialect, *c.collation);
  }
  if (inline_key) {
    if (!key_name.empty()) {
      out += " CONSTRAINT " + dialect.quote_ident(key_name);
    }
    out += " PRIMARY KEY";
    if (autoinc) {
      out += " AUTOINCREMENT";
    }
  }
  if (c.generated) {
    out += " GENERATED ALWAYS AS (" + c.generated->expression + ")" +
           (c.generated->stored ? " STORED" : " VIRTUAL");
  }
  // A key column's NOT NULL is as the model says (by default NOT NULL): SQLite stores the
  // declaration and reports it back.
  if (!c.nullable) {
    out += " NOT NULL";
  }
  if (c.default_expr && !util::trim(*c.default_expr).empty() && !c.generated) {
    out += " DEFAULT " + default_sql(*c.default_expr);
  }
  if (hint) {
    out += " " + metadata_comment("type", *hint);
  }
  if (has_comment(c.comment)) {
    out += " " + metadata_comment("comment", *c.comment);
  }
  return out;
}

std::string idents(const SqliteDialect& d, const std::vector<std::string>& names) {
  std::vector<std::string> q;
  for (const auto& n : names) {
    q.push_back(d.quote_ident(n));
  }
  return util::join(q, ", ");
}

std::string constraint_prefix(const SqliteDialect& d, const std::string& name) {
  return name.empty() ? std::string() : "CONSTRAINT " + d.quote_ident(name) + " ";
}

} // namespace detail

using namespace detail;

std::string SqliteDialect::create_table_sql(const Table& t, const Database& db,
                                            const std::string& as_name,
                                            const TableExtras* extras) const {
  std::string out = "CREATE TABLE " + quote_ident(as_name.empty() ? t.name : as_name);
  if (has_comment(t.comment)) {
    out += " " + metadata_comment("comment", *t.comment);
  }
  const ColumnSql column_sql{*this, db};
  const auto pk = t.primary_key();
  std::vector<std::string> items;
  // Generated columns (extras) go after the column they followed, or after the last one.
  std::vector<bool> placed(extras != nullptr ? extras->generated.size() : 0, false);
  auto add_generated_after = [&](std::string_view column) {
    for (std::size_t i = 0; i < placed.size(); ++i) {
      if (!placed[i] && same_name(extras->generated[i].after, column)) {
        items.push_back(extras->generated[i].definition);
        placed[i] = true;
      }
    }
  };
  add_generated_after("");
  for (const auto& c : t.columns) {
    items.push_back(column_sql(c, pk.size() == 1 && c.primary_key, t.key.name));
    add_generated_after(c.name);
  }
  for (std::size_t i = 0; i < placed.size(); ++i) {
    if (!placed[i]) {
      items.push_back(extras->generated[i].definition);
    }
  }
  if (pk.size() > 1) {
    items.push_back(constraint_prefix(*this, t.key.name) + "PRIMARY KEY (" + idents(*this, pk) +
                    ")");
  }
  for (const auto& u : t.uniques) {
    items.push_back(constraint_prefix(*this, u.name) + "UNIQUE (" + idents(*this, u.columns) + ")");
  }
  for (const auto& fk : t.foreign_keys) {
    std::string s = constraint_prefix(*this, fk.name) + "FOREIGN KEY (" +
                    idents(*this, fk.columns) + ") REFERENCES " + quote_ident(fk.ref_table);
    if (!fk.ref_columns.empty()) {
      s += " (" + idents(*this, fk.ref_columns) + ")";
    }
    if (!fk.on_delete.empty()) {
      s += " ON DELETE " + util::to_upper(fk.on_delete);
    }
    if (!fk.on_update.empty()) {
      s += " ON UPDATE " + util::to_upper(fk.on_update);
    }
    if (fk.deferrable || fk.initially_deferred) {
      s += fk.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
    }
    if (fk.not_valid) {
      throw util::Error("table " + util::squote(t.name) +
                        ": SQLite has no NOT VALID foreign keys; leave not_valid out");
    }
    items.push_back(s);
  }
  for (const auto& ck : t.checks) {
    items.push_back(constraint_prefix(*this, ck.name) + "CHECK (" + guarded(ck.expression) + ")");
  }
  out += " (\n  " + util::join(items, ",\n  ") + "\n)";
  if (extras != nullptr && !extras->table_options.empty()) {
    out += " " + extras->table_options;
  }
  return out;
}

std::string SqliteDialect::create_index_sql(const std::string& table,
                                            const schema::Index& index) const {
  return index_sql(table, nullptr, index);
}

} // namespace migratecpp::dialects::sqlite
