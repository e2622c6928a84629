// SQLite introspection: the catalog pragmas for what they report (columns, keys, indexes,
// foreign keys), the stored CREATE TABLE / CREATE INDEX text for what they do not (constraint
// names, CHECK expressions, partial-index predicates, AUTOINCREMENT, comments, the expressions
// of generated columns, which pragma table_xinfo marks hidden 2 (virtual) or 3 (stored)).
//
// Each pragma is queried once for all tables through its table-valued function joined with
// sqlite_master (https://www.sqlite.org/pragma.html#pragfunc), so the number of statements is
// the same for 10 tables and for 5000.
#include "dialects/sqlite/sql_text.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "dialects/sqlite/sqlite_triggers.h"
#include "dialects/sqlite/sqlite_views.h"
#include "dialects/sqlite/sqlite_virtual_tables.h"
#include "schema/apply.h"
#include "schema/types.h"
#include "util/strings.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

namespace migratecpp::dialects::sqlite {

namespace {

// ---------------------------------------------------------------------------------------
// What the stored CREATE TABLE text tells beyond the pragmas.

struct ParsedColumn {
  std::string name;
  bool autoincrement = false;
  std::optional<std::string> comment;
  std::optional<std::string> type_hint; // see metadata_comment
  std::optional<std::string> generated; // GENERATED ALWAYS AS (this)
  std::optional<std::string> collation; // COLLATE x (no pragma reports it)
  std::string declared_type;            // the type's text as written ("" for none)
};

struct ParsedForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  bool deferrable = false; // [NOT] DEFERRABLE [INITIALLY DEFERRED | IMMEDIATE]
  bool initially_deferred = false;
};

struct ParsedTable {
  std::optional<std::string> comment;
  std::vector<ParsedColumn> columns;
  std::vector<schema::UniqueConstraint> uniques;
  std::vector<ParsedForeignKey> foreign_keys;
  std::vector<schema::CheckConstraint> checks;
  std::vector<std::string>
      autoincrement_keys;     // PRIMARY KEY (id AUTOINCREMENT) as a table constraint
  std::string key_name;       // CONSTRAINT name PRIMARY KEY, inline or as a table constraint
  bool without_rowid = false; // its key columns are NOT NULL whatever they declare
};

std::string name_of(const Token& t) {
  // SQLite also accepts 'single-quoted' names in a CREATE TABLE.
  if (t.kind == TokenKind::string) {
    return util::sql::string_value(t, k_quoting.syntax);
  }
  return identifier_value(t);
}

// The source text from the start of token `first` to the end of token `last` (inclusive).
std::string text_between(std::string_view sql, const Token& first, const Token& last) {
  return util::trim(sql.substr(first.offset, last.offset + last.text.size() - first.offset));
}

// The text inside the parentheses opening at `open`, as written, or "" if unbalanced.
std::string paren_text(std::string_view sql, const std::vector<Token>& tokens, std::size_t open) {
  const std::size_t close = matching_paren(tokens, open);
  if (close >= tokens.size() || close == open + 1) {
    return "";
  }
  return text_between(sql, tokens[open + 1], tokens[close - 1]);
}

// The top-level comma-separated items inside the parentheses opening at `open`, each as a
// list of token indices (comments included).
std::vector<std::vector<std::size_t>> split_items(const std::vector<Token>& tokens,
                                                  std::size_t open) {
  std::vector<std::vector<std::size_t>> items(1);
  int depth = 0;
  for (std::size_t i = open + 1; i < tokens.size(); ++i) {
    if (is_punct(tokens[i], "(")) {
      ++depth;
    } else if (is_punct(tokens[i], ")")) {
      if (depth == 0) {
        break;
      }
      --depth;
    } else if (depth == 0 && is_punct(tokens[i], ",")) {
      items.emplace_back();
      continue;
    }
    items.back().push_back(i);
  }
  return items;
}

// The names of a column list "(a, b COLLATE nocase, c DESC)": the first token of each item.
std::vector<std::string> name_list(const std::vector<Token>& tokens, std::size_t open) {
  std::vector<std::string> out;
  for (const auto& item : split_items(tokens, open)) {
    for (std::size_t i : item) {
      if (tokens[i].kind != TokenKind::comment) {
        out.push_back(name_of(tokens[i]));
        break;
      }
    }
  }
  return out;
}

bool is_constraint_start(const Token& t) {
  for (std::string_view kw : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}) {
    if (is_keyword(t, kw)) {
      return true;
    }
  }
  return false;
}

// The deferrability clause of a foreign key, read from tokens[from, end) after its REFERENCES:
// DEFERRABLE [INITIALLY DEFERRED | INITIALLY IMMEDIATE]; NOT DEFERRABLE (and no clause) is
// immediate. Stops at the next column constraint (inline REFERENCES).
void read_deferral(const std::vector<Token>& tokens, std::size_t from, std::size_t end,
                   ParsedForeignKey& fk) {
  for (std::size_t i = from; i < end; ++i) {
    const Token& t = tokens[i];
    if (is_punct(t, "(")) {
      i = matching_paren(tokens, i);
      continue;
    }
    if (is_keyword(t, "CONSTRAINT") || is_keyword(t, "CHECK") || is_keyword(t, "DEFAULT") ||
        is_keyword(t, "COLLATE") || is_keyword(t, "GENERATED") || is_keyword(t, "UNIQUE") ||
        is_keyword(t, "PRIMARY")) {
      return;
    }
    if (is_keyword(t, "DEFERRABLE")) {
      fk.deferrable = !(i > from && is_keyword(tokens[i - 1], "NOT"));
      fk.initially_deferred = fk.deferrable && i + 2 < end &&
                              is_keyword(tokens[i + 1], "INITIALLY") &&
                              is_keyword(tokens[i + 2], "DEFERRED");
      return;
    }
  }
}

std::size_t next_paren(const std::vector<Token>& tokens, std::size_t from, std::size_t end) {
  for (std::size_t i = from; i < end; ++i) {
    if (is_punct(tokens[i], "(")) {
      return i;
    }
  }
  return end;
}

void parse_table_constraint(std::string_view sql, const std::vector<Token>& tokens,
                            const std::vector<std::size_t>& seg, ParsedTable& out) {
  // seg holds no comments here; positions are indices into it.
  std::size_t p = 0;
  std::string name;
  while (p < seg.size()) {
    const Token& t = tokens[seg[p]];
    const std::size_t end = seg.back() + 1;
    if (is_keyword(t, "CONSTRAINT") && p + 1 < seg.size()) {
      name = name_of(tokens[seg[p + 1]]);
      p += 2;
      continue;
    }
    const std::size_t open = next_paren(tokens, seg[p], end);
    if (is_keyword(t, "PRIMARY")) {
      out.key_name = name;
      if (open < end) {
        const std::size_t close = matching_paren(tokens, open);
        for (std::size_t i = open; i < close; ++i) {
          if (is_keyword(tokens[i], "AUTOINCREMENT")) {
            const auto names = name_list(tokens, open);
            out.autoincrement_keys.insert(out.autoincrement_keys.end(), names.begin(), names.end());
            break;
          }
        }
      }
    } else if (is_keyword(t, "UNIQUE")) {
      if (open < end) {
        out.uniques.push_back({name, name_list(tokens, open)});
      }
    } else if (is_keyword(t, "CHECK")) {
      if (open < end) {
        out.checks.push_back({name, paren_text(sql, tokens, open)});
      }
    } else if (is_keyword(t, "FOREIGN")) {
      if (open < end) {
        ParsedForeignKey fk{name, name_list(tokens, open), ""};
        for (std::size_t i = matching_paren(tokens, open); i + 1 < end; ++i) {
          if (is_keyword(tokens[i], "REFERENCES")) {
            fk.ref_table = name_of(tokens[i + 1]);
            read_deferral(tokens, i + 2, end, fk);
            break;
          }
        }
        out.foreign_keys.push_back(std::move(fk));
      }
    }
    return; // one constraint per item
  }
}

// The type of the column definition seg (its name first) as written: the names after the
// column's name up to its first constraint, with their "(...)". The pragmas report the type
// in upper case where it is one of SQLite's own names (text -> TEXT), and clients that read
// the CREATE statement see it as written: this is the text to create again.
std::string declared_type_text(std::string_view sql, const std::vector<Token>& tokens,
                               const std::vector<std::size_t>& seg) {
  std::size_t last = 0;
  for (std::size_t p = 1; p < seg.size(); ++p) {
    const Token& t = tokens[seg[p]];
    if (is_punct(t, "(")) {
      last = matching_paren(tokens, seg[p]);
      break;
    }
    if (t.kind != TokenKind::word && t.kind != TokenKind::quoted_identifier) {
      break;
    }
    bool constraint = false;
    for (std::string_view kw : {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK",
                                "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"}) {
      constraint = constraint || is_keyword(t, kw);
    }
    if (constraint) {
      break;
    }
    last = seg[p];
  }
  return last == 0 ? "" : text_between(sql, tokens[seg[1]], tokens[last]);
}

void parse_column(std::string_view sql, const std::vector<Token>& tokens,
                  const std::vector<std::size_t>& all, const std::vector<std::size_t>& seg,
                  ParsedTable& out) {
  ParsedColumn col;
  col.name = name_of(tokens[seg[0]]);
  for (std::size_t i : all) {
    if (tokens[i].kind == TokenKind::comment) {
      if (auto c = parse_metadata_comment(tokens[i].text, "comment")) {
        col.comment = std::move(c);
      } else if (auto h = parse_metadata_comment(tokens[i].text, "type")) {
        col.type_hint = std::move(h);
      }
    }
  }
  col.declared_type = declared_type_text(sql, tokens, seg);
  // Column constraints: [CONSTRAINT name] PRIMARY KEY ... | NOT NULL | UNIQUE | CHECK (...) |
  // DEFAULT ... | COLLATE x | REFERENCES t (...) ... | GENERATED ALWAYS AS (...)
  std::string pending;
  for (std::size_t p = 1; p < seg.size(); ++p) {
    const std::size_t ti = seg[p];
    const Token& t = tokens[ti];
    if (is_punct(t, "(")) {
      // Type arguments, DEFAULT (expr), GENERATED AS (expr): nothing to read inside.
      const std::size_t close = matching_paren(tokens, ti);
      while (p + 1 < seg.size() && seg[p + 1] <= close) {
        ++p;
      }
      continue;
    }
    if (is_keyword(t, "CONSTRAINT") && p + 1 < seg.size()) {
      pending = name_of(tokens[seg[p + 1]]);
      ++p;
    } else if (is_keyword(t, "AS") && p + 1 < seg.size() && is_punct(tokens[seg[p + 1]], "(")) {
      col.generated = paren_text(sql, tokens, seg[p + 1]); // STORED / VIRTUAL: table_xinfo
      pending.clear();
    } else if (is_keyword(t, "AUTOINCREMENT")) {
      col.autoincrement = true;
    } else if (is_keyword(t, "COLLATE") && p + 1 < seg.size()) {
      // BINARY is what a column without COLLATE compares with: no collation of its own.
      const std::string name = name_of(tokens[seg[p + 1]]);
      col.collation = util::iequals(name, "BINARY") ? std::nullopt : std::optional(name);
      pending.clear();
      ++p;
    } else if (is_keyword(t, "UNIQUE")) {
      out.uniques.push_back({pending, {col.name}});
      pending.clear();
    } else if (is_keyword(t, "CHECK")) {
      if (p + 1 < seg.size() && is_punct(tokens[seg[p + 1]], "(")) {
        out.checks.push_back({pending, paren_text(sql, tokens, seg[p + 1])});
      }
      pending.clear();
    } else if (is_keyword(t, "REFERENCES")) {
      if (p + 1 < seg.size()) {
        ParsedForeignKey fk{pending, {col.name}, name_of(tokens[seg[p + 1]])};
        read_deferral(tokens, seg[p + 1] + 1, seg.back() + 1, fk);
        out.foreign_keys.push_back(std::move(fk));
      }
      pending.clear();
    } else if (is_keyword(t, "PRIMARY")) {
      out.key_name = pending;
      pending.clear();
    } else if (is_keyword(t, "NOT") || is_keyword(t, "NULL") || is_keyword(t, "DEFAULT") ||
               is_keyword(t, "COLLATE") || is_keyword(t, "GENERATED") || is_keyword(t, "AS")) {
      pending.clear();
    }
  }
  out.columns.push_back(std::move(col));
}

ParsedTable parse_create_table(std::string_view sql) {
  ParsedTable out;
  const auto tokens = tokenize(sql);
  std::size_t open = 0;
  while (open < tokens.size() && !is_punct(tokens[open], "(")) {
    ++open;
  }
  if (open == tokens.size()) {
    return out; // CREATE TABLE ... AS SELECT: the pragmas have it all
  }
  for (std::size_t i = 0; i < open; ++i) {
    if (tokens[i].kind == TokenKind::comment) {
      if (auto c = parse_metadata_comment(tokens[i].text, "comment")) {
        out.comment = std::move(c);
      }
    }
  }
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (is_keyword(tokens[i], "WITHOUT") && is_keyword(tokens[i + 1], "ROWID")) {
      out.without_rowid = true;
    }
  }
  for (const auto& all : split_items(tokens, open)) {
    std::vector<std::size_t> seg;
    for (std::size_t i : all) {
      if (tokens[i].kind != TokenKind::comment) {
        seg.push_back(i);
      }
    }
    if (seg.empty()) {
      continue;
    }
    if (is_constraint_start(tokens[seg[0]])) {
      parse_table_constraint(sql, tokens, seg, out);
    } else {
      parse_column(sql, tokens, all, seg, out);
    }
  }
  return out;
}

// The text of tokens seg[first..last] without the parentheses that wrap all of it:
// "((lower(email)))" -> "lower(email)"; "(a) + (b)" stays.
std::string strip_outer_parens(std::string_view sql, const std::vector<Token>& tokens,
                               const std::vector<std::size_t>& seg) {
  std::size_t first = 0;
  std::size_t last = seg.size() - 1;
  while (last > first + 1 && is_punct(tokens[seg[first]], "(") &&
         is_punct(tokens[seg[last]], ")") && matching_paren(tokens, seg[first]) == seg[last]) {
    ++first;
    --last;
  }
  return text_between(sql, tokens[seg[first]], tokens[seg[last]]);
}

// From CREATE INDEX text: the text of each indexed item, and the WHERE predicate.
struct ParsedIndex {
  std::vector<std::string> items;
  std::optional<std::string> where;
};

ParsedIndex parse_create_index(std::string_view sql) {
  ParsedIndex out;
  const auto tokens = tokenize(sql);
  std::size_t open = 0;
  while (open < tokens.size() && !is_punct(tokens[open], "(")) {
    ++open;
  }
  if (open == tokens.size()) {
    return out;
  }
  for (const auto& item : split_items(tokens, open)) {
    std::vector<std::size_t> seg;
    for (std::size_t i : item) {
      if (tokens[i].kind != TokenKind::comment) {
        seg.push_back(i);
      }
    }
    // Drop a trailing ASC/DESC and COLLATE x: the model has no place for them.
    while (seg.size() > 1 &&
           (is_keyword(tokens[seg.back()], "ASC") || is_keyword(tokens[seg.back()], "DESC"))) {
      seg.pop_back();
    }
    if (seg.size() > 2 && is_keyword(tokens[seg[seg.size() - 2]], "COLLATE")) {
      seg.resize(seg.size() - 2);
    }
    // An expression as the model writes it: "(lower(email))" and "lower(email)" both read
    // back as lower(email).
    out.items.push_back(seg.empty() ? "" : strip_outer_parens(sql, tokens, seg));
  }
  const std::size_t close = matching_paren(tokens, open);
  for (std::size_t i = close; i < tokens.size(); ++i) {
    if (is_keyword(tokens[i], "WHERE") && i + 1 < tokens.size()) {
      out.where = text_between(sql, tokens[i + 1], tokens.back());
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Catalog queries. Virtual tables are not tables of the model: their columns come from a
// module (sqlite_virtual_tables.h reads them as schema::VirtualTable).

constexpr const char* k_objects_query =
    // A table's CREATE statement comes with its columns (k_columns_query), read one table at a
    // time; here only whether it is a virtual table.
    "SELECT type, name, tbl_name, CASE type WHEN 'index' THEN sql END AS sql, "
    "sql LIKE 'CREATE VIRTUAL%' AS is_virtual FROM sqlite_master "
    "WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    // A virtual table's shadow tables (fts5's docs_data, ...) are its storage, not tables a
    // model could make: left out with it (SQLite 3.37+ marks them).
    "AND tbl_name NOT IN (SELECT name FROM pragma_table_list WHERE type = 'shadow') "
    "ORDER BY type, name";

constexpr const char* k_columns_query =
    "SELECT m.name AS table_name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, "
    "p.hidden, m.sql AS table_sql FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS p "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "AND m.sql NOT LIKE 'CREATE VIRTUAL %' ORDER BY m.name, p.cid";

constexpr const char* k_indexes_query =
    "SELECT m.name AS table_name, il.name AS index_name, il.\"unique\", il.origin, il.partial, "
    "ix.seqno, ix.cid, ix.name AS column_name, ix.\"key\", ix.\"desc\" "
    "FROM sqlite_master AS m JOIN pragma_index_list(m.name) AS il "
    "JOIN pragma_index_xinfo(il.name) AS ix "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "AND m.sql NOT LIKE 'CREATE VIRTUAL %' AND il.origin = 'c' AND ix.\"key\" = 1 "
    "ORDER BY m.name, il.name, ix.seqno";

constexpr const char* k_foreign_keys_query =
    "SELECT m.name AS table_name, f.id, f.seq, f.\"table\" AS ref_table, f.\"from\", f.\"to\", "
    "f.on_update, f.on_delete FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS f "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "AND m.sql NOT LIKE 'CREATE VIRTUAL %' ORDER BY m.name, f.id, f.seq";

// Frees a vector's storage (`v = {}` assigns an empty list and keeps it).
template <class T> void release(std::vector<T>& v) {
  std::vector<T>().swap(v);
}

long long number(const Row& row, std::string_view column) {
  const auto& v = row.get(column);
  return v ? std::stoll(*v) : 0;
}

std::string action_of(const std::string& pragma_action) {
  std::string a = util::to_lower(pragma_action);
  return a == "no action" ? std::string() : a;
}

bool same_name(std::string_view a, std::string_view b) {
  return util::iequals(a, b);
}

bool same_names(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](auto& x, auto& y) { return same_name(x, y); });
}

// Names as the table declares them (SQLite matches case-insensitively; the model does not).
std::string declared_name(const schema::Table& t, const std::string& name) {
  for (const auto& c : t.columns) {
    if (same_name(c.name, name)) {
      return c.name;
    }
  }
  return name;
}

} // namespace

schema::Database SqliteDialect::introspect(Connection& conn,
                                           const IntrospectOptions& options) const {
  auto skipped = [&](const std::string& name) {
    return name.rfind(k_rebuild_prefix, 0) == 0 || options.skips(name);
  };

  // Each catalog result is streamed into the tables (a row at a time), and what is parsed
  // from the SQL text goes as soon as it is used: at 10,000 tables the results held whole
  // were most of autogenerate's peak memory.
  std::vector<schema::Table> tables; // by name (find_table)
  std::map<std::string, ParsedTable> parsed;
  std::map<std::string, std::string> index_sql;
  conn.query_each(k_objects_query, {}, [&](const Row& object) {
    std::string name = object.text("name");
    if (object.text("type") == "index") {
      index_sql[name] = object.text("sql");
    } else if (!skipped(name) && number(object, "is_virtual") == 0) {
      tables.emplace_back().name = std::move(name);
    }
  });
  std::sort(tables.begin(), tables.end(),
            [](const schema::Table& a, const schema::Table& b) { return a.name < b.name; });
  tables.shrink_to_fit(); // (grown by doubling: up to half of it unused from now on)
  auto find_table = [&](const std::string& name) -> schema::Table* {
    auto it =
        std::lower_bound(tables.begin(), tables.end(), name,
                         [](const schema::Table& t, const std::string& n) { return t.name < n; });
    return it != tables.end() && it->name == name ? &*it : nullptr;
  };

  // Columns, in cid order; each key column's position in the key (pk: 1, 2, ...).
  std::map<std::string, std::vector<std::pair<long long, std::string>>> key_positions;
  // Streamed: one row per column of every table (40,000 at 5,000 tables), in table order.
  // Each table's CREATE TABLE is parsed at its first column, and its parsed columns go at the
  // next table's (parsed all up front, they were a sixth of the peak at 5,000 tables).
  std::string previous;
  conn.query_each(k_columns_query, {}, [&](const Row& col) {
    schema::Table* t = find_table(col.text("table_name"));
    // hidden: 1 = a virtual table's hidden column, 2 = a virtual generated column, 3 = a
    // stored one.
    const long long hidden = number(col, "hidden");
    if (t == nullptr || hidden == 1) {
      return;
    }
    if (t->name != previous) {
      if (!previous.empty()) {
        release(parsed[previous].columns);
      }
      previous = t->name;
      parsed[t->name] = parse_create_table(col.text("table_sql"));
    }
    const ParsedTable& pt = parsed[t->name];
    schema::Column c;
    c.name = col.text("name");
    const ParsedColumn* pc = nullptr;
    for (const auto& x : pt.columns) {
      if (same_name(x.name, c.name)) {
        pc = &x;
        break;
      }
    }
    if (pc != nullptr && pc->type_hint) {
      c.type = schema::ColumnType(*pc->type_hint).as_canonical();
    } else {
      // The declared text as SQLite keeps it (INT, DATETIME, varchar(20), "" for none), in
      // the statement's case where the pragma upper-cases it; a portable name spelled as the
      // model does (integer, varchar(255)) is that portable name, which renders back to it.
      std::string declared = col.text("type");
      if (pc != nullptr && util::iequals(pc->declared_type, declared)) {
        declared = pc->declared_type;
      }
      const schema::ColumnType canonical = schema::ColumnType(declared).as_canonical();
      c.type = type_sql(canonical) == declared ? canonical : schema::ColumnType(declared);
    }
    c.primary_key = number(col, "pk") > 0;
    if (c.primary_key) {
      key_positions[t->name].emplace_back(number(col, "pk"), c.name);
    }
    // A key column declared without NOT NULL is read as nullable, so that it is created
    // again without it: SQLite lets such a column hold NULL unless it is the rowid or the
    // table is WITHOUT ROWID (a long-standing quirk), and clients read `notnull` back. The
    // diff compares key columns as NOT NULL whatever the flag says (effective_nullable).
    c.nullable = number(col, "notnull") == 0 && !(c.primary_key && pt.without_rowid);
    c.default_expr = col.get("dflt_value");
    if (pc != nullptr) {
      c.comment = pc->comment;
      c.collation = pc->collation;
      c.autoincrement = c.primary_key && pc->autoincrement;
    }
    if (hidden == 2 || hidden == 3) {
      if (pc == nullptr || !pc->generated) {
        return; // no expression found in the text: nothing a model could say
      }
      c.generated = schema::Generated{util::trim(*pc->generated), hidden == 3};
      c.default_expr.reset();
    }
    if (c.primary_key && std::any_of(pt.autoincrement_keys.begin(), pt.autoincrement_keys.end(),
                                     [&](const std::string& k) { return same_name(k, c.name); })) {
      c.autoincrement = true;
    }
    t->columns.push_back(std::move(c));
  });
  if (!previous.empty()) {
    release(parsed[previous].columns);
  }

  // The key in its own order, with its name.
  for (auto& [name, positions] : key_positions) {
    std::sort(positions.begin(), positions.end());
    std::vector<std::string> key;
    for (const auto& p : positions) {
      key.push_back(p.second);
    }
    schema::Table& t = *find_table(name);
    std::vector<bool> nullable;
    for (const auto& c : t.columns) {
      nullable.push_back(c.nullable);
    }
    schema::set_primary_key(t, key);
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      // As declared (see the columns above); an AUTOINCREMENT key is never NULL, and a model
      // cannot say otherwise.
      t.columns[i].nullable = nullable[i] && !t.columns[i].autoincrement;
    }
    t.key.name = parsed[name].key_name;
  }

  // Indexes created by CREATE INDEX (origin 'c'); the automatic ones of UNIQUE and PRIMARY KEY
  // constraints (sqlite_autoindex_*) are read as those constraints instead.
  std::map<std::pair<std::string, std::string>, ParsedIndex> parsed_indexes;
  conn.query_each(k_indexes_query, {}, [&](const Row& idx) {
    schema::Table* found = find_table(idx.text("table_name"));
    if (found == nullptr) {
      return;
    }
    schema::Table& t = *found;
    const std::string name = idx.text("index_name");
    auto key = std::make_pair(t.name, name);
    auto pi = parsed_indexes.find(key);
    if (pi == parsed_indexes.end()) {
      pi = parsed_indexes.emplace(key, parse_create_index(index_sql[name])).first;
      schema::Index index;
      index.name = name;
      index.unique = number(idx, "unique") != 0;
      if (number(idx, "partial") != 0) {
        index.where = pi->second.where;
      }
      t.indexes.push_back(std::move(index));
    }
    schema::Index& index = t.indexes.back();
    const long long cid = number(idx, "cid");
    const std::size_t seqno = static_cast<std::size_t>(number(idx, "seqno"));
    std::string entry;
    if (cid >= 0) {
      entry = idx.text("column_name");
    } else if (cid == -1) {
      entry = "rowid";
    } else {
      // An expression (cid -2): its text from the CREATE INDEX statement, as written there
      // less any outer parentheses, as the model writes it: lower(email).
      entry = seqno < pi->second.items.size() ? pi->second.items[seqno] : "";
    }
    // A descending key is written as PostgreSQL's inspect writes it: "created_at DESC".
    if (number(idx, "desc") != 0) {
      entry += " DESC";
    }
    // Read as the models reader reads the same text, with the table's columns: "org id DESC"
    // is the column "org id", descending.
    index.parts.push_back(schema::parse_index_part(entry, t.column_names()));
  });
  parsed_indexes.clear();
  index_sql.clear();

  // Foreign keys: the pragma has the resolved definition, the SQL text has the names.
  // Not streamed: a key's rows are grouped, and the table is looked up once per key.
  Rows fk_rows = conn.query(k_foreign_keys_query);
  auto fk_row = [&](std::size_t r) { return Row(fk_rows.columns, fk_rows.rows[r]); };
  std::map<std::string, std::vector<bool>> fk_name_used;
  for (std::size_t r = 0; r < fk_rows.rows.size();) {
    const Row first = fk_row(r); // a key's rows: one per column, the key's own fields in each
    const std::string table = first.text("table_name");
    const long long id = number(first, "id");
    schema::ForeignKey fk;
    fk.ref_table = first.text("ref_table");
    fk.on_update = action_of(first.text("on_update"));
    fk.on_delete = action_of(first.text("on_delete"));
    bool implicit_ref = false;
    for (; r < fk_rows.rows.size() && fk_row(r).text("table_name") == table &&
           number(fk_row(r), "id") == id;
         ++r) {
      const Row row = fk_row(r);
      fk.columns.push_back(row.text("from"));
      if (const auto& to = row.get("to")) {
        fk.ref_columns.push_back(*to);
      } else {
        implicit_ref = true;
      }
    }
    schema::Table* found = find_table(table);
    if (found == nullptr) {
      continue;
    }
    schema::Table& t = *found;
    for (auto& c : fk.columns) {
      c = declared_name(t, c);
    }
    if (implicit_ref) {
      // "REFERENCES parent" without columns means the parent's primary key.
      fk.ref_columns.clear();
      for (const auto& parent : tables) {
        if (same_name(parent.name, fk.ref_table)) {
          fk.ref_columns = parent.primary_key();
        }
      }
    }
    const auto& candidates = parsed[table].foreign_keys;
    auto& used = fk_name_used[table];
    used.resize(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!used[i] && same_names(candidates[i].columns, fk.columns) &&
          same_name(candidates[i].ref_table, fk.ref_table)) {
        used[i] = true;
        fk.name = candidates[i].name;
        fk.deferrable = candidates[i].deferrable;
        fk.initially_deferred = candidates[i].initially_deferred;
        break;
      }
    }
    t.foreign_keys.push_back(std::move(fk));
  }

  fk_rows = {};
  schema::Database db;
  // What the text says beyond the pragmas, each table's working copy going as it is used.
  for (schema::Table& t : tables) {
    ParsedTable pt = std::move(parsed[t.name]);
    parsed.erase(t.name);
    t.comment = pt.comment;
    for (auto u : pt.uniques) {
      for (auto& c : u.columns) {
        c = declared_name(t, c);
      }
      t.uniques.push_back(std::move(u));
    }
    t.checks = pt.checks;
  }
  db.tables = std::move(tables);
  db.views = introspect_views(conn);
  std::erase_if(db.views, [&](const schema::View& v) { return skipped(v.name); });
  db.virtual_tables = read_virtual_tables(conn, nullptr);
  std::erase_if(db.virtual_tables, [&](const schema::VirtualTable& v) { return skipped(v.name); });
  db.triggers = read_triggers(conn);
  std::erase_if(db.triggers,
                [&](const schema::Trigger& t) { return db.find_table(t.table) == nullptr; });
  sort_introspected(db);
  return db;
}

} // namespace migratecpp::dialects::sqlite
