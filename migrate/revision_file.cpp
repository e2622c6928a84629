#include "migrate/revision_file.h"

#include "dialects/dialect.h"
#include "migrate/aggregate_codec.h"
#include "migrate/object_codec.h"
#include "migrate/plain_header.h"
#include "migrate/plain_ops.h"
#include "migrate/revision_header.h"
#include "migrate/routine_codec.h"
#include "migrate/table_codec.h"
#include "migrate/toml_limits.h"
#include "migrate/toml_reader.h"
#include "migrate/toml_writer.h"
#include "migrate/view_codec.h"
#include "migrate/virtual_table_codec.h"
#include "schema/naming.h"
#include "schema/types.h"
#include "util/file_read.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace migratecpp::migrate {

// ^[0-9A-Za-z_-]{1,32}$: the version table stores ids in VARCHAR(32), and an id that does not
// fit would fail only at upgrade time.
bool is_valid_revision_id(std::string_view id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

namespace {

const std::vector<std::string> k_op_names = {"create_table",      "drop_table",
                                             "rename_table",      "add_column",
                                             "drop_column",       "alter_column",
                                             "create_index",      "drop_index",
                                             "create_unique",     "create_foreign_key",
                                             "create_check",      "drop_constraint",
                                             "set_table_comment", "execute",
                                             "bulk_insert",       "create_enum",
                                             "drop_enum",         "add_enum_value",
                                             "alter_primary_key", "alter_table_options",
                                             "create_sequence",   "drop_sequence",
                                             "alter_sequence",    "create_domain",
                                             "drop_domain",       "alter_domain",
                                             "create_extension",  "drop_extension",
                                             "alter_extension",   "create_view",
                                             "drop_view",         "replace_view"};

void check_revision_id(const std::string& id, const toml::node& where, const std::string& path) {
  if (!is_valid_revision_id(id)) {
    fail_at(where, path,
            "invalid revision id " + util::squote(id) +
                ": use 1 to 32 letters, digits, '_' or '-' (it must fit the version table's "
                "VARCHAR(32))");
  }
}

std::vector<std::string_view>
keys_of(std::initializer_list<std::string_view> own,
        std::initializer_list<const std::vector<std::string_view>*> shared = {}) {
  std::vector<std::string_view> out(own);
  for (const auto* list : shared) {
    for (auto k : *list) {
      if (std::find(out.begin(), out.end(), k) == out.end()) {
        out.push_back(k);
      }
    }
  }
  return out;
}

// `key` is part of a dropped object's definition, which needs `anchor` to be complete.
void require_with(const KeyReader& r, std::initializer_list<std::string_view> keys,
                  std::string_view anchor, std::string_view object) {
  if (r.has(anchor)) {
    return;
  }
  for (auto k : keys) {
    if (r.has(k)) {
      r.fail(k, r.what() + ": " + util::squote(k) + " describes the dropped " +
                    std::string(object) + " and needs " + util::squote(anchor) + " too");
    }
  }
}

std::map<std::string, std::string> read_sql(const KeyReader& r, std::string_view key) {
  const toml::node* n = r.node(key);
  std::map<std::string, std::string> out;
  if (n == nullptr) {
    return out;
  }
  if (n->is_string()) {
    if (n->as_string()->get().empty()) {
      r.fail(key, util::squote(key) + " must not be empty");
    }
    out[""] = n->as_string()->get();
    return out;
  }
  if (!n->is_table()) {
    r.fail(key, util::squote(key) + " must be a string or a table of per-dialect strings "
                                    "{ postgresql = ..., mysql = ..., sqlite = ... }");
  }
  const std::vector<std::string> names = dialects::sql_keys();
  KeyReader per(*n->as_table(), r.path(), std::string(key), util::squote(key),
                std::vector<std::string_view>(names.begin(), names.end()));
  for (const auto& d : names) {
    if (auto v = per.string(d)) {
      out[d] = *v;
    }
  }
  if (out.empty()) {
    r.fail(key, util::squote(key) + " must give the SQL of at least one dialect");
  }
  return out;
}

schema::Row read_row(const toml::table& t, const std::string& path) {
  // toml++ keeps a table's keys sorted; the file's order is what a reader expects to see kept
  // (and what the INSERT lists), so order them by position.
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [k, v] : t) {
    entries.emplace_back(&k, &v);
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& sa = a.first->source().begin;
    const auto& sb = b.first->source().begin;
    return sa.line != sb.line ? sa.line < sb.line : sa.column < sb.column;
  });
  schema::Row row;
  for (const auto& [k, v] : entries) {
    const std::string column(k->str());
    if (v->is_string()) {
      row.emplace_back(column, v->as_string()->get());
    } else if (v->is_integer()) {
      row.emplace_back(column, std::int64_t{v->as_integer()->get()});
    } else if (v->is_floating_point()) {
      row.emplace_back(column, v->as_floating_point()->get());
    } else if (v->is_boolean()) {
      row.emplace_back(column, v->as_boolean()->get());
    } else {
      fail_at(*v, path,
              "bulk_insert: value of " + util::squote(column) +
                  " must be a string, integer, float or boolean (leave the key out for the "
                  "column's default)");
    }
  }
  return row;
}

std::string required_table_name(const KeyReader& r) {
  return r.required_string("table");
}

// The op's own keys plus "op".
KeyReader op_reader(const toml::table& t, const std::string& path, const std::string& name,
                    const std::vector<std::string_view>& keys) {
  // KeyReader reads `allowed` in its constructor only: one list per thread is reused.
  thread_local std::vector<std::string_view> allowed;
  allowed.assign(1, "op");
  allowed.insert(allowed.end(), keys.begin(), keys.end());
  return KeyReader(t, path, name, name + " op", allowed);
}

schema::Op read_create_table(const KeyReader& r) {
  schema::Table t;
  t.name = required_table_name(r);
  read_table_body(r, t);
  schema::name_unnamed(t);
  return schema::CreateTable{std::move(t)};
}

schema::Op read_drop_table(const KeyReader& r) {
  schema::DropTable op;
  op.table = required_table_name(r);
  // A partition's definition has no columns (they are its parent's): partition_of says so.
  const char* defined_by = r.has("partition_of") ? "partition_of" : "columns";
  require_with(r,
               {"comment", "options", "indexes", "unique", "foreign_keys", "checks", "partition_by",
                "partition_bound"},
               defined_by, "table");
  if (r.has(defined_by)) {
    schema::Table t;
    t.name = op.table;
    read_table_body(r, t);
    schema::name_unnamed(t);
    op.definition = std::move(t);
  }
  return op;
}

schema::Op read_alter_column(const KeyReader& r) {
  schema::AlterColumn op;
  op.table = required_table_name(r);
  op.column = r.required_string("column");
  auto non_empty = [&](std::string_view key) {
    auto v = r.sql_text(key);
    if (v && v->empty()) {
      r.fail(key, util::squote(key) + " must not be empty");
    }
    return v;
  };
  // "" = no declared type (SQLite; refused when rendered elsewhere).
  op.type = r.sql_text("type");
  op.nullable = r.boolean("nullable");
  op.default_expr = r.sql_value("default");
  op.new_name = non_empty("new_name");
  op.comment = r.string("comment");
  op.existing_type = r.sql_text("existing_type");
  op.existing_nullable = r.boolean("existing_nullable");
  op.existing_default = r.sql_value("existing_default");
  op.existing_comment = r.string("existing_comment");
  op.autoincrement = r.boolean("autoincrement");
  op.existing_autoincrement = r.boolean("existing_autoincrement");
  op.identity_always = read_identity(r, "identity");
  op.existing_identity_always = read_identity(r, "existing_identity");
  op.existing_generated = read_generated(r, "existing_generated");
  // A collation is a name; "" = the default one.
  op.collation = r.string("collation");
  op.existing_collation = r.string("existing_collation");
  op.statistics = read_statistics(r, "statistics", true);
  op.existing_statistics = read_statistics(r, "existing_statistics", true);
  if (!op.type && !op.nullable && !op.default_expr && !op.new_name && !op.comment &&
      !op.autoincrement && !op.collation && !op.identity_always && !op.statistics) {
    r.fail("alter_column " + op.table + "." + op.column +
           ": nothing to change (give any of type, nullable, default, new_name, comment, "
           "collation, autoincrement, identity, statistics)");
  }
  return op;
}

schema::Op read_drop_constraint(const KeyReader& r) {
  schema::DropConstraint op;
  op.table = required_table_name(r);
  // A constraint the database keeps without a name (SQLite's inline UNIQUE, CHECK,
  // REFERENCES) is dropped by its definition: name = "" with type and the definition keys.
  op.name = r.has("name") ? r.string("name").value_or("") : r.required_string("name");
  const std::vector<std::string_view> definition_keys = {
      "columns",   "ref_table",  "ref_columns", "on_delete",
      "on_update", "expression", "deferrable",  "initially_deferred"};
  const auto type = r.string("type");
  if (!type && op.name.empty()) {
    r.fail("name", "drop_constraint: 'name' is empty; an unnamed constraint is dropped by its "
                   "definition: give 'type' and its keys");
  }
  if (!type) {
    for (auto k : definition_keys) {
      if (r.has(k)) {
        r.fail(k, "drop_constraint: " + util::squote(k) +
                      " describes the dropped constraint and needs 'type' too (unique, "
                      "foreign_key or check)");
      }
    }
    return op;
  }
  const std::vector<std::string> kinds = {"unique", "foreign_key", "check"};
  if (std::find(kinds.begin(), kinds.end(), *type) == kinds.end()) {
    r.fail("type",
           "'type' must be one of: unique, foreign_key, check" + util::did_you_mean(*type, kinds));
  }
  const auto& kind_keys = *type == "unique"        ? unique_keys()
                          : *type == "foreign_key" ? foreign_key_keys()
                                                   : check_keys();
  for (auto k : definition_keys) {
    if (r.has(k) && std::find(kind_keys.begin(), kind_keys.end(), k) == kind_keys.end()) {
      r.fail(k, "drop_constraint: " + util::squote(k) +
                    " does not belong to a constraint of type '" + *type + "'");
    }
  }
  if (*type == "unique") {
    op.unique = read_unique(r);
    op.unique->name = op.name;
  } else if (*type == "foreign_key") {
    op.foreign_key = read_foreign_key(r);
    op.foreign_key->name = op.name;
  } else {
    op.check = read_check(r);
    op.check->name = op.name;
  }
  return op;
}

schema::Op read_op(const toml::table& t, const std::string& path) {
  const toml::node* name_node = t.get("op");
  if (name_node == nullptr) {
    fail_at(t, path, "missing required key 'op'");
  }
  if (!name_node->is_string()) {
    fail_at(*name_node, path, "'op' must be a string");
  }
  const std::string name = name_node->as_string()->get();

  if (name == "create_table") {
    static const auto keys = keys_of({"table"}, {&table_body_keys()});
    return read_create_table(op_reader(t, path, name, keys));
  }
  if (name == "drop_table") {
    static const auto keys = keys_of({"table"}, {&table_body_keys()});
    return read_drop_table(op_reader(t, path, name, keys));
  }
  if (name == "rename_table") {
    const KeyReader r = op_reader(t, path, name, {"table", "new_name"});
    return schema::RenameTable{required_table_name(r), r.required_string("new_name")};
  }
  if (name == "add_column") {
    const KeyReader r = op_reader(t, path, name, {"table", "column"});
    schema::AddColumn op;
    op.table = required_table_name(r);
    const auto& col = r.required_table("column", "{ name = ..., type = ... }");
    op.column = read_column(KeyReader(col, path, "column", "column", column_keys()), op.table);
    return op;
  }
  if (name == "drop_column") {
    const KeyReader r = op_reader(t, path, name, {"table", "column", "definition"});
    schema::DropColumn op;
    op.table = required_table_name(r);
    op.column = r.required_string("column");
    if (r.has("definition")) {
      const auto& def = r.required_table("definition", "{ name = ..., type = ... }");
      op.definition =
          read_column(KeyReader(def, path, "column", "column", column_keys()), op.table);
      if (op.definition->name != op.column) {
        r.fail("definition", "drop_column: the definition is of column " +
                                 util::squote(op.definition->name) + ", not " +
                                 util::squote(op.column));
      }
    }
    return op;
  }
  if (name == "alter_column") {
    return read_alter_column(op_reader(t, path, name,
                                       {"table",
                                        "column",
                                        "type",
                                        "nullable",
                                        "default",
                                        "new_name",
                                        "comment",
                                        "existing_type",
                                        "existing_nullable",
                                        "existing_default",
                                        "existing_comment",
                                        "autoincrement",
                                        "existing_autoincrement",
                                        "existing_generated",
                                        "collation",
                                        "existing_collation",
                                        "identity",
                                        "existing_identity",
                                        "statistics",
                                        "existing_statistics"}));
  }
  if (name == "alter_primary_key") {
    const KeyReader r =
        op_reader(t, path, name,
                  {"table", "columns", "existing_columns", "name", "existing_name", "deferrable",
                   "initially_deferred", "existing_deferrable", "existing_initially_deferred"});
    schema::AlterPrimaryKey op;
    op.table = required_table_name(r);
    op.columns = r.required_string_array("columns");
    if (r.has("existing_columns")) {
      op.existing_columns = r.string_array("existing_columns");
    }
    op.name = r.string("name").value_or("");
    op.existing_name = r.string("existing_name").value_or("");
    op.deferrable = r.boolean("deferrable").value_or(false);
    op.initially_deferred = r.boolean("initially_deferred").value_or(false);
    op.existing_deferrable = r.boolean("existing_deferrable").value_or(false);
    op.existing_initially_deferred = r.boolean("existing_initially_deferred").value_or(false);
    if (op.initially_deferred && !op.deferrable) {
      r.fail("initially_deferred", "alter_primary_key: initially_deferred needs deferrable = true");
    }
    return op;
  }
  if (name == "create_index") {
    static const auto keys = keys_of({"table"}, {&index_keys()});
    const KeyReader r = op_reader(t, path, name, keys);
    schema::CreateIndex op;
    op.table = required_table_name(r);
    op.index = read_index(r);
    if (op.index.name.empty()) {
      op.index.name = schema::index_name(op.table, op.index);
    }
    return op;
  }
  if (name == "drop_index") {
    static const auto keys = keys_of({"table"}, {&index_keys()});
    const KeyReader r = op_reader(t, path, name, keys);
    schema::DropIndex op;
    op.table = required_table_name(r);
    op.name = r.required_string("name");
    require_with(r, {"unique", "where", "method", "storage", "statistics"}, "columns", "index");
    if (r.has("columns")) {
      op.definition = read_index(r);
    }
    return op;
  }
  if (name == "create_unique") {
    static const auto keys = keys_of({"table"}, {&unique_keys()});
    const KeyReader r = op_reader(t, path, name, keys);
    schema::CreateUnique op;
    op.table = required_table_name(r);
    op.constraint = read_unique(r);
    if (op.constraint.name.empty()) {
      op.constraint.name = schema::unique_name(op.table, op.constraint);
    }
    return op;
  }
  if (name == "create_foreign_key") {
    static const auto keys = keys_of({"table"}, {&foreign_key_keys()});
    const KeyReader r = op_reader(t, path, name, keys);
    schema::CreateForeignKey op;
    op.table = required_table_name(r);
    op.constraint = read_foreign_key(r);
    if (op.constraint.name.empty()) {
      op.constraint.name = schema::foreign_key_name(op.table, op.constraint);
    }
    return op;
  }
  if (name == "create_check") {
    static const auto keys = keys_of({"table"}, {&check_keys()});
    const KeyReader r = op_reader(t, path, name, keys);
    schema::CreateCheck op;
    op.table = required_table_name(r);
    op.constraint = read_check(r);
    if (op.constraint.name.empty()) {
      op.constraint.name = schema::check_name(op.table, op.constraint);
    }
    return op;
  }
  if (name == "drop_constraint") {
    return read_drop_constraint(
        op_reader(t, path, name,
                  {"table", "name", "type", "columns", "ref_table", "ref_columns", "on_delete",
                   "on_update", "expression", "deferrable", "initially_deferred"}));
  }
  if (name == "set_table_comment") {
    const KeyReader r = op_reader(t, path, name, {"table", "comment", "existing_comment"});
    schema::SetTableComment op;
    op.table = required_table_name(r);
    if (!r.has("comment")) {
      r.missing("comment");
    }
    op.comment = *r.string("comment");
    op.existing_comment = r.string("existing_comment");
    return op;
  }
  if (name == "alter_table_options") {
    const KeyReader r = op_reader(t, path, name, {"table", "options", "existing"});
    schema::AlterTableOptions op;
    op.table = required_table_name(r);
    op.options = read_table_options(r.required_table("options", "{ engine = \"InnoDB\", ... }"),
                                    path, op.table);
    // `options = { storage = {} }` with existing storage resets those parameters.
    if (op.options.empty()) {
      r.fail("options", "alter_table_options " + util::squote(op.table) + " changes no option");
    }
    if (r.has("existing")) {
      op.existing = read_table_options(r.required_table("existing", "{ engine = \"InnoDB\", ... }"),
                                       path, op.table);
    }
    return op;
  }
  if (name == "execute") {
    const KeyReader r = op_reader(t, path, name, {"sql", "reverse_sql"});
    if (!r.has("sql")) {
      r.missing("sql");
    }
    return schema::Execute{read_sql(r, "sql"), read_sql(r, "reverse_sql")};
  }
  if (name == "bulk_insert") {
    const KeyReader r = op_reader(t, path, name, {"table", "rows"});
    schema::BulkInsert op;
    op.table = required_table_name(r);
    if (!r.has("rows")) {
      r.missing("rows");
    }
    for (const toml::table* row : r.table_array("rows")) {
      op.rows.push_back(read_row(*row, path));
    }
    return op;
  }
  if (name == "create_enum") {
    const KeyReader r = op_reader(t, path, name, {"name", "values"});
    schema::CreateEnum op;
    op.type.name = r.required_string("name");
    op.type.values = r.required_string_array("values");
    return op;
  }
  if (name == "drop_enum") {
    const KeyReader r = op_reader(t, path, name, {"name", "values"});
    schema::DropEnum op;
    op.name = r.required_string("name");
    if (r.has("values")) {
      op.definition = schema::Enum{op.name, r.string_array("values")};
    }
    return op;
  }
  if (name == "add_enum_value") {
    const KeyReader r = op_reader(t, path, name, {"name", "value", "before"});
    schema::AddEnumValue op;
    op.name = r.required_string("name");
    op.value = r.required_string("value");
    op.before = r.string("before");
    return op;
  }
  if (name == "create_sequence") {
    schema::CreateSequence op{read_sequence(op_reader(t, path, name, sequence_keys()))};
    return op;
  }
  if (name == "drop_sequence") {
    // Only the name: a drop whose file gives nothing else cannot be reversed.
    const KeyReader r = op_reader(t, path, name, sequence_keys());
    schema::DropSequence op;
    op.name = r.required_string("name");
    if (r.table().size() > 2) {
      op.definition = read_sequence(r);
    }
    return op;
  }
  if (name == "alter_sequence") {
    static const auto keys = keys_of({"existing"}, {&sequence_keys()});
    const KeyReader r = op_reader(t, path, name, keys);
    schema::AlterSequence op;
    op.sequence = read_sequence(r);
    if (r.has("existing")) {
      op.existing = read_sequence_table(r, "existing");
    }
    return op;
  }
  if (name == "create_domain") {
    schema::CreateDomain op{read_domain(op_reader(t, path, name, domain_keys()))};
    return op;
  }
  if (name == "drop_domain") {
    const KeyReader r = op_reader(t, path, name, domain_keys());
    schema::DropDomain op;
    op.name = r.required_string("name");
    if (r.has("type")) {
      op.definition = read_domain(r);
    }
    return op;
  }
  if (name == "alter_domain") {
    static const auto keys = keys_of({"existing"}, {&domain_keys()});
    const KeyReader r = op_reader(t, path, name, keys);
    schema::AlterDomain op;
    op.domain = read_domain(r);
    if (r.has("existing")) {
      op.existing = read_domain_table(r, "existing");
    }
    return op;
  }
  if (name == "create_extension") {
    schema::CreateExtension op{read_extension(op_reader(t, path, name, extension_keys()))};
    return op;
  }
  if (name == "drop_extension") {
    static const auto keys = keys_of({"definition"}, {&extension_keys()});
    const KeyReader r = op_reader(t, path, name, keys);
    schema::DropExtension op;
    op.name = r.required_string("name");
    // `definition = true`: the drop carries the extension (its schema and version, when
    // given) and can be reversed; the keys alone cannot say so for an extension with neither.
    if (r.boolean("definition").value_or(false)) {
      op.definition = read_extension(r);
    }
    return op;
  }
  if (name == "alter_extension") {
    const KeyReader r = op_reader(t, path, name, {"name", "version", "existing_version"});
    schema::AlterExtension op;
    op.name = r.required_string("name");
    op.version = r.required_string("version");
    op.existing_version = r.string("existing_version");
    return op;
  }
  if (name == "create_view") {
    return schema::CreateView{read_view(op_reader(t, path, name, view_keys()))};
  }
  if (name == "drop_view") {
    // The name (and materialized): a drop without the definition cannot be reversed.
    const KeyReader r = op_reader(t, path, name, view_keys());
    schema::View v = read_view(r, true);
    schema::DropView op{v.name, v.materialized, std::nullopt};
    if (!v.definition.empty()) {
      op.definition = std::move(v);
    }
    return op;
  }
  if (name == "replace_view") {
    static const auto keys = keys_of({"existing"}, {&view_keys()});
    const KeyReader r = op_reader(t, path, name, keys);
    schema::ReplaceView op;
    op.view = read_view(r);
    if (op.view.materialized) {
      r.fail("materialized", "replace_view " + util::squote(op.view.name) +
                                 ": a materialized view is never replaced; drop_view and "
                                 "create_view it");
    }
    if (r.has("existing")) {
      op.existing = read_view_table(r, "existing");
    }
    return op;
  }
  const auto& routine_ops = routine_op_names();
  if (std::find(routine_ops.begin(), routine_ops.end(), name) != routine_ops.end()) {
    return read_routine_op(name, t, path);
  }
  const auto& virtual_table_ops = virtual_table_op_names();
  if (std::find(virtual_table_ops.begin(), virtual_table_ops.end(), name) !=
      virtual_table_ops.end()) {
    return read_virtual_table_op(name, t, path);
  }
  const auto& aggregate_ops = aggregate_op_names();
  if (std::find(aggregate_ops.begin(), aggregate_ops.end(), name) != aggregate_ops.end()) {
    return read_aggregate_op(name, t, path);
  }
  std::vector<std::string> names = k_op_names;
  names.insert(names.end(), routine_ops.begin(), routine_ops.end());
  names.insert(names.end(), virtual_table_ops.begin(), virtual_table_ops.end());
  names.insert(names.end(), aggregate_ops.begin(), aggregate_ops.end());
  fail_at(*name_node, path, "unknown op " + util::squote(name) + util::did_you_mean(name, names));
}

std::vector<schema::Op> read_ops(const KeyReader& file, std::string_view section,
                                 std::vector<std::size_t>& lines) {
  std::vector<schema::Op> out;
  for (const toml::table* t : file.table_array(section)) {
    out.push_back(read_op(*t, file.path()));
    lines.push_back(t->source().begin.line);
  }
  return out;
}

// --- writing ------------------------------------------------------------------------------

std::string toml_key(std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
  return bare ? std::string(key) : toml_string(key);
}

// SQL reads better over several lines: a multi-line literal string keeps it as written where
// TOML allows (no ''' inside, no control characters but newline and tab, no trailing quote).
std::string toml_text(std::string_view s) {
  const bool literal_ok = s.find('\n') != std::string_view::npos &&
                          s.find("'''") == std::string_view::npos && s.back() != '\'' &&
                          std::none_of(s.begin(), s.end(), [](char c) {
                            const auto u = static_cast<unsigned char>(c);
                            return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
                          });
  if (!literal_ok) {
    return toml_string(s);
  }
  return "'''\n" + std::string(s) + "'''";
}

std::string render_value(const schema::Value& v) {
  return std::visit(schema::Overloaded{
                        [](const schema::Null&) { return std::string(); },
                        [](bool b) { return std::string(b ? "true" : "false"); },
                        [](std::int64_t i) { return std::to_string(i); },
                        [](double d) { return toml_float(d); },
                        [](const std::string& s) { return toml_string(s); },
                    },
                    v);
}

std::string render_row(const schema::Row& row) {
  std::vector<std::string> parts;
  for (const auto& [column, value] : row) {
    if (std::holds_alternative<schema::Null>(value)) {
      continue; // TOML has no null: a missing key inserts NULL (or the column default)
    }
    parts.push_back(toml_key(column) + " = " + render_value(value));
  }
  if (parts.empty()) {
    return "{}";
  }
  return "{ " + util::join(parts, ", ") + " }";
}

std::string render_sql(std::string_view key, const std::map<std::string, std::string>& sql) {
  if (sql.size() == 1 && sql.count("") != 0) {
    return std::string(key) + " = " + toml_text(sql.at("")) + "\n";
  }
  // The file format has no "every other dialect" key beside per-dialect ones: spell the
  // common SQL out for each dialect that has none of its own.
  std::string out;
  for (const auto& d : dialects::dialect_names()) {
    auto it = sql.find(d);
    if (it == sql.end()) {
      it = sql.find("");
    }
    if (it != sql.end()) {
      out += std::string(key) + "." + d + " = " + toml_text(it->second) + "\n";
    }
  }
  // A flavor's own SQL (sql.mariadb) only where the op gives it: it falls back to its
  // dialect's otherwise.
  const auto names = dialects::dialect_names();
  for (const auto& k : dialects::sql_keys()) {
    if (std::find(names.begin(), names.end(), k) == names.end()) {
      if (const auto it = sql.find(k); it != sql.end()) {
        out += std::string(key) + "." + k + " = " + toml_text(it->second) + "\n";
      }
    }
  }
  return out;
}

std::string line(std::string_view key, const std::string& value) {
  return std::string(key) + " = " + value + "\n";
}

std::string opt_line(std::string_view key, const std::optional<std::string>& value) {
  return value ? line(key, toml_string(*value)) : "";
}

std::string opt_bool(std::string_view key, const std::optional<bool>& value) {
  return value ? line(key, *value ? "true" : "false") : "";
}

std::string opt_int(std::string_view key, const std::optional<int>& value) {
  return value ? line(key, std::to_string(*value)) : "";
}

// identity = "always" | "by default", only where set.
std::string opt_identity(std::string_view key, const std::optional<bool>& always) {
  return always ? line(key, *always ? "\"always\"" : "\"by default\"") : "";
}

// `deferrable` / `initially_deferred` lines, only where set (older files stay as they were).
std::string render_deferral_keys(bool deferrable, bool initially_deferred) {
  return (deferrable ? line("deferrable", "true") : std::string()) +
         (initially_deferred ? line("initially_deferred", "true") : std::string());
}

std::string render_fk_keys(const schema::ForeignKey& f) {
  std::string out = line("columns", toml_string_array(f.columns)) +
                    line("ref_table", toml_string(f.ref_table)) +
                    line("ref_columns", toml_string_array(f.ref_columns));
  if (!f.on_delete.empty()) {
    out += line("on_delete", toml_string(f.on_delete));
  }
  if (!f.on_update.empty()) {
    out += line("on_update", toml_string(f.on_update));
  }
  return out + render_deferral_keys(f.deferrable, f.initially_deferred);
}

std::string render_index_keys(const schema::Index& i) {
  std::string out = line("columns", toml_string_array(schema::index_part_texts(i.parts)));
  if (i.unique) {
    out += line("unique", "true");
  }
  return out + opt_line("where", i.where) + opt_line("method", i.method) +
         (i.storage ? line("storage", render_storage_parameters(*i.storage)) : std::string()) +
         (i.statistics.empty() ? std::string()
                               : line("statistics", render_index_statistics(i.statistics)));
}

// The op's keys after `op = "..."`.
std::string render_keys(const schema::Op& op) {
  using namespace schema;
  if (auto keys = render_routine_op_keys(op)) {
    return *keys;
  }
  if (auto keys = render_virtual_table_op_keys(op)) {
    return *keys;
  }
  if (auto keys = render_aggregate_op_keys(op)) {
    return *keys;
  }
  const auto table = [](const std::string& t) { return line("table", toml_string(t)); };
  return std::visit(
      Overloaded{
          [&](const CreateTable& o) { return table(o.table.name) + render_table_body(o.table); },
          [&](const DropTable& o) {
            return table(o.table) +
                   (o.definition ? render_table_body(*o.definition) : std::string());
          },
          [&](const RenameTable& o) {
            return table(o.table) + line("new_name", toml_string(o.new_name));
          },
          [&](const AddColumn& o) {
            return table(o.table) + line("column", render_column(o.column));
          },
          [&](const DropColumn& o) {
            std::string out = table(o.table) + line("column", toml_string(o.column));
            if (o.definition) {
              out += line("definition", render_column(*o.definition));
            }
            return out;
          },
          [&](const AlterColumn& o) {
            return table(o.table) + line("column", toml_string(o.column)) +
                   opt_line("new_name", o.new_name) + opt_line("type", o.type) +
                   opt_bool("nullable", o.nullable) + opt_line("default", o.default_expr) +
                   opt_line("comment", o.comment) + opt_line("existing_type", o.existing_type) +
                   opt_bool("existing_nullable", o.existing_nullable) +
                   opt_line("existing_default", o.existing_default) +
                   opt_line("existing_comment", o.existing_comment) +
                   opt_bool("autoincrement", o.autoincrement) +
                   opt_bool("existing_autoincrement", o.existing_autoincrement) +
                   opt_identity("identity", o.identity_always) +
                   opt_identity("existing_identity", o.existing_identity_always) +
                   (o.existing_generated
                        ? line("existing_generated", render_generated(*o.existing_generated))
                        : std::string()) +
                   opt_line("collation", o.collation) +
                   opt_line("existing_collation", o.existing_collation) +
                   opt_int("statistics", o.statistics) +
                   opt_int("existing_statistics", o.existing_statistics);
          },
          [&](const schema::AlterPrimaryKey& o) {
            // Keys beyond the columns only where they say something (older files stay as
            // they were).
            return table(o.table) + line("columns", toml_string_array(o.columns)) +
                   (o.existing_columns
                        ? line("existing_columns", toml_string_array(*o.existing_columns))
                        : std::string()) +
                   (o.name.empty() ? std::string() : line("name", toml_string(o.name))) +
                   (o.existing_name.empty() ? std::string()
                                            : line("existing_name", toml_string(o.existing_name))) +
                   (o.deferrable ? line("deferrable", "true") : std::string()) +
                   (o.initially_deferred ? line("initially_deferred", "true") : std::string()) +
                   (o.existing_deferrable ? line("existing_deferrable", "true") : std::string()) +
                   (o.existing_initially_deferred ? line("existing_initially_deferred", "true")
                                                  : std::string());
          },
          [&](const CreateIndex& o) {
            return table(o.table) + line("name", toml_string(o.index.name)) +
                   render_index_keys(o.index);
          },
          [&](const DropIndex& o) {
            return table(o.table) + line("name", toml_string(o.name)) +
                   (o.definition ? render_index_keys(*o.definition) : std::string());
          },
          [&](const CreateUnique& o) {
            return table(o.table) + line("name", toml_string(o.constraint.name)) +
                   line("columns", toml_string_array(o.constraint.columns)) +
                   render_deferral_keys(o.constraint.deferrable, o.constraint.initially_deferred);
          },
          [&](const CreateForeignKey& o) {
            return table(o.table) + line("name", toml_string(o.constraint.name)) +
                   render_fk_keys(o.constraint);
          },
          [&](const CreateCheck& o) {
            return table(o.table) + line("name", toml_string(o.constraint.name)) +
                   line("expression", toml_string(o.constraint.expression));
          },
          [&](const DropConstraint& o) {
            std::string out = table(o.table) + line("name", toml_string(o.name));
            if (o.unique) {
              out += line("type", toml_string("unique")) +
                     line("columns", toml_string_array(o.unique->columns)) +
                     render_deferral_keys(o.unique->deferrable, o.unique->initially_deferred);
            } else if (o.foreign_key) {
              out += line("type", toml_string("foreign_key")) + render_fk_keys(*o.foreign_key);
            } else if (o.check) {
              out += line("type", toml_string("check")) +
                     line("expression", toml_string(o.check->expression));
            }
            return out;
          },
          [&](const SetTableComment& o) {
            return table(o.table) + line("comment", toml_string(o.comment)) +
                   opt_line("existing_comment", o.existing_comment);
          },
          [&](const AlterTableOptions& o) {
            return table(o.table) + line("options", render_table_options(o.options)) +
                   (o.existing.empty() ? std::string()
                                       : line("existing", render_table_options(o.existing)));
          },
          [&](const Execute& o) {
            return render_sql("sql", o.sql) + (o.reverse_sql.empty()
                                                   ? std::string()
                                                   : render_sql("reverse_sql", o.reverse_sql));
          },
          [&](const BulkInsert& o) {
            std::string out = table(o.table) + "rows = [\n";
            for (const auto& r : o.rows) {
              out += "  " + render_row(r) + ",\n";
            }
            return out + "]\n";
          },
          [&](const CreateEnum& o) {
            return line("name", toml_string(o.type.name)) +
                   line("values", toml_string_array(o.type.values));
          },
          [&](const DropEnum& o) {
            return line("name", toml_string(o.name)) +
                   (o.definition ? line("values", toml_string_array(o.definition->values))
                                 : std::string());
          },
          [&](const AddEnumValue& o) {
            return line("name", toml_string(o.name)) + line("value", toml_string(o.value)) +
                   opt_line("before", o.before);
          },
          [&](const CreateSequence& o) { return render_sequence_keys(o.sequence); },
          [&](const DropSequence& o) {
            if (!o.definition) {
              return line("name", toml_string(o.name));
            }
            Sequence s = *o.definition;
            s.name = o.name;
            std::string out = render_sequence_keys(s);
            // A sequence with every option at its default has only its name: one option
            // restated says the file carries the definition.
            if (out == line("name", toml_string(o.name))) {
              out += line("cycle", "false");
            }
            return out;
          },
          [&](const AlterSequence& o) {
            return render_sequence_keys(o.sequence) +
                   (o.existing ? line("existing", render_sequence_inline(*o.existing))
                               : std::string());
          },
          [&](const CreateDomain& o) { return render_domain_keys(o.domain); },
          [&](const DropDomain& o) {
            if (!o.definition) {
              return line("name", toml_string(o.name));
            }
            Domain d = *o.definition;
            d.name = o.name;
            return render_domain_keys(d);
          },
          [&](const AlterDomain& o) {
            return render_domain_keys(o.domain) +
                   (o.existing ? line("existing", render_domain_inline(*o.existing))
                               : std::string());
          },
          [&](const CreateExtension& o) { return render_extension_keys(o.extension); },
          [&](const DropExtension& o) {
            if (!o.definition) {
              return line("name", toml_string(o.name));
            }
            Extension e = *o.definition;
            e.name = o.name;
            return render_extension_keys(e) + line("definition", "true");
          },
          [&](const AlterExtension& o) {
            return line("name", toml_string(o.name)) + line("version", toml_string(o.version)) +
                   opt_line("existing_version", o.existing_version);
          },
          [&](const CreateView& o) { return render_view_keys(o.view); },
          [&](const DropView& o) {
            if (!o.definition) {
              return line("name", toml_string(o.name)) +
                     (o.materialized ? line("materialized", "true") : std::string());
            }
            View v = *o.definition;
            v.name = o.name;
            v.materialized = o.materialized;
            return render_view_keys(v);
          },
          [&](const ReplaceView& o) {
            return render_view_keys(o.view) +
                   (o.existing ? line("existing", render_view_inline(*o.existing)) : std::string());
          },
          // Rendered above (routine_codec).
          [&](const CreateRoutine&) { return std::string(); },
          [&](const DropRoutine&) { return std::string(); },
          [&](const ReplaceRoutine&) { return std::string(); },
          [&](const CreateTrigger&) { return std::string(); },
          [&](const DropTrigger&) { return std::string(); },
          // Rendered above (virtual_table_codec).
          [&](const CreateVirtualTable&) { return std::string(); },
          [&](const DropVirtualTable&) { return std::string(); },
          // Rendered above (aggregate_codec).
          [&](const CreateAggregate&) { return std::string(); },
          [&](const DropAggregate&) { return std::string(); },
          [&](const CreateOperator&) { return std::string(); },
          [&](const DropOperator&) { return std::string(); },
      },
      op);
}

// What a destructive op loses, for the reviewer's warning.
std::string loss(const schema::Op& op) {
  if (const auto* o = std::get_if<schema::DropTable>(&op)) {
    return "drops table " + o->table;
  }
  if (const auto* o = std::get_if<schema::DropColumn>(&op)) {
    return "drops column " + o->table + "." + o->column;
  }
  if (const auto* o = std::get_if<schema::DropSequence>(&op)) {
    return "drops sequence " + o->name + " and its current value";
  }
  if (const auto* o = std::get_if<schema::DropExtension>(&op)) {
    return "drops extension " + o->name + " and whatever it owns";
  }
  if (const auto* o = std::get_if<schema::DropVirtualTable>(&op)) {
    return "drops virtual table " + o->name + " and its rows";
  }
  if (const auto* o = std::get_if<schema::DropView>(&op)) {
    return "drops materialized view " + o->name + " (its rows are computed again on create)";
  }
  if (const auto* o = std::get_if<schema::AlterColumn>(&op)) {
    return "narrows column " + o->table + "." + o->column + " from " +
           o->existing_type.value_or("?") + " to " + o->type.value_or("?");
  }
  return "drops data";
}

} // namespace

namespace {

KeyReader file_reader(const toml::table& root, const std::string& path) {
  return KeyReader(root, path, "", "revision file",
                   {"revision", "down_revision", "branch_labels", "depends_on", "message",
                    "create_date", "upgrade", "downgrade"},
                   true);
}

// The top-level keys: all the graph needs. Shared by the full parse and the header read, so
// that both give the same fields and the same errors.
Revision read_header(const KeyReader& file, const std::string& path) {
  Revision rev;
  rev.where = util::Location{path, 0};
  rev.id = file.required_string("revision");
  check_revision_id(rev.id, *file.node("revision"), path);
  // Graph errors (a missing parent, a cycle) are about the parents: point at them.
  rev.where.line = (file.has("down_revision") ? file.node("down_revision") : file.node("revision"))
                       ->source()
                       .begin.line;

  if (const toml::node* down = file.node("down_revision")) {
    if (down->is_string()) {
      // "" marks a root; a non-empty string is the single parent.
      if (!down->as_string()->get().empty()) {
        rev.down_revisions.push_back(down->as_string()->get());
      }
    } else if (down->is_array()) {
      rev.down_revisions = file.string_array("down_revision");
    } else {
      file.fail("down_revision", "'down_revision' must be a string or an array of strings");
    }
    for (std::size_t i = 0; i < rev.down_revisions.size(); ++i) {
      const toml::node& where = down->is_array() ? *down->as_array()->get(i) : *down;
      check_revision_id(rev.down_revisions[i], where, path);
    }
  }
  rev.branch_labels = file.string_or_array("branch_labels");
  rev.depends_on = file.string_or_array("depends_on");
  rev.message = file.string("message").value_or("");
  if (const toml::node* date = file.node("create_date")) {
    if (date->is_date_time()) {
      rev.create_date = format_date_time(date->as_date_time()->get());
    } else if (date->is_string()) {
      rev.create_date = date->as_string()->get();
    } else {
      file.fail("create_date", "'create_date' must be a date-time (2026-11-23T10:15:00Z) or a "
                               "string");
    }
  }
  return rev;
}

} // namespace

Revision parse_revision_keys(std::string_view top_level_text, const std::string& path) {
  const toml::table root = parse_toml(top_level_text, path);
  return read_header(file_reader(root, path), path);
}

namespace {

// The file read by the plain readers (plain_header.h, plain_ops.h), or nullopt where it is
// not that plain or its ops have an error, which the TOML parse then reports with its line.
std::optional<RevisionFile> read_plain_revision_file(std::string_view text,
                                                     const std::string& path) {
  // A bulk_insert's rows need the file's key order, which only the TOML parse keeps: such a
  // file (often a large one) goes there straight away, not after a plain read of it too.
  if (text.size() > k_max_toml_bytes || text.find("bulk_insert") != std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t end = toml_top_level_end(text);
  std::optional<Revision> header = read_plain_header(text.substr(0, end), path);
  if (!header) {
    return std::nullopt;
  }
  const auto first_line =
      static_cast<std::size_t>(1 + std::count(text.begin(), text.begin() + end, '\n'));
  std::optional<PlainOps> plain = read_plain_ops(text.substr(end), first_line);
  if (!plain) {
    return std::nullopt;
  }
  RevisionFile out;
  out.revision = std::move(*header);
  try {
    const KeyReader sections(plain->sections, path, "", "revision file", {"upgrade", "downgrade"},
                             true);
    std::vector<std::size_t> no_lines; // the plain table has no source positions
    out.upgrade = read_ops(sections, "upgrade", no_lines);
    out.downgrade = read_ops(sections, "downgrade", no_lines);
  } catch (const util::Error&) {
    return std::nullopt;
  }
  const auto is_bulk_insert = [](const schema::Op& op) {
    return std::holds_alternative<schema::BulkInsert>(op);
  };
  if (std::any_of(out.upgrade.begin(), out.upgrade.end(), is_bulk_insert) ||
      std::any_of(out.downgrade.begin(), out.downgrade.end(), is_bulk_insert)) {
    return std::nullopt; // one spelt with an escape (bulk\u005finsert)
  }
  out.upgrade_lines = std::move(plain->upgrade_lines);
  out.downgrade_lines = std::move(plain->downgrade_lines);
  return out;
}

} // namespace

RevisionFile parse_revision_file(std::string_view text, const std::string& path) {
  if (std::optional<RevisionFile> plain = read_plain_revision_file(text, path)) {
    return std::move(*plain);
  }
  const toml::table root = parse_toml(text, path);
  const KeyReader file = file_reader(root, path);
  RevisionFile out;
  out.revision = read_header(file, path);
  out.upgrade = read_ops(file, "upgrade", out.upgrade_lines);
  out.downgrade = read_ops(file, "downgrade", out.downgrade_lines);
  return out;
}

RevisionFile read_revision_file(const std::filesystem::path& path) {
  return parse_revision_file(util::read_file(path, "revision file"), path.string());
}

std::string render_ops(const std::vector<schema::Op>& ops, std::string_view section) {
  std::string out;
  for (const auto& op : ops) {
    if (!out.empty()) {
      out += "\n";
    }
    if (schema::is_destructive(op)) {
      out += "# WARNING: this operation loses data (" + toml_comment_text(loss(op)) +
             "); review before applying\n";
    }
    out += "[[" + std::string(section) + "]]\n";
    out += line("op", toml_string(schema::op_name(op)));
    out += render_keys(op);
  }
  return out;
}

} // namespace migratecpp::migrate
