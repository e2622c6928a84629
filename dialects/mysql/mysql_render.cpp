// DDL for every op on MySQL / MariaDB. One statement per op wherever MySQL allows it (see
// mysql_dialect.h): the runner's compensating strategy then never meets an op half done.
#include "dialects/inserted_rows.h"
#include "dialects/mysql/mysql_connection.h"
#include "dialects/mysql/mysql_dialect.h"
#include "dialects/mysql/mysql_expression.h"
#include "dialects/mysql/mysql_index.h"
#include "dialects/mysql/mysql_routines.h"
#include "dialects/mysql/mysql_views.h"
#include "dialects/sequence_sql.h"
#include "dialects/virtual_table_sql.h"
#include "schema/naming.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace migratecpp::dialects::mysql {

namespace {

// A MariaDB sequence's CACHE when none is given.
constexpr std::int64_t k_default_sequence_cache = 1000;

std::string column_label(const std::string& table, const std::string& column) {
  return util::squote(table + "." + column);
}

// "set null" -> "SET NULL".
std::string fk_action_sql(const std::string& action) {
  std::vector<std::string> words;
  for (const auto& w : util::split(util::trim(action), ' ')) {
    if (!w.empty()) {
      words.push_back(util::to_upper(w));
    }
  }
  return util::join(words, " ");
}

std::string ident_list(const MysqlDialect& d, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) {
    out.push_back(d.quote_ident(n));
  }
  return util::join(out, ", ");
}

// Both actions always written, "" as NO ACTION: MySQL reports an FK without a clause as
// RESTRICT, so only an explicit NO ACTION reads back apart from an explicit RESTRICT.
// SET DEFAULT is refused: InnoDB has no such action; MySQL 8 rejects the table and MariaDB
// accepts the clause but drops it (the key then restricts), which would silently give the
// model another behavior than it says.
std::string foreign_key_sql(const MysqlDialect& d, const std::string& table,
                            const std::string& name, const schema::ForeignKey& fk) {
  auto action = [&](const std::string& a) {
    const std::string sql = fk_action_sql(a);
    if (sql == "SET DEFAULT") {
      throw util::Error("foreign key " + util::squote(name) + " on " + util::squote(table) +
                        ": MySQL and MariaDB (InnoDB) have no SET DEFAULT action (MariaDB would "
                        "silently ignore it); use set null, cascade, restrict or no action");
    }
    return sql.empty() ? std::string("NO ACTION") : sql;
  };
  if (fk.deferrable || fk.initially_deferred) {
    throw util::Error("foreign key " + util::squote(name) + " on " + util::squote(table) +
                      ": MySQL and MariaDB have no deferrable constraints");
  }
  if (fk.not_valid) {
    throw util::Error("foreign key " + util::squote(name) + " on " + util::squote(table) +
                      ": MySQL and MariaDB check the rows already there (no NOT VALID); "
                      "leave not_valid out");
  }
  return "FOREIGN KEY (" + ident_list(d, fk.columns) + ") REFERENCES " +
         d.quote_ident(fk.ref_table) + " (" + ident_list(d, fk.ref_columns) + ") ON DELETE " +
         action(fk.on_delete) + " ON UPDATE " + action(fk.on_update);
}

// One key part: `column`(prefix) or (expression), then DESC. A TEXT/BLOB column without a
// prefix gets the automatic one (mysql_index.h). Collations and operator classes are
// PostgreSQL's: refused.
std::string index_part_sql(const MysqlDialect& d, const std::string& table_name,
                           const schema::Table* table, const schema::Index& index,
                           const schema::IndexPart& written, bool mariadb) {
  const schema::IndexPart part =
      table != nullptr ? schema::resolve_index_part(written, table->column_names()) : written;
  if (part.collation || part.opclass || part.nulls_first) {
    throw util::Error("index " + util::squote(index.name) + " on " + util::squote(table_name) +
                      ": '" + schema::index_part_text(part) +
                      "' has a collation, operator class or NULLS placement, which MySQL "
                      "indexes do not have");
  }
  std::string out;
  if (part.is_expression()) {
    if (mariadb) {
      throw util::Error("index " + util::squote(index.name) + " on " + util::squote(table_name) +
                        ": MariaDB has no expression indexes (MySQL 8.0.13+ has); '" +
                        part.expression + "' needs a generated column to index instead");
    }
    out = "(" + mysql_expression(part.expression) + ")";
  } else {
    out = d.quote_ident(part.column);
    std::optional<int> length = part.length;
    const bool fulltext = index.method && util::to_lower(*index.method) == "fulltext";
    if (!length && table != nullptr && !fulltext) {
      length = automatic_prefix(*table, index, part.column);
    }
    if (length) {
      out += "(" + std::to_string(*length) + ")";
    }
  }
  if (part.descending()) {
    out += " DESC";
  }
  return out;
}

// "UNIQUE INDEX", "FULLTEXT INDEX", "SPATIAL INDEX", "INDEX", and " USING BTREE|HASH".
std::pair<std::string, std::string> index_kind(const std::string& table,
                                               const schema::Index& index) {
  const std::string method = index.method ? util::to_lower(util::trim(*index.method)) : "";
  std::string kind = index.unique ? "UNIQUE INDEX" : "INDEX";
  std::string using_clause;
  if (method == "fulltext" || method == "spatial") {
    if (index.unique) {
      throw util::Error("index " + util::squote(index.name) + " on " + util::squote(table) +
                        ": a " + method + " index cannot be unique");
    }
    kind = util::to_upper(method) + " INDEX";
  } else if (method == "btree" || method == "hash") {
    using_clause = " USING " + util::to_upper(method);
  } else if (!method.empty()) {
    throw util::Error("index " + util::squote(index.name) + " on " + util::squote(table) +
                      ": method '" + *index.method +
                      "' is not one of MySQL's (btree, hash, fulltext, spatial)");
  }
  if (index.where && !util::trim(*index.where).empty()) {
    throw util::Error("index " + util::squote(index.name) + " on " + util::squote(table) +
                      ": MySQL has no partial indexes (where = ...)");
  }
  return {kind, using_clause};
}

// The index's definition inside CREATE TABLE or after CREATE ... ON: `name` (parts) USING.
std::string index_body(const MysqlDialect& d, const std::string& table_name,
                       const schema::Table* table, const schema::Index& index, bool mariadb) {
  const auto [kind, using_clause] = index_kind(table_name, index);
  std::vector<std::string> parts;
  for (const auto& p : index.parts) {
    parts.push_back(index_part_sql(d, table_name, table, index, p, mariadb));
  }
  return d.quote_ident(index.name) + " (" + util::join(parts, ", ") + ")" + using_clause;
}

// True when a key of `table` (primary key, unique constraint, index) starts with `columns`:
// then MySQL uses it for a foreign key on them and creates no index of its own.
bool has_leading_key(const schema::Table& table, const std::vector<std::string>& columns) {
  auto starts_with = [&](const std::vector<std::string>& key) {
    return key.size() >= columns.size() && std::equal(columns.begin(), columns.end(), key.begin());
  };
  if (starts_with(table.primary_key())) {
    return true;
  }
  for (const auto& u : table.uniques) {
    if (starts_with(u.columns)) {
      return true;
    }
  }
  for (const auto& ix : table.indexes) {
    std::vector<std::string> cols;
    for (const auto& p : ix.parts) {
      if (p.is_expression()) {
        break;
      }
      cols.push_back(p.column);
    }
    if (starts_with(cols)) {
      return true;
    }
  }
  return false;
}

// What the catalog says of a column that the model has no place for, read when a live
// connection is at hand: a collation other than the table's, and ON UPDATE.
struct LiveColumn {
  std::string charset_collation; // "CHARACTER SET x COLLATE y", or ""
  std::string on_update;         // "ON UPDATE current_timestamp(3)", or ""
};

std::optional<LiveColumn> read_live_column(Connection* conn, const std::string& table,
                                           const std::string& column) {
  if (conn == nullptr) {
    return std::nullopt;
  }
  const Rows rows =
      conn->query("SELECT c.CHARACTER_SET_NAME, c.COLLATION_NAME, t.TABLE_COLLATION, c.EXTRA "
                  "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
                  "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                  "WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = ? AND c.COLUMN_NAME = ?",
                  {table, column});
  if (rows.rows.empty()) {
    return std::nullopt;
  }
  const auto& r = rows.rows[0];
  LiveColumn out;
  if (r[1] && r[2] && *r[1] != *r[2] && r[0]) {
    out.charset_collation = "CHARACTER SET " + *r[0] + " COLLATE " + *r[1];
  }
  const std::string extra = r[3].value_or("");
  if (const auto at = util::to_lower(extra).find("on update "); at != std::string::npos) {
    out.on_update = "ON UPDATE " + util::trim(extra.substr(at + 10));
  }
  return out;
}

// The charset a collation belongs to: its name up to the first '_' (utf8mb4_unicode_ci ->
// utf8mb4; binary -> binary), as MySQL and MariaDB name every collation.
std::string charset_of_collation(const std::string& collation) {
  return collation.substr(0, collation.find('_'));
}

// `ENGINE=x, CONVERT TO CHARACTER SET y COLLATE z, ROW_FORMAT=w` for the options set in `o`:
// CONVERT TO rather than DEFAULT CHARACTER SET, so that the table's text columns are in the
// charset the model names, not only columns added later (docs/mysql.md).
std::string table_options_clauses(const schema::TableOptions& o) {
  std::vector<std::string> parts;
  if (o.engine) {
    parts.push_back("ENGINE=" + *o.engine);
  }
  if (o.charset || o.collate) {
    std::string convert =
        "CONVERT TO CHARACTER SET " + (o.charset ? *o.charset : charset_of_collation(*o.collate));
    if (o.collate) {
      convert += " COLLATE " + *o.collate;
    }
    parts.push_back(convert);
  }
  if (o.row_format) {
    parts.push_back("ROW_FORMAT=" + util::to_upper(*o.row_format));
  }
  return util::join(parts, ", ");
}

// MariaDB has no NOT NULL on a generated column (its value may always be NULL).
void check_generated(const std::string& table, const schema::Column& c, bool mariadb) {
  if (c.generated && mariadb && !c.nullable && !c.primary_key) {
    throw util::Error("column " + column_label(table, c.name) +
                      ": MariaDB cannot make a generated column NOT NULL; make it nullable");
  }
}

struct OpRenderer {
  const MysqlDialect& d;
  const schema::Database& before;
  Connection* live;
  bool mariadb;

  std::string alter(const std::string& table) const {
    return "ALTER TABLE " + d.quote_ident(table) + " ";
  }

  std::vector<Statement> operator()(const schema::CreateTable& o) const {
    check_table_fits(d, o.table);
    for (const auto& c : o.table.columns) {
      check_generated(o.table.name, c, mariadb);
    }
    if (!o.table.key.name.empty() || o.table.key.deferrable) {
      throw util::Error("table " + util::squote(o.table.name) +
                        ": MySQL and MariaDB name every primary key PRIMARY and have no "
                        "deferrable keys; leave primary_key's name and deferrable out");
    }
    Statement s = d.create_table(o.table, before, mariadb);
    s.undo = "DROP TABLE " + d.quote_ident(o.table.name);
    return {s};
  }

  std::vector<Statement> operator()(const schema::DropTable& o) const {
    return {{"DROP TABLE " + d.quote_ident(o.table), "drop table " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::RenameTable& o) const {
    return {{"RENAME TABLE " + d.quote_ident(o.table) + " TO " + d.quote_ident(o.new_name),
             "rename table " + util::squote(o.table) + " to " + util::squote(o.new_name),
             "RENAME TABLE " + d.quote_ident(o.new_name) + " TO " + d.quote_ident(o.table)}};
  }

  std::vector<Statement> operator()(const schema::AddColumn& o) const {
    check_statistics_fit(d, o.table, o.column.name, o.column.statistics);
    check_generated(o.table, o.column, mariadb);
    std::string sql = alter(o.table) + "ADD COLUMN " + d.column_sql(o.table, o.column, before);
    if (o.column.primary_key) {
      sql += " PRIMARY KEY";
    }
    return {{sql, "add column " + column_label(o.table, o.column.name),
             alter(o.table) + "DROP COLUMN " + d.quote_ident(o.column.name)}};
  }

  std::vector<Statement> operator()(const schema::DropColumn& o) const {
    return {{alter(o.table) + "DROP COLUMN " + d.quote_ident(o.column),
             "drop column " + column_label(o.table, o.column)}};
  }

  // The column as it stands before the op: the tracked schema's, else the op's existing_*
  // (existing_generated included: absent = a plain column).
  std::optional<schema::Column> current_column(const schema::AlterColumn& o) const {
    const schema::Table* t = before.find_table(o.table);
    if (const schema::Column* c = t != nullptr ? t->find_column(o.column) : nullptr) {
      return *c;
    }
    if (!o.existing_type) {
      return std::nullopt;
    }
    schema::Column c;
    c.name = o.column;
    c.type = schema::ColumnType(*o.existing_type);
    c.nullable = o.existing_nullable.value_or(true);
    if (o.existing_default && !o.existing_default->empty()) {
      c.default_expr = *o.existing_default;
    }
    if (o.existing_comment && !o.existing_comment->empty()) {
      c.comment = *o.existing_comment;
    }
    c.autoincrement = o.existing_autoincrement.value_or(false);
    // Without it the column is taken for a plain one: MODIFY would make a stored generated
    // column plain (MySQL and MariaDB allow that) and refuse a virtual one.
    c.generated = o.existing_generated;
    if (o.existing_collation && !o.existing_collation->empty()) {
      c.collation = *o.existing_collation;
    }
    return c;
  }

  std::vector<Statement> operator()(const schema::AlterColumn& o) const {
    check_statistics_fit(d, o.table, o.column, o.statistics);
    const std::string what = column_label(o.table, o.column);
    const std::string col = d.quote_ident(o.column);
    if (o.identity_always.value_or(false)) {
      throw util::Error("alter_column " + what +
                        " cannot make identity = \"always\": MySQL "
                        "and MariaDB accept values written for an auto_increment column");
    }
    const bool restates = o.type || o.nullable || o.autoincrement || o.comment || o.collation;
    if (!restates && !o.default_expr && !o.new_name) {
      return {};
    }
    if (!restates) {
      // A default or a name alone: ALTER COLUMN and RENAME COLUMN keep everything else,
      // nothing needs restating. One statement for both.
      std::vector<std::string> parts;
      if (o.default_expr) {
        parts.push_back(
            "ALTER COLUMN " + col +
            (o.default_expr->empty() ? " DROP DEFAULT" : " SET DEFAULT " + *o.default_expr));
      }
      if (o.new_name) {
        parts.push_back("RENAME COLUMN " + col + " TO " + d.quote_ident(*o.new_name));
      }
      return {{alter(o.table) + util::join(parts, ", "),
               o.new_name ? "rename column " + what + " to " + util::squote(*o.new_name)
                          : "set default of " + what}};
    }
    // MODIFY / CHANGE COLUMN replaces the whole definition: whatever the new one does not
    // say is gone (Alembic's MySQL bug: a rename drops the comment, a key column becomes
    // NULL). So the column is restated from what it is now, with the op's changes on top.
    std::optional<schema::Column> current = current_column(o);
    if (!current) {
      throw util::Error("alter_column " + what +
                        ": MySQL restates the whole column (MODIFY COLUMN) and its current "
                        "definition is unknown (no such column in the tracked schema); give "
                        "existing_type, existing_nullable, existing_default and "
                        "existing_comment in the op (and existing_generated for a generated "
                        "column)");
    }
    schema::Column next = *current;
    next.name = o.new_name.value_or(o.column);
    if (o.type) {
      next.type = schema::ColumnType(*o.type);
    }
    if (o.nullable) {
      next.nullable = *o.nullable;
    }
    if (o.default_expr) {
      next.default_expr = o.default_expr->empty() ? std::nullopt : o.default_expr;
    }
    if (o.autoincrement) {
      next.autoincrement = *o.autoincrement;
    }
    if (o.comment) {
      next.comment = o.comment->empty() ? std::nullopt : o.comment;
    }
    if (o.collation) {
      next.collation = o.collation->empty() ? std::nullopt : o.collation;
    }
    std::string collation;
    std::string on_update;
    if (const auto extra = read_live_column(live, o.table, o.column)) {
      // What the model cannot say, kept as the catalog has it: a collation of its own (while
      // the type stays as it is) and ON UPDATE (unless the default says it).
      if (!o.type && !o.collation && !next.collation) {
        collation = extra->charset_collation;
      }
      if (util::to_lower(next.default_expr.value_or("")).find("on update") == std::string::npos) {
        on_update = extra->on_update;
      }
    }
    std::string definition = d.column_sql(o.table, next, before, collation);
    if (!on_update.empty()) {
      definition += " " + on_update;
    }
    return {{alter(o.table) + "CHANGE COLUMN " + col + " " + definition,
             o.new_name
                 ? "change column " + what + " (renamed to " + util::squote(*o.new_name) + ")"
                 : "change column " + what}};
  }

  std::vector<Statement> operator()(const schema::AlterPrimaryKey& o) const {
    const schema::Table* t = before.find_table(o.table);
    std::vector<std::string> current;
    if (t != nullptr) {
      current = t->primary_key();
    } else if (o.existing_columns) {
      current = *o.existing_columns;
    }
    std::vector<std::string> parts;
    if (!current.empty() || (t == nullptr && !o.existing_columns)) {
      parts.push_back("DROP PRIMARY KEY");
    }
    if (!o.name.empty() || o.deferrable || o.initially_deferred) {
      throw util::Error("alter_primary_key on " + util::squote(o.table) +
                        ": MySQL and MariaDB name every primary key PRIMARY and have no "
                        "deferrable keys; leave name, deferrable and initially_deferred out");
    }
    if (!o.columns.empty()) {
      parts.push_back("ADD PRIMARY KEY (" + ident_list(d, o.columns) + ")");
    }
    if (parts.empty()) {
      return {};
    }
    return {{alter(o.table) + util::join(parts, ", "),
             "change the primary key of " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::CreateIndex& o) const {
    check_index_fits(d, o.table, o.index);
    schema::Index index = o.index;
    if (index.name.empty()) {
      index.name = schema::index_name(o.table, index);
    }
    const auto [kind, using_clause] = index_kind(o.table, index);
    return {{"CREATE " + kind + " " +
                 [&] {
                   // name (parts) USING, with ON `table` after the name.
                   std::string body =
                       index_body(d, o.table, before.find_table(o.table), index, mariadb);
                   const std::string name = d.quote_ident(index.name);
                   return name + " ON " + d.quote_ident(o.table) + body.substr(name.size());
                 }(),
             "create index " + util::squote(index.name) + " on " + util::squote(o.table),
             "DROP INDEX " + d.quote_ident(index.name) + " ON " + d.quote_ident(o.table)}};
  }

  // MySQL drops the index it made for a foreign key once another index can serve it, and
  // then refuses to drop that other index (error 1553). Dropping it therefore gives each
  // foreign key it served its own index back, named after the key as MySQL names it, in the
  // same statement (introspection leaves such an index out). `dropped` is the unique
  // constraint's or index's name.
  std::string keep_foreign_key_indexes(const std::string& table, const std::string& dropped) const {
    const schema::Table* t = before.find_table(table);
    if (t == nullptr) {
      return "";
    }
    schema::Table rest = *t;
    std::erase_if(rest.indexes, [&](const schema::Index& ix) { return ix.name == dropped; });
    std::erase_if(rest.uniques,
                  [&](const schema::UniqueConstraint& u) { return u.name == dropped; });
    std::string out;
    for (const auto& fk : t->foreign_keys) {
      if (has_leading_key(rest, fk.columns)) {
        continue;
      }
      if (live != nullptr) {
        const Rows rows = live->query("SELECT 1 FROM information_schema.STATISTICS WHERE "
                                      "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND "
                                      "INDEX_NAME = ? LIMIT 1",
                                      {table, fk.name});
        if (!rows.rows.empty()) {
          continue; // its own index is still there
        }
      }
      out += ", ADD INDEX " + d.quote_ident(fk.name) + " (" + ident_list(d, fk.columns) + ")";
    }
    return out;
  }

  std::vector<Statement> operator()(const schema::DropIndex& o) const {
    return {{alter(o.table) + "DROP INDEX " + d.quote_ident(o.name) +
                 keep_foreign_key_indexes(o.table, o.name),
             "drop index " + util::squote(o.name) + " on " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::CreateUnique& o) const {
    const std::string name =
        o.constraint.name.empty() ? schema::unique_name(o.table, o.constraint) : o.constraint.name;
    return {{alter(o.table) + "ADD CONSTRAINT " + d.quote_ident(name) + " UNIQUE (" +
                 ident_list(d, o.constraint.columns) + ")",
             "create unique constraint " + util::squote(name) + " on " + util::squote(o.table),
             alter(o.table) + "DROP INDEX " + d.quote_ident(name)}};
  }

  // InnoDB wants a foreign key's integer columns of the exact type (size and sign) of the
  // columns they reference, else it answers errno 150 "Foreign key constraint is incorrectly
  // formed", naming neither column. Checked where the tracked schema knows both sides: a
  // model that widens a referenced key alone (users.id to bigint, posts.user_id left an int)
  // is told which columns to change together.
  void check_foreign_key_types(const std::string& table, const std::string& name,
                               const schema::ForeignKey& fk) const {
    const schema::Table* t = before.find_table(table);
    const schema::Table* ref = before.find_table(fk.ref_table);
    if (t == nullptr || ref == nullptr) {
      return;
    }
    const std::vector<std::string> ref_columns = before.referenced_columns(fk);
    for (std::size_t i = 0; i < fk.columns.size() && i < ref_columns.size(); ++i) {
      const schema::Column* c = t->find_column(fk.columns[i]);
      const schema::Column* r = ref->find_column(ref_columns[i]);
      if (c == nullptr || r == nullptr || c->type.family() != schema::TypeFamily::integer ||
          r->type.family() != schema::TypeFamily::integer) {
        continue;
      }
      const std::string mine = util::to_upper(d.column_type_sql(c->type, before));
      const std::string theirs = util::to_upper(d.column_type_sql(r->type, before));
      if (mine != theirs) {
        throw util::Error("foreign key " + util::squote(name) + " on " + util::squote(table) +
                          ": column " + column_label(table, c->name) + " is " + mine +
                          " but the column it references, " + column_label(fk.ref_table, r->name) +
                          ", is " + theirs +
                          "; InnoDB needs both of the same integer type: change them together "
                          "in the model");
      }
    }
  }

  std::vector<Statement> operator()(const schema::CreateForeignKey& o) const {
    const std::string name = o.constraint.name.empty()
                                 ? schema::foreign_key_name(o.table, o.constraint)
                                 : o.constraint.name;
    check_foreign_key_types(o.table, name, o.constraint);
    return {{alter(o.table) + "ADD CONSTRAINT " + d.quote_ident(name) + " " +
                 foreign_key_sql(d, o.table, name, o.constraint),
             "create foreign key " + util::squote(name) + " on " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::CreateCheck& o) const {
    const std::string name =
        o.constraint.name.empty() ? schema::check_name(o.table, o.constraint) : o.constraint.name;
    return {{alter(o.table) + "ADD CONSTRAINT " + d.quote_ident(name) + " CHECK (" +
                 mysql_expression(o.constraint.expression) + ")",
             "create check constraint " + util::squote(name) + " on " + util::squote(o.table),
             alter(o.table) + "DROP CONSTRAINT " + d.quote_ident(name)}};
  }

  // True when dropping foreign key `name` leaves behind the index MySQL made for it: the
  // catalog says so online; offline, when no key of the table starts with its columns.
  bool leaves_implicit_index(const std::string& table, const std::string& name,
                             const schema::ForeignKey* fk) const {
    if (live != nullptr) {
      const Rows rows = live->query("SELECT 1 FROM information_schema.STATISTICS WHERE "
                                    "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND "
                                    "INDEX_NAME = ? LIMIT 1",
                                    {table, name});
      const schema::Table* t = before.find_table(table);
      const bool modelled =
          t != nullptr && std::any_of(t->indexes.begin(), t->indexes.end(),
                                      [&](const schema::Index& ix) { return ix.name == name; });
      return !rows.rows.empty() && !modelled;
    }
    const schema::Table* t = before.find_table(table);
    return t != nullptr && fk != nullptr && !has_leading_key(*t, fk->columns);
  }

  std::vector<Statement> operator()(const schema::DropConstraint& o) const {
    const schema::Table* t = before.find_table(o.table);
    const schema::ForeignKey* fk = o.foreign_key ? &*o.foreign_key : nullptr;
    bool unique = o.unique.has_value();
    bool check = o.check.has_value();
    if (!fk && !unique && !check && t != nullptr) {
      for (const auto& f : t->foreign_keys) {
        fk = f.name == o.name ? &f : fk;
      }
      unique = std::any_of(t->uniques.begin(), t->uniques.end(),
                           [&](const auto& u) { return u.name == o.name; });
      check = std::any_of(t->checks.begin(), t->checks.end(),
                          [&](const auto& c) { return c.name == o.name; });
    }
    std::string sql;
    if (fk != nullptr) {
      sql = alter(o.table) + "DROP FOREIGN KEY " + d.quote_ident(o.name);
      if (leaves_implicit_index(o.table, o.name, fk)) {
        sql += ", DROP INDEX " + d.quote_ident(o.name);
      }
    } else if (unique) {
      sql = alter(o.table) + "DROP INDEX " + d.quote_ident(o.name) +
            keep_foreign_key_indexes(o.table, o.name);
    } else {
      // A check, or a constraint the tracked schema does not know: MySQL 8.0.19+ and MariaDB
      // find it by name whatever its kind.
      sql = alter(o.table) + "DROP CONSTRAINT " + d.quote_ident(o.name);
    }
    return {{sql, "drop constraint " + util::squote(o.name) + " on " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::SetTableComment& o) const {
    return {{alter(o.table) + "COMMENT = " + d.quote_string(o.comment),
             "comment on table " + util::squote(o.table),
             o.existing_comment ? std::optional<std::string>(alter(o.table) + "COMMENT = " +
                                                             d.quote_string(*o.existing_comment))
                                : std::nullopt}};
  }

  std::vector<Statement> operator()(const schema::AlterTableOptions& o) const {
    check_table_options_fit(d, o.options, o.table);
    // The undo puts back each changed option that the op says the value of.
    schema::TableOptions back;
    bool known = true;
    auto restore = [&](const std::optional<std::string>& set, const std::optional<std::string>& was,
                       std::optional<std::string>& into) {
      if (set) {
        known = known && was.has_value();
        into = was;
      }
    };
    restore(o.options.engine, o.existing.engine, back.engine);
    restore(o.options.charset, o.existing.charset, back.charset);
    restore(o.options.collate, o.existing.collate, back.collate);
    restore(o.options.row_format, o.existing.row_format, back.row_format);
    if (o.options.charset && !o.options.collate && o.existing.collate) {
      back.collate = o.existing.collate;
    }
    return {{alter(o.table) + table_options_clauses(o.options),
             "alter options of table " + util::squote(o.table),
             known ? std::optional<std::string>(alter(o.table) + table_options_clauses(back))
                   : std::nullopt}};
  }

  std::vector<Statement> operator()(const schema::Execute& o) const {
    // sql.mariadb on a MariaDB server (or offline for mariadb:// URLs), else sql.mysql, else
    // the SQL for every dialect.
    if (mariadb) {
      return execute_statements(o, {"mariadb", "mysql", ""}, "execute SQL");
    }
    return execute_statements(o, {"mysql", ""}, "execute SQL");
  }

  std::vector<Statement> operator()(const schema::BulkInsert& o) const {
    return multi_row_inserts(d, o, before, k_bulk_insert_chunk);
  }

  // Sequences (MariaDB 10.3+; MySQL has none and says so). Neither AS type nor OWNED BY
  // exist here: the models loader refuses them.
  std::string create_sequence_sql(const schema::Sequence& s) const {
    if (s.type || s.owned_by) {
      throw util::Error("sequence " + util::squote(s.name) +
                        ": MariaDB sequences have no type and no owner column");
    }
    return "CREATE SEQUENCE " + d.quote_ident(s.name) + sequence_options_sql(s);
  }

  std::vector<Statement> operator()(const schema::CreateSequence& o) const {
    return {{create_sequence_sql(o.sequence), "create sequence " + util::squote(o.sequence.name),
             "DROP SEQUENCE " + d.quote_ident(o.sequence.name)}};
  }

  std::vector<Statement> operator()(const schema::DropSequence& o) const {
    std::optional<std::string> undo;
    if (o.definition) {
      schema::Sequence s = *o.definition;
      s.name = o.name;
      undo = create_sequence_sql(s);
    }
    return {
        {"DROP SEQUENCE " + d.quote_ident(o.name), "drop sequence " + util::squote(o.name), undo}};
  }

  std::vector<Statement> operator()(const schema::AlterSequence& o) const {
    const schema::Sequence& to = o.sequence;
    schema::Sequence from;
    if (o.existing) {
      from = *o.existing;
    } else if (const schema::Sequence* known = before.find_sequence(to.name)) {
      from = *known;
    } else {
      throw util::Error("alter_sequence " + util::squote(to.name) +
                        ": the sequence is not known and the op does not give existing");
    }
    if (to.type || to.owned_by) {
      throw util::Error("sequence " + util::squote(to.name) +
                        ": MariaDB sequences have no type and no owner column");
    }
    const std::string changes = sequence_changes_sql(from, to, k_default_sequence_cache);
    if (changes.empty()) {
      return {};
    }
    return {{"ALTER SEQUENCE " + d.quote_ident(to.name) + changes,
             "change the options of sequence " + util::squote(to.name),
             "ALTER SEQUENCE " + d.quote_ident(to.name) +
                 sequence_changes_sql(to, from, k_default_sequence_cache)}};
  }

  [[noreturn]] void refuse_postgresql_only(const schema::Op& op) const {
    throw util::Error(schema::op_name(op) +
                      ": domains and extensions are PostgreSQL's; MySQL/MariaDB have none");
  }
  std::vector<Statement> operator()(const schema::CreateDomain& o) const {
    refuse_postgresql_only(o);
  }
  std::vector<Statement> operator()(const schema::DropDomain& o) const {
    refuse_postgresql_only(o);
  }
  std::vector<Statement> operator()(const schema::AlterDomain& o) const {
    refuse_postgresql_only(o);
  }
  std::vector<Statement> operator()(const schema::CreateExtension& o) const {
    refuse_postgresql_only(o);
  }
  std::vector<Statement> operator()(const schema::DropExtension& o) const {
    refuse_postgresql_only(o);
  }
  std::vector<Statement> operator()(const schema::AlterExtension& o) const {
    refuse_postgresql_only(o);
  }
  [[noreturn]] void refuse_aggregates(const schema::Op& op) const {
    throw util::Error(schema::op_name(op) +
                      ": user-defined aggregates and operators are PostgreSQL's here "
                      "(a MariaDB CREATE AGGREGATE FUNCTION is a create_function)");
  }
  std::vector<Statement> operator()(const schema::CreateAggregate& o) const {
    refuse_aggregates(o);
  }
  std::vector<Statement> operator()(const schema::DropAggregate& o) const { refuse_aggregates(o); }
  std::vector<Statement> operator()(const schema::CreateOperator& o) const { refuse_aggregates(o); }
  std::vector<Statement> operator()(const schema::DropOperator& o) const { refuse_aggregates(o); }
  std::vector<Statement> operator()(const schema::CreateView& o) const {
    return render_view_op(d, o);
  }
  std::vector<Statement> operator()(const schema::DropView& o) const {
    return render_view_op(d, o);
  }
  std::vector<Statement> operator()(const schema::ReplaceView& o) const {
    return render_view_op(d, o);
  }

  std::vector<Statement> operator()(const schema::CreateRoutine& o) const {
    return render_routine_op(d, o);
  }
  std::vector<Statement> operator()(const schema::DropRoutine& o) const {
    return render_routine_op(d, o);
  }
  std::vector<Statement> operator()(const schema::ReplaceRoutine& o) const {
    return render_routine_op(d, o);
  }
  std::vector<Statement> operator()(const schema::CreateTrigger& o) const {
    return render_routine_op(d, o);
  }
  std::vector<Statement> operator()(const schema::DropTrigger& o) const {
    return render_routine_op(d, o);
  }
  std::vector<Statement> operator()(const schema::CreateVirtualTable& o) const {
    refuse_virtual_table_op(d.name(), o);
  }
  std::vector<Statement> operator()(const schema::DropVirtualTable& o) const {
    refuse_virtual_table_op(d.name(), o);
  }

  // No enum objects in MySQL: nothing to create or drop.
  std::vector<Statement> operator()(const schema::CreateEnum&) const { return {}; }
  std::vector<Statement> operator()(const schema::DropEnum&) const { return {}; }

  // The columns whose type is the enum are restated with the longer list (one statement
  // each, each with the statement that puts the old list back).
  std::vector<Statement> operator()(const schema::AddEnumValue& o) const {
    const schema::Enum* e = before.find_enum(o.name);
    if (e == nullptr) {
      return {};
    }
    schema::Database after = before;
    auto& values = const_cast<schema::Enum*>(after.find_enum(o.name))->values;
    auto at = o.before ? std::find(values.begin(), values.end(), *o.before) : values.end();
    values.insert(at, o.value);
    std::vector<Statement> out;
    for (const auto& t : before.tables) {
      for (const auto& c : t.columns) {
        if (util::trim(c.type.declared()) != o.name) {
          continue;
        }
        out.push_back({alter(t.name) + "MODIFY COLUMN " + d.column_sql(t.name, c, after),
                       "add value " + util::squote(o.value) + " to the enum of " +
                           column_label(t.name, c.name),
                       alter(t.name) + "MODIFY COLUMN " + d.column_sql(t.name, c, before)});
      }
    }
    return out;
  }
};

} // namespace

std::string MysqlDialect::column_sql(const std::string& table, const schema::Column& column,
                                     const schema::Database& db,
                                     std::string_view after_type) const {
  if (util::trim(column.type.declared()).empty()) {
    throw util::Error("column " + column_label(table, column.name) +
                      " has no type: only SQLite has columns without a declared type");
  }
  std::string out = quote_ident(column.name) + " " + column_type_sql(column.type, db);
  if (column.collation) {
    const std::string& name = *column.collation;
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char ch) {
          return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_';
        })) {
      throw util::Error("column " + column_label(table, column.name) + ": collation " +
                        util::squote(name) +
                        " is not a MySQL collation name (letters, digits and '_')");
    }
    // The charset is the collation's prefix; both said, as SHOW CREATE TABLE does.
    out += " CHARACTER SET " + charset_of_collation(*column.collation) + " COLLATE " +
           *column.collation;
  }
  if (!after_type.empty()) {
    out += " " + std::string(after_type);
  }
  if (column.generated) {
    if (column.default_expr || column.autoincrement) {
      throw util::Error("column " + column_label(table, column.name) +
                        " cannot have a default or autoincrement: it is generated");
    }
    // NULL / NOT NULL after the generation (MySQL's order; MariaDB takes neither, and a
    // nullable column needs none).
    out += " GENERATED ALWAYS AS (" + mysql_expression(column.generated->expression) + ")" +
           (column.generated->stored ? " STORED" : " VIRTUAL");
    if (!column.nullable || column.primary_key) {
      out += " NOT NULL";
    }
    if (column.comment && !column.comment->empty()) {
      out += " COMMENT " + quote_string(*column.comment);
    }
    return out;
  }
  out += (!column.nullable || column.primary_key) ? " NOT NULL" : " NULL";
  if (column.autoincrement) {
    if (column.identity_always) {
      throw util::Error("column " + column_label(table, column.name) +
                        " cannot be identity = \"always\": MySQL and MariaDB accept values "
                        "written for an auto_increment column (write autoincrement = true)");
    }
    if (column.default_expr) {
      throw util::Error("column " + column_label(table, column.name) +
                        " cannot have both autoincrement and a default");
    }
    if (column.type.family() != schema::TypeFamily::integer) {
      throw util::Error("column " + column_label(table, column.name) +
                        " cannot autoincrement: its type '" + column.type.declared() +
                        "' is not an integer type");
    }
    out += " AUTO_INCREMENT";
  } else if (column.default_expr) {
    out += " DEFAULT " + *column.default_expr;
  }
  if (column.comment && !column.comment->empty()) {
    out += " COMMENT " + quote_string(*column.comment);
  }
  return out;
}

Statement MysqlDialect::create_table(const schema::Table& input, const schema::Database& db,
                                     bool mariadb) const {
  schema::Table table = input;
  schema::name_unnamed(table);
  std::vector<std::string> lines;
  for (const auto& c : table.columns) {
    lines.push_back(column_sql(table.name, c, db));
  }
  if (const auto pk = table.primary_key(); !pk.empty()) {
    lines.push_back("PRIMARY KEY (" + ident_list(*this, pk) + ")");
  }
  for (const auto& u : table.uniques) {
    lines.push_back("CONSTRAINT " + quote_ident(u.name) + " UNIQUE (" +
                    ident_list(*this, u.columns) + ")");
  }
  for (const auto& ix : table.indexes) {
    lines.push_back(index_kind(table.name, ix).first + " " +
                    index_body(*this, table.name, &table, ix, mariadb));
  }
  for (const auto& fk : table.foreign_keys) {
    lines.push_back("CONSTRAINT " + quote_ident(fk.name) + " " +
                    foreign_key_sql(*this, table.name, fk.name, fk));
  }
  for (const auto& ck : table.checks) {
    lines.push_back("CONSTRAINT " + quote_ident(ck.name) + " CHECK (" +
                    mysql_expression(ck.expression) + ")");
  }
  std::string sql =
      "CREATE TABLE " + quote_ident(table.name) + " (\n  " + util::join(lines, ",\n  ") + "\n)";
  // As SHOW CREATE TABLE writes them.
  const schema::TableOptions& o = table.options;
  if (o.engine) {
    sql += " ENGINE=" + *o.engine;
  }
  if (o.charset || o.collate) {
    sql += " DEFAULT CHARSET=" + (o.charset ? *o.charset : charset_of_collation(*o.collate));
  }
  if (o.collate) {
    sql += " COLLATE=" + *o.collate;
  }
  if (o.row_format) {
    sql += " ROW_FORMAT=" + util::to_upper(*o.row_format);
  }
  if (table.comment && !table.comment->empty()) {
    sql += " COMMENT = " + quote_string(*table.comment);
  }
  return {sql, "create table " + util::squote(table.name)};
}

std::vector<Statement> MysqlDialect::render(const schema::Op& op,
                                            const schema::Database& before) const {
  return std::visit(OpRenderer{*this, before, nullptr, m_mariadb}, op);
}

std::vector<Statement> MysqlDialect::render(const schema::Op& op, const schema::Database& before,
                                            const RenderContext& context) const {
  bool mariadb = m_mariadb;
  if (const auto* conn = dynamic_cast<const MysqlConnection*>(context.live)) {
    mariadb = conn->is_mariadb();
  }
  return std::visit(OpRenderer{*this, before, context.live, mariadb}, op);
}

} // namespace migratecpp::dialects::mysql
