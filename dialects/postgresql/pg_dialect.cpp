#include "dialects/postgresql/pg_dialect.h"
#include "dialects/postgresql/pg_views.h"
#include "dialects/virtual_table_sql.h"

#include "dialects/inserted_rows.h"
#include "dialects/postgresql/pg_aggregates.h"
#include "dialects/postgresql/pg_connection.h"
#include "dialects/postgresql/pg_objects.h"
#include "dialects/postgresql/pg_routines.h"
#include "dialects/postgresql/pg_table_storage.h"
#include "dialects/postgresql/pg_url.h"
#include "schema/naming.h"
#include "schema/partition.h"
#include "schema/types.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <utility>

namespace migratecpp::dialects::postgresql {

namespace {

struct TypeName {
  std::string_view portable;
  std::string_view sql;
};

// Portable base name -> PostgreSQL spelling; arguments and [] are carried over. "datetime" is
// not portable (MySQL and SQLite have it): PostgreSQL's nearest type is timestamp.
constexpr TypeName k_type_names[] = {
    {"smallint", "SMALLINT"},   {"integer", "INTEGER"},
    {"bigint", "BIGINT"},       {"boolean", "BOOLEAN"},
    {"real", "REAL"},           {"double", "DOUBLE PRECISION"},
    {"numeric", "NUMERIC"},     {"varchar", "VARCHAR"},
    {"char", "CHAR"},           {"text", "TEXT"},
    {"date", "DATE"},           {"time", "TIME"},
    {"timestamp", "TIMESTAMP"}, {"timestamptz", "TIMESTAMPTZ"},
    {"json", "JSON"},           {"uuid", "UUID"},
    {"blob", "BYTEA"},          {"datetime", "TIMESTAMP"},
};

// 'table.column', for messages.
std::string column_label(const std::string& table, const std::string& column) {
  return util::squote(table + "." + column);
}

// "set null" -> "SET NULL"; "" -> "".
std::string fk_action_sql(const std::string& action) {
  std::string out;
  for (const auto& word : util::split(util::trim(action), ' ')) {
    if (word.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += ' ';
    }
    for (char ch : word) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    }
  }
  return out;
}

// The name without its trailing "[]"s, and how many there were: "Mood[]" -> {"Mood", 1}.
std::pair<std::string, int> strip_array(const std::string& type) {
  std::string name = util::trim(type);
  int dims = 0;
  while (name.size() >= 2 && name.compare(name.size() - 2, 2, "[]") == 0) {
    name = util::trim(name.substr(0, name.size() - 2));
    ++dims;
  }
  return {name, dims};
}

bool is_identity_type(const schema::ColumnType& type) {
  const std::string& base = type.base();
  return !type.is_array() && !type.has_modifiers() && type.args().empty() &&
         (base == "smallint" || base == "integer" || base == "bigint");
}

bool is_serial_type(const schema::ColumnType& type) {
  const std::string& base = type.base();
  return !type.is_array() && !type.has_modifiers() &&
         (base == "serial" || base == "bigserial" || base == "smallserial" || base == "serial4" ||
          base == "serial8" || base == "serial2");
}

// The default of the column `o` alters as it stands before the op: existing_default when the
// op carries it, else the column's default in `before`; "" for none (or an unknown column).
std::string current_default(const schema::AlterColumn& o, const schema::Database& before) {
  if (o.existing_default) {
    return util::trim(*o.existing_default);
  }
  const schema::Table* table = before.find_table(o.table);
  const schema::Column* column = table != nullptr ? table->find_column(o.column) : nullptr;
  if (column == nullptr || !column->default_expr || column->autoincrement) {
    return "";
  }
  return util::trim(*column->default_expr);
}

} // namespace

std::string PostgresDialect::type_sql(const schema::ColumnType& type) const {
  // A MySQL modifier ("int unsigned") is no PostgreSQL type: passed through as written.
  for (const auto& t : k_type_names) {
    if (!type.has_modifiers() && type.base() == t.portable) {
      std::string out(t.sql);
      if (!type.args().empty()) {
        out += "(" + util::join(type.args(), ",") + ")";
      }
      if (type.is_array()) {
        out += "[]";
      }
      return out;
    }
  }
  return util::trim(type.declared());
}

std::string PostgresDialect::column_type_sql(const schema::ColumnType& type,
                                             const schema::Database& db) const {
  const auto [name, dims] = strip_array(type.declared());
  if (db.find_enum(name) != nullptr || db.find_domain(name) != nullptr) {
    std::string out = quote_ident(name);
    for (int i = 0; i < dims; ++i) {
      out += "[]";
    }
    return out;
  }
  return type_sql(type);
}

std::string PostgresDialect::column_sql(const std::string& table, const schema::Column& column,
                                        const schema::Database& db) const {
  if (util::trim(column.type.declared()).empty()) {
    throw util::Error("column " + column_label(table, column.name) +
                      " has no type: only SQLite has columns without a declared type");
  }
  std::string out = quote_ident(column.name) + " " + column_type_sql(column.type, db);
  if (column.collation) {
    out += " COLLATE " + quote_ident(*column.collation);
  }
  if (column.generated) {
    if (!column.generated->stored) {
      throw util::Error("column " + column_label(table, column.name) +
                        " cannot be a virtual generated column: PostgreSQL has only stored "
                        "ones (generated = { ..., stored = true })");
    }
    if (column.default_expr || column.autoincrement) {
      throw util::Error("column " + column_label(table, column.name) +
                        " cannot have a default or autoincrement: it is generated");
    }
    out += " GENERATED ALWAYS AS (" + column.generated->expression + ") STORED";
  } else if (column.autoincrement) {
    if (column.default_expr) {
      throw util::Error("column " + column_label(table, column.name) +
                        " cannot have both autoincrement and a default");
    }
    if (is_identity_type(column.type)) {
      // Identity rather than serial: the sequence belongs to the column (dropped with it,
      // renamed with the table), and BY DEFAULT still lets bulk_insert write explicit keys.
      // ALWAYS where the model says identity = "always".
      out += column.identity_always ? " GENERATED ALWAYS AS IDENTITY"
                                    : " GENERATED BY DEFAULT AS IDENTITY";
    } else if (!is_serial_type(column.type)) {
      throw util::Error("column " + column_label(table, column.name) +
                        " cannot autoincrement: its type '" + column.type.declared() +
                        "' is not smallint, integer or bigint");
    }
  } else if (column.default_expr) {
    out += " DEFAULT " + *column.default_expr;
  }
  if (!column.nullable || column.primary_key) {
    out += " NOT NULL";
  }
  return out;
}

namespace {

// One index element: a column quoted (so that its case is kept and a reserved word is a
// name), an expression as written when it is one atom (lower(email), (a + b)) and
// parenthesized otherwise (a || b), then what follows it as written (DESC, an operator
// class, COLLATE "C"). A name the table does not have (yet) before an operator class or a
// collation, and a prefix length (title(10), which PostgreSQL reads as a call), stay as
// written: only a column can be quoted without changing what the SQL means.
std::string index_part_sql(const PostgresDialect& d, const schema::Table* table,
                           const schema::IndexPart& written) {
  const schema::IndexPart part =
      table != nullptr ? schema::resolve_index_part(written, table->column_names()) : written;
  const std::string suffix = schema::index_part_suffix(part);
  if (!part.is_expression()) {
    const bool known = table != nullptr && table->find_column(part.column) != nullptr;
    if (!part.length && (known || (!part.collation && !part.opclass))) {
      return d.quote_ident(part.column) + suffix;
    }
    return schema::index_part_head(part) + suffix;
  }
  const bool atom = schema::is_atomic_expression(part.expression);
  return (atom ? part.expression : "(" + part.expression + ")") + suffix;
}

std::string create_index_with(const PostgresDialect& d, const std::string& table,
                              const schema::Table* model, const schema::Index& index) {
  const std::string name = index.name.empty() ? schema::index_name(table, index) : index.name;
  std::vector<std::string> entries;
  for (const auto& p : index.parts) {
    entries.push_back(index_part_sql(d, model, p));
  }
  std::string out = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                    d.quote_ident(name) + " ON " + d.quote_ident(table);
  if (index.method && !index.method->empty()) {
    out += " USING " + *index.method;
  }
  out += " (" + util::join(entries, ", ") + ")" + storage_parameters_clause(d, index.storage);
  if (index.where && !index.where->empty()) {
    out += " WHERE " + *index.where;
  }
  return out;
}

std::string ident_list(const PostgresDialect& d, const std::vector<std::string>& names) {
  std::vector<std::string> quoted_names;
  for (const auto& n : names) {
    quoted_names.push_back(d.quote_ident(n));
  }
  return util::join(quoted_names, ", ");
}

// " DEFERRABLE [INITIALLY DEFERRED]", or "" for a constraint checked at once (the default).
std::string deferral_sql(bool deferrable, bool initially_deferred) {
  if (!deferrable && !initially_deferred) {
    return "";
  }
  return initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

// "[CONSTRAINT name ]PRIMARY KEY (cols in key order)[ DEFERRABLE ...]"; no name = the server's
// default (<table>_pkey).
std::string primary_key_sql(const PostgresDialect& d, const std::string& name,
                            const std::vector<std::string>& columns, bool deferrable,
                            bool initially_deferred) {
  return (name.empty() ? std::string() : "CONSTRAINT " + d.quote_ident(name) + " ") +
         "PRIMARY KEY (" + ident_list(d, columns) + ")" +
         deferral_sql(deferrable, initially_deferred);
}

std::string foreign_key_sql(const PostgresDialect& d, const schema::ForeignKey& fk) {
  std::string out =
      "FOREIGN KEY (" + ident_list(d, fk.columns) + ") REFERENCES " + d.quote_ident(fk.ref_table);
  if (!fk.ref_columns.empty()) {
    out += " (" + ident_list(d, fk.ref_columns) + ")";
  }
  if (!fk.on_delete.empty()) {
    out += " ON DELETE " + fk_action_sql(fk.on_delete);
  }
  if (!fk.on_update.empty()) {
    out += " ON UPDATE " + fk_action_sql(fk.on_update);
  }
  return out + deferral_sql(fk.deferrable, fk.initially_deferred) +
         (fk.not_valid ? " NOT VALID" : "");
}

std::string comment_value(const PostgresDialect& d, const std::string& comment) {
  // COMMENT ... IS NULL removes the comment; an empty string would too, but NULL says so.
  return comment.empty() ? "NULL" : d.quote_string(comment);
}

} // namespace

std::string PostgresDialect::create_index_sql(const std::string& table, const schema::Index& index,
                                              const schema::Database& db) const {
  const schema::Table* model = db.find_table(table);
  // A partition's columns are its parent's.
  return create_index_with(*this, table, model ? &schema::column_source(db, *model) : nullptr,
                           index);
}

std::vector<Statement> PostgresDialect::create_table(const schema::Table& input,
                                                     const schema::Database& db) const {
  schema::Table table = input;
  schema::name_unnamed(table);
  const std::string t = quote_ident(table.name);

  std::vector<std::string> lines;
  for (const auto& c : table.columns) {
    lines.push_back(column_sql(table.name, c, db));
  }
  if (const auto pk = table.primary_key(); !pk.empty()) {
    lines.push_back(primary_key_sql(*this, table.key.name, pk, table.key.deferrable,
                                    table.key.initially_deferred));
  }
  for (const auto& u : table.uniques) {
    lines.push_back("CONSTRAINT " + quote_ident(u.name) + " UNIQUE (" +
                    ident_list(*this, u.columns) + ")" +
                    deferral_sql(u.deferrable, u.initially_deferred));
  }
  for (const auto& fk : table.foreign_keys) {
    if (!fk.not_valid) {
      lines.push_back("CONSTRAINT " + quote_ident(fk.name) + " " + foreign_key_sql(*this, fk));
    }
  }
  for (const auto& ck : table.checks) {
    lines.push_back("CONSTRAINT " + quote_ident(ck.name) + " CHECK (" + ck.expression + ")");
  }
  std::vector<Statement> out;
  const bool unlogged = table.options.unlogged.value_or(false);
  const std::string create = unlogged ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ";
  const std::string storage = storage_parameters_clause(*this, table.options.storage);
  if (table.partition_of) {
    // CREATE TABLE p PARTITION OF parent [(its own constraints)] FOR VALUES ... | DEFAULT: the
    // server gives it the parent's columns, and the parent's indexes, keys and foreign keys.
    out.push_back({create + t + " PARTITION OF " + quote_ident(*table.partition_of) +
                       (lines.empty() ? "" : " (\n  " + util::join(lines, ",\n  ") + "\n)") + " " +
                       table.partition_bound.value_or("DEFAULT") +
                       (table.partition_by ? " PARTITION BY " + *table.partition_by : "") + storage,
                   "create table " + util::squote(table.name) + " (partition of " +
                       util::squote(*table.partition_of) + ")"});
  } else {
    out.push_back({create + t + " (\n  " + util::join(lines, ",\n  ") + "\n)" +
                       (table.partition_by ? "\nPARTITION BY " + *table.partition_by : "") +
                       storage,
                   std::string(unlogged ? "create unlogged table " : "create table ") +
                       util::squote(table.name)});
  }
  for (const auto& c : table.columns) {
    if (c.statistics) {
      out.push_back(column_statistics(*this, table.name, c.name, *c.statistics));
    }
  }
  const schema::Table* parent = table.partition_of ? db.find_table(*table.partition_of) : nullptr;
  const schema::Table& columns_of = parent ? schema::column_source(db, *parent) : table;
  // CREATE TABLE takes NOT VALID and ignores it (the key comes out validated): such a key is
  // added after the table, by ALTER TABLE, which keeps it.
  for (const auto& fk : table.foreign_keys) {
    if (fk.not_valid) {
      out.push_back({"ALTER TABLE " + t + " ADD CONSTRAINT " + quote_ident(fk.name) + " " +
                         foreign_key_sql(*this, fk),
                     "create foreign key " + util::squote(fk.name) + " on " +
                         util::squote(table.name) + " (NOT VALID)"});
    }
  }
  for (const auto& index : table.indexes) {
    out.push_back({create_index_with(*this, table.name, &columns_of, index),
                   "create index " + util::squote(index.name) + " on " + util::squote(table.name)});
    for (auto& s : index_statistics(*this, index.name, index)) {
      out.push_back(std::move(s));
    }
  }
  if (table.comment && !table.comment->empty()) {
    out.push_back({"COMMENT ON TABLE " + t + " IS " + quote_string(*table.comment),
                   "comment on table " + util::squote(table.name)});
  }
  for (const auto& c : table.columns) {
    if (c.comment && !c.comment->empty()) {
      out.push_back(
          {"COMMENT ON COLUMN " + t + "." + quote_ident(c.name) + " IS " + quote_string(*c.comment),
           "comment on column " + column_label(table.name, c.name)});
    }
  }
  return out;
}

namespace {

// One function per op, dispatched by std::visit: an overload for every alternative of
// schema::Op and no catch-all, so a new op breaks this build until PostgreSQL renders it.
struct OpRenderer {
  const PostgresDialect& d;
  const schema::Database& before;

  std::string alter(const std::string& table) const {
    return "ALTER TABLE " + d.quote_ident(table) + " ";
  }

  // The start of a statement: the builder quotes as PostgreSQL does.
  SqlBuilder sql() const { return SqlBuilder(d.quoting()); }

  std::vector<Statement> operator()(const schema::CreateTable& o) const {
    check_table_fits(d, o.table);
    return d.create_table(o.table, before);
  }

  std::vector<Statement> operator()(const schema::AlterTableOptions& o) const {
    return alter_table_storage(d, o);
  }

  std::vector<Statement> operator()(const schema::DropTable& o) const {
    std::vector<Statement> out;
    // A partition is detached first: DROP TABLE refuses a partition that a foreign key to its
    // partitioned table reaches (the key's clone on it), DETACH removes that clone.
    const schema::Table* tracked = before.find_table(o.table);
    const auto& parent = o.definition ? o.definition->partition_of
                         : tracked    ? tracked->partition_of
                                      : std::nullopt;
    if (parent) {
      out.push_back(
          {sql().kw("ALTER TABLE").ident(*parent).kw("DETACH PARTITION").ident(o.table).sql(),
           "detach partition " + util::squote(o.table) + " from " + util::squote(*parent)});
    }
    out.push_back(
        {sql().kw("DROP TABLE").ident(o.table).sql(), "drop table " + util::squote(o.table)});
    return out;
  }

  std::vector<Statement> operator()(const schema::RenameTable& o) const {
    return {{sql().kw("ALTER TABLE").ident(o.table).kw("RENAME TO").ident(o.new_name).sql(),
             "rename table " + util::squote(o.table) + " to " + util::squote(o.new_name)}};
  }

  std::vector<Statement> operator()(const schema::AddColumn& o) const {
    std::string sql = alter(o.table) + "ADD COLUMN " + d.column_sql(o.table, o.column, before);
    if (o.column.primary_key) {
      sql += " PRIMARY KEY";
    }
    std::vector<Statement> out{{sql, "add column " + column_label(o.table, o.column.name)}};
    if (o.column.comment && !o.column.comment->empty()) {
      out.push_back({"COMMENT ON COLUMN " + d.quote_ident(o.table) + "." +
                         d.quote_ident(o.column.name) + " IS " + d.quote_string(*o.column.comment),
                     "comment on column " + column_label(o.table, o.column.name)});
    }
    if (o.column.statistics) {
      out.push_back(column_statistics(d, o.table, o.column.name, *o.column.statistics));
    }
    return out;
  }

  std::vector<Statement> operator()(const schema::AlterPrimaryKey& o) const {
    // The key constraint's name is whatever it is (a renamed table keeps "<old>_pkey"): the
    // catalog says, inside one statement.
    const std::string table = d.quote_string(d.quote_ident(o.table));
    std::vector<Statement> out{
        {"DO $migratecpp$ DECLARE key_name text; BEGIN SELECT conname INTO key_name FROM "
         "pg_constraint WHERE conrelid = " +
             table + "::regclass AND contype = 'p'; IF key_name IS NOT NULL THEN EXECUTE " +
             "format('ALTER TABLE %s DROP CONSTRAINT %I', " + table +
             "::regclass, key_name); END IF; END $migratecpp$",
         "drop the primary key of " + util::squote(o.table)}};
    if (!o.columns.empty()) {
      out.push_back({alter(o.table) + "ADD " +
                         primary_key_sql(d, o.name, o.columns, o.deferrable, o.initially_deferred),
                     "add the primary key of " + util::squote(o.table)});
    }
    return out;
  }

  std::vector<Statement> operator()(const schema::DropColumn& o) const {
    return {{alter(o.table) + "DROP COLUMN " + d.quote_ident(o.column),
             "drop column " + column_label(o.table, o.column)}};
  }

  std::vector<Statement> operator()(const schema::AlterColumn& o) const {
    std::vector<Statement> out;
    const std::string col = d.quote_ident(o.column);
    const std::string what = column_label(o.table, o.column);
    // The column's default before this op: existing_default where the file gives it
    // (generated files), else what the tracked schema knows (hand-written files need
    // not restate it); "" when it has none or nothing is known.
    const std::string old_default = current_default(o, before);
    // A type change with a default in place: PostgreSQL casts the default too, and
    // fails the whole ALTER when it cannot ("default for column ... cannot be cast
    // automatically"). So the default goes first and comes back after the type change
    // (the op's new default, else the old one; a default that does not fit the new
    // type then fails there, with the server's message about the value).
    const bool drop_default_first =
        o.type && (!old_default.empty() || (o.default_expr && o.default_expr->empty()));
    if (drop_default_first) {
      out.push_back(
          {alter(o.table) + "ALTER COLUMN " + col + " DROP DEFAULT", "drop default of " + what});
    }
    if (o.type || o.collation) {
      // USING always: harmless where the cast is implicit, and it makes the
      // conversions PostgreSQL will not do on its own (text -> integer) explicit. Except on
      // a generated column, which refuses it: its expression is computed again, cast to the
      // new type (the tracked schema or existing_generated says it is one).
      // TYPE also sets the collation, to the type's default unless COLLATE says otherwise:
      // the op's collation, else the one the column has (kept across a type change).
      const schema::Table* t = before.find_table(o.table);
      const schema::Column* c = t != nullptr ? t->find_column(o.column) : nullptr;
      const std::optional<std::string> type_text = o.type ? o.type
                                                   : c != nullptr
                                                       ? std::optional(c->type.declared())
                                                       : o.existing_type;
      if (!type_text || util::trim(*type_text).empty()) {
        throw util::Error("alter_column " + what +
                          ": PostgreSQL sets a collation with ALTER COLUMN ... TYPE, and the "
                          "column's type is unknown (give existing_type, or a type)");
      }
      // A serial is stored as its integer type; TYPE takes that (there is no type "serial").
      const std::string type =
          d.column_type_sql(schema::serial_integer(schema::ColumnType(*type_text)), before);
      const std::string collation =
          o.collation
              ? *o.collation
              : (c != nullptr ? std::optional<std::string>(c->collation) : o.existing_collation)
                    .value_or("");
      const bool generated =
          c != nullptr ? c->generated.has_value() : o.existing_generated.has_value();
      out.push_back({alter(o.table) + "ALTER COLUMN " + col + " TYPE " + type +
                         (collation.empty() ? "" : " COLLATE " + d.quote_ident(collation)) +
                         (generated ? "" : " USING " + col + "::" + type),
                     o.type ? "change type of " + what + " to " + *o.type
                            : "change collation of " + what + " to " +
                                  (collation.empty() ? "the default" : collation)});
    }
    if (o.nullable) {
      out.push_back({alter(o.table) + "ALTER COLUMN " + col +
                         (*o.nullable ? " DROP NOT NULL" : " SET NOT NULL"),
                     (*o.nullable ? "allow NULL in " : "disallow NULL in ") + what});
    }
    if (o.autoincrement && *o.autoincrement) {
      // An identity column whose sequence starts past the ids already there.
      out.push_back({alter(o.table) + "ALTER COLUMN " + col + " ADD GENERATED " +
                         (o.identity_always.value_or(false) ? "ALWAYS" : "BY DEFAULT") +
                         " AS IDENTITY",
                     "make " + what + " autoincrement"});
      out.push_back({"SELECT setval(pg_get_serial_sequence(" +
                         d.quote_string(d.quote_ident(o.table)) + ", " + d.quote_string(o.column) +
                         "), max(" + col + ")) FROM " + d.quote_ident(o.table),
                     "start the sequence of " + what + " after its largest value", ""});
    } else if (!o.autoincrement && o.identity_always) {
      // An identity column's kind (a serial column is no identity column: the server refuses).
      out.push_back(
          {alter(o.table) + "ALTER COLUMN " + col + " SET GENERATED " +
               (*o.identity_always ? "ALWAYS" : "BY DEFAULT"),
           "make " + what + (*o.identity_always ? " identity always" : " identity by default")});
    } else if (o.autoincrement) {
      // Identity or serial (a default from a sequence): either way no value comes by itself.
      out.push_back({alter(o.table) + "ALTER COLUMN " + col + " DROP IDENTITY IF EXISTS",
                     "stop autoincrement of " + what});
      out.push_back({alter(o.table) + "ALTER COLUMN " + col + " DROP DEFAULT",
                     "drop the sequence default of " + what});
    }
    if (o.default_expr) {
      if (o.default_expr->empty()) {
        if (!drop_default_first) {
          out.push_back({alter(o.table) + "ALTER COLUMN " + col + " DROP DEFAULT",
                         "drop default of " + what});
        }
      } else {
        out.push_back({alter(o.table) + "ALTER COLUMN " + col + " SET DEFAULT " + *o.default_expr,
                       "set default of " + what});
      }
    } else if (drop_default_first && !old_default.empty()) {
      out.push_back({alter(o.table) + "ALTER COLUMN " + col + " SET DEFAULT " + old_default,
                     "restore default of " + what});
    }
    if (o.comment) {
      out.push_back({"COMMENT ON COLUMN " + d.quote_ident(o.table) + "." + col + " IS " +
                         comment_value(d, *o.comment),
                     "comment on column " + what});
    }
    if (o.statistics) {
      out.push_back(column_statistics(d, o.table, o.column, *o.statistics));
    }
    // Last, so that every statement above can name the column as it was.
    if (o.new_name) {
      out.push_back({alter(o.table) + "RENAME COLUMN " + col + " TO " + d.quote_ident(*o.new_name),
                     "rename column " + what + " to " + util::squote(*o.new_name)});
    }
    return out;
  }

  std::vector<Statement> operator()(const schema::CreateIndex& o) const {
    const std::string name =
        o.index.name.empty() ? schema::index_name(o.table, o.index) : o.index.name;
    std::vector<Statement> out{
        {d.create_index_sql(o.table, o.index, before),
         "create index " + util::squote(name) + " on " + util::squote(o.table)}};
    for (auto& s : index_statistics(d, name, o.index)) {
      out.push_back(std::move(s));
    }
    return out;
  }

  std::vector<Statement> operator()(const schema::DropIndex& o) const {
    return {{"DROP INDEX " + d.quote_ident(o.name),
             "drop index " + util::squote(o.name) + " on " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::CreateUnique& o) const {
    const std::string name =
        o.constraint.name.empty() ? schema::unique_name(o.table, o.constraint) : o.constraint.name;
    return {{alter(o.table) + "ADD CONSTRAINT " + d.quote_ident(name) + " UNIQUE (" +
                 ident_list(d, o.constraint.columns) + ")" +
                 deferral_sql(o.constraint.deferrable, o.constraint.initially_deferred),
             "create unique constraint " + util::squote(name) + " on " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::CreateForeignKey& o) const {
    const std::string name = o.constraint.name.empty()
                                 ? schema::foreign_key_name(o.table, o.constraint)
                                 : o.constraint.name;
    return {{alter(o.table) + "ADD CONSTRAINT " + d.quote_ident(name) + " " +
                 foreign_key_sql(d, o.constraint),
             "create foreign key " + util::squote(name) + " on " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::CreateCheck& o) const {
    const std::string name =
        o.constraint.name.empty() ? schema::check_name(o.table, o.constraint) : o.constraint.name;
    return {{alter(o.table) + "ADD CONSTRAINT " + d.quote_ident(name) + " CHECK (" +
                 o.constraint.expression + ")",
             "create check constraint " + util::squote(name) + " on " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::DropConstraint& o) const {
    return {{sql().kw("ALTER TABLE").ident(o.table).kw("DROP CONSTRAINT").ident(o.name).sql(),
             "drop constraint " + util::squote(o.name) + " on " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::SetTableComment& o) const {
    return {{sql()
                 .kw("COMMENT ON TABLE")
                 .ident(o.table)
                 .kw("IS")
                 .raw(comment_value(d, o.comment))
                 .sql(),
             "comment on table " + util::squote(o.table)}};
  }

  std::vector<Statement> operator()(const schema::Execute& o) const {
    return execute_statements(o, {std::string(d.name()), ""}, "execute SQL");
  }

  std::vector<Statement> operator()(const schema::BulkInsert& o) const {
    auto out = multi_row_inserts(d, o, before, k_bulk_insert_chunk);
    // An identity = "always" column refuses a written value unless the INSERT overrides it:
    // the rows say what they hold, as for any other column.
    const schema::Table* t = before.find_table(o.table);
    const bool always =
        t != nullptr && std::any_of(o.rows.begin(), o.rows.end(), [&](const auto& row) {
          return std::any_of(row.begin(), row.end(), [&](const auto& cell) {
            const schema::Column* c = t->find_column(cell.first);
            return c != nullptr && c->autoincrement && c->identity_always;
          });
        });
    if (always) {
      for (auto& s : out) {
        const std::size_t at = s.sql.find(") VALUES\n");
        if (at != std::string::npos) {
          s.sql.insert(at + 1, " OVERRIDING SYSTEM VALUE");
        }
      }
    }
    return out;
  }

  std::vector<Statement> operator()(const schema::CreateEnum& o) const {
    std::vector<std::string> values;
    for (const auto& v : o.type.values) {
      values.push_back(d.quote_string(v));
    }
    return {{"CREATE TYPE " + d.quote_ident(o.type.name) + " AS ENUM (" + util::join(values, ", ") +
                 ")",
             "create enum " + util::squote(o.type.name)}};
  }

  std::vector<Statement> operator()(const schema::DropEnum& o) const {
    return {{"DROP TYPE " + d.quote_ident(o.name), "drop enum " + util::squote(o.name)}};
  }

  std::vector<Statement> operator()(const schema::AddEnumValue& o) const {
    // See the header: fine inside the revision's transaction on PostgreSQL 12+, but
    // the value is usable only once that transaction has committed.
    std::string sql =
        "ALTER TYPE " + d.quote_ident(o.name) + " ADD VALUE " + d.quote_string(o.value);
    if (o.before) {
      sql += " BEFORE " + d.quote_string(*o.before);
    }
    return {{sql, "add value " + util::squote(o.value) + " to enum " + util::squote(o.name)}};
  }

  std::vector<Statement> operator()(const schema::CreateSequence& o) const {
    return render_sequence_op(d, o, before);
  }
  std::vector<Statement> operator()(const schema::DropSequence& o) const {
    return render_sequence_op(d, o, before);
  }
  std::vector<Statement> operator()(const schema::AlterSequence& o) const {
    return render_sequence_op(d, o, before);
  }
  std::vector<Statement> operator()(const schema::CreateDomain& o) const {
    return render_domain_op(d, o, before);
  }
  std::vector<Statement> operator()(const schema::DropDomain& o) const {
    return render_domain_op(d, o, before);
  }
  std::vector<Statement> operator()(const schema::AlterDomain& o) const {
    return render_domain_op(d, o, before);
  }
  std::vector<Statement> operator()(const schema::CreateExtension& o) const {
    return render_extension_op(d, o);
  }
  std::vector<Statement> operator()(const schema::DropExtension& o) const {
    return render_extension_op(d, o);
  }
  std::vector<Statement> operator()(const schema::AlterExtension& o) const {
    return render_extension_op(d, o);
  }
  std::vector<Statement> operator()(const schema::CreateView& o) const {
    return render_view_op(d, o, before);
  }
  std::vector<Statement> operator()(const schema::DropView& o) const {
    return render_view_op(d, o, before);
  }
  std::vector<Statement> operator()(const schema::ReplaceView& o) const {
    return render_view_op(d, o, before);
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
  std::vector<Statement> operator()(const schema::CreateAggregate& o) const {
    return render_aggregate_op(d, o);
  }
  std::vector<Statement> operator()(const schema::DropAggregate& o) const {
    return render_aggregate_op(d, o);
  }
  std::vector<Statement> operator()(const schema::CreateOperator& o) const {
    return render_aggregate_op(d, o);
  }
  std::vector<Statement> operator()(const schema::DropOperator& o) const {
    return render_aggregate_op(d, o);
  }
};

} // namespace

std::vector<Statement> PostgresDialect::render(const schema::Op& op,
                                               const schema::Database& before) const {
  return std::visit(OpRenderer{*this, before}, op);
}

util::Url PostgresDialect::parse_url(const std::string& text) const {
  return parse_pg_url(text);
}

std::unique_ptr<Connection> PostgresDialect::connect(const util::Url& url,
                                                     const ConnectOptions&) const {
  return std::make_unique<PgConnection>(url);
}

std::string PostgresDialect::use_schema_sql(const std::string& schema) const {
  return "SET search_path TO " + quote_ident(schema);
}

bool PostgresDialect::table_exists(Connection& conn, const std::string& table) const {
  // current_schema(): where an unqualified CREATE TABLE puts the version table.
  const Rows rows = conn.query(
      "SELECT 1 FROM pg_catalog.pg_class c "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')",
      {table});
  return !rows.rows.empty();
}

namespace {
constexpr const char* k_relkind_name =
    "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' "
    "WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' "
    "WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index' "
    "WHEN 'c' THEN 'composite type' ELSE c.relkind::text END";
} // namespace

std::optional<std::vector<std::string>>
PostgresDialect::read_if_plain_table(Connection& conn, const std::string& table,
                                     const std::string& column) const {
  // The server resolves the quoted name as the FROM clause does, and says what it found and
  // where: a table of the current schema (not a temporary one, not one further down the
  // search path) is the version table. A missing one fails the statement, which outside a
  // transaction costs nothing but the log line; relations_named then says what is there.
  if (conn.in_transaction()) {
    return std::nullopt;
  }
  const std::string name = quote_ident(table);
  Rows rows;
  try {
    rows = conn.query(
        "SELECT o.type, o.schema, pg_catalog.current_schema(), v." + quote_ident(column) +
        " FROM pg_catalog.pg_identify_object('pg_catalog.pg_class'::pg_catalog."
        "regclass, " +
        quote_string(name) + "::pg_catalog.regclass, 0) AS o LEFT JOIN " + name + " AS v ON true");
  } catch (const DatabaseError&) {
    return std::nullopt;
  }
  if (rows.rows.empty() || rows.rows[0][0] != std::optional<std::string>("table") ||
      !rows.rows[0][1] || rows.rows[0][1] != rows.rows[0][2]) {
    return std::nullopt;
  }
  std::vector<std::string> values;
  for (const auto& r : rows.rows) {
    if (r[3]) {
      values.push_back(*r[3]);
    }
  }
  return values;
}

std::vector<Dialect::NamedRelation>
PostgresDialect::relations_named(Connection& conn, const std::string& name) const {
  // The exact name first, with the current schema, in one statement of function calls that
  // the server answers from its catalog caches: the version table that is there, as on every
  // run but the first, costs no query of pg_class. A new connection's first query pays for
  // what it makes the server load and plan: a join of pg_class and pg_namespace took 1.3 ms
  // there, this 0.6 ms (`current`'s start-up, bench/RESULTS.md). pg_identify_object's type is
  // not translated: "table" (partitioned too), "view", "index", "sequence"...
  const Rows exact = conn.query(
      "SELECT pg_catalog.current_schema(), (pg_catalog.pg_identify_object("
      "'pg_catalog.pg_class'::pg_catalog.regclass, pg_catalog.to_regclass("
      "pg_catalog.quote_ident(pg_catalog.current_schema()) || '.' || pg_catalog.quote_ident($1)), "
      "0)).type",
      {name});
  if (exact.rows.empty() || !exact.rows[0][0]) {
    const Rows path = conn.query("SHOW search_path");
    throw util::Error("no schema to work in: none of the schemas on the search path (" +
                      path.rows.at(0).at(0).value_or("") +
                      ") exists; create it, or fix [database] schema in the config");
  }
  if (exact.rows[0][1]) {
    return {{name, *exact.rows[0][1], true}};
  }
  // None of that name: one that differs only in letter case is reported, not taken for none.
  const Rows rows = conn.query(
      std::string("SELECT c.relname, ") + k_relkind_name +
          " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
          "WHERE n.nspname = current_schema() AND lower(c.relname) = lower($1) ORDER BY 1",
      {name});
  std::vector<NamedRelation> out;
  for (const auto& r : rows.rows) {
    const std::string found = r[0].value_or("");
    out.push_back({found, r[1].value_or(""), found == name});
  }
  return out;
}

const Dialect& dialect() {
  static const PostgresDialect k_instance;
  return k_instance;
}

} // namespace migratecpp::dialects::postgresql
