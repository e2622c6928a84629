// DDL for each op: plain ALTER TABLE where SQLite has it, the table rebuild for the rest.
#include "dialects/sqlite/sqlite_ddl.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "dialects/sqlite/sqlite_table_extras.h"
#include "dialects/sqlite/sqlite_triggers.h"
#include "dialects/sqlite/sqlite_views.h"
#include "dialects/sqlite/sqlite_virtual_tables.h"
#include "schema/routine.h"

#include "dialects/inserted_rows.h"
#include "schema/apply.h"
#include "schema/types.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>

namespace migratecpp::dialects::sqlite {

using namespace detail;
using schema::Column;
using schema::Database;
using schema::Table;

namespace {

// SQLite refuses a VALUES list of more rows than SQLITE_MAX_COMPOUND_SELECT (500 by default).
constexpr std::size_t k_rows_per_insert = 500;

} // namespace

std::vector<Statement> SqliteDialect::render(const schema::Op& op, const Database& before) const {
  return render(op, before, RenderContext{});
}

std::vector<Statement> SqliteDialect::render(const schema::Op& op, const Database& before,
                                             const RenderContext& context) const {
  return render_or_plan(op, before, context, nullptr);
}

std::vector<Statement> SqliteDialect::render_or_plan(const schema::Op& op, const Database& before,
                                                     const RenderContext& context,
                                                     std::optional<RebuildPlan>* plan) const {
  // SQLite cannot add a constraint to a table: the table is rebuilt with it.
  auto add_constraint = [&](const std::string& table, auto list, const auto& constraint,
                            const std::string& what) {
    const Table& t = require_table(before, table);
    require_new_constraint_name(t, constraint.name);
    Table to = t;
    (to.*list).push_back(constraint);
    return rebuild(t, to, before, what + " " + constraint.name, context, plan);
  };
  // No default branch on purpose: a new Op must break this build until SQLite handles it.
  return std::visit(
      schema::Overloaded{
          [&](const schema::CreateTable& o) {
            check_table_fits(*this, o.table);
            std::vector<Statement> out{{create_table_sql(o.table, before),
                                        "create table " + o.table.name,
                                        "DROP TABLE " + quote_ident(o.table.name)}};
            for (const auto& idx : o.table.indexes) {
              out.push_back({index_sql(o.table.name, &o.table, idx), "create index " + idx.name,
                             "DROP INDEX " + quote_ident(idx.name)});
            }
            return out;
          },
          [&](const schema::DropTable& o) {
            return std::vector<Statement>{
                {"DROP TABLE " + quote_ident(o.table), "drop table " + o.table}};
          },
          [&](const schema::RenameTable& o) {
            // Since 3.26 SQLite also rewrites the references of other tables' foreign keys.
            return std::vector<Statement>{
                {"ALTER TABLE " + quote_ident(o.table) + " RENAME TO " + quote_ident(o.new_name),
                 "rename table " + o.table + " to " + o.new_name}};
          },
          [&](const schema::AddColumn& o) {
            check_statistics_fit(*this, o.table, o.column.name, o.column.statistics);
            return add_column(o, before, context, plan);
          },
          [&](const schema::DropColumn& o) { return drop_column(o, before, context, plan); },
          [&](const schema::AlterColumn& o) {
            check_statistics_fit(*this, o.table, o.column, o.statistics);
            return alter_column(o, before, context, plan);
          },
          [&](const schema::AlterPrimaryKey& o) {
            const Table& t = require_table(before, o.table);
            std::vector<std::string> names;
            for (const auto& c : o.columns) {
              names.push_back(require_column(t, c).name);
            }
            Table to = t;
            schema::set_primary_key(to, names);
            to.key.name = names.empty() ? "" : o.name;
            for (auto& c : to.columns) {
              // SQLite autoincrements only the rowid alias, the table's only INTEGER key.
              c.autoincrement = c.autoincrement && c.primary_key && names.size() == 1;
            }
            if (to == t) {
              return std::vector<Statement>{};
            }
            return rebuild(t, to, before, "change the primary key", context, plan);
          },
          [&](const schema::CreateIndex& o) {
            check_index_fits(*this, o.table, o.index);
            return std::vector<Statement>{
                {index_sql(o.table, find_table_ci(before, o.table), o.index),
                 "create index " + o.index.name}};
          },
          [&](const schema::DropIndex& o) {
            return std::vector<Statement>{
                {"DROP INDEX " + quote_ident(o.name), "drop index " + o.name}};
          },
          [&](const schema::CreateUnique& o) {
            return add_constraint(o.table, &Table::uniques, o.constraint, "add unique constraint");
          },
          [&](const schema::CreateForeignKey& o) {
            return add_constraint(o.table, &Table::foreign_keys, o.constraint, "add foreign key");
          },
          [&](const schema::CreateCheck& o) {
            return add_constraint(o.table, &Table::checks, o.constraint, "add check constraint");
          },
          [&](const schema::DropConstraint& o) {
            return drop_constraint(o, before, context, plan);
          },
          [&](const schema::AlterTableOptions& o) -> std::vector<Statement> {
            check_table_options_fit(*this, o.options, o.table);
            return {}; // not reached: SQLite has no table options
          },
          [&](const schema::SetTableComment& o) {
            const Table& t = require_table(before, o.table);
            Table to = t;
            to.comment = o.comment.empty() ? std::nullopt : std::optional<std::string>(o.comment);
            if (to == t) {
              return std::vector<Statement>{};
            }
            return rebuild(t, to, before, "set the table comment", context, plan);
          },
          [&](const schema::Execute& o) {
            return execute_statements(o, {std::string(name()), ""}, "execute");
          },
          [&](const schema::BulkInsert& o) { return bulk_insert(o, before); },
          [&](const schema::CreateEnum&) { return std::vector<Statement>{}; },
          [&](const schema::DropEnum&) { return std::vector<Statement>{}; },
          [&](const schema::AddEnumValue&) { return std::vector<Statement>{}; },
          [&](const schema::CreateView&) { return render_view_op(*this, op); },
          [&](const schema::DropView&) { return render_view_op(*this, op); },
          [&](const schema::ReplaceView&) { return render_view_op(*this, op); },
          [&](const schema::CreateVirtualTable&) { return render_virtual_table_op(*this, op); },
          [&](const schema::DropVirtualTable&) { return render_virtual_table_op(*this, op); },
          [&](const schema::CreateTrigger& o) -> std::vector<Statement> {
            return {{create_trigger_sql(*this, o.trigger),
                     "create " + schema::trigger_label(o.trigger.table, o.trigger.name),
                     "DROP TRIGGER " + quote_ident(o.trigger.name)}};
          },
          [&](const schema::DropTrigger& o) -> std::vector<Statement> {
            std::optional<std::string> undo;
            if (o.definition) {
              undo = create_trigger_sql(*this, *o.definition);
            }
            return {{"DROP TRIGGER " + quote_ident(o.name),
                     "drop " + schema::trigger_label(o.table, o.name), undo}};
          },
          [&](const auto& o) -> std::vector<Statement> {
            // Sequences, domains, extensions and routines: the models loader refuses them on
            // SQLite; a hand-written op gets the same answer here.
            throw util::Error(schema::op_name(o) +
                              ": SQLite has no sequences, domains, extensions, functions, "
                              "procedures, aggregates or operators");
          },
      },
      op);
}

std::vector<Statement> SqliteDialect::add_column(const schema::AddColumn& o, const Database& before,
                                                 const RenderContext& context,
                                                 std::optional<RebuildPlan>* plan) const {
  const Column& c = o.column;
  // ALTER TABLE ADD COLUMN cannot add a key column, nor a NOT NULL one without a non-NULL
  // default, nor one whose default is not a constant (CURRENT_TIMESTAMP, an expression).
  const bool has_default = c.default_expr && !util::trim(*c.default_expr).empty();
  // A STORED generated column cannot be added by ALTER TABLE (SQLite computes it for every
  // row only when the table is made): a rebuild. A VIRTUAL one can.
  bool plain = !c.primary_key && !(c.generated && c.generated->stored);
  if (has_default && !is_plain_default(*c.default_expr, false, false)) {
    plain = false;
  }
  if (!c.nullable && (!has_default || is_null_literal(*c.default_expr))) {
    plain = false;
  }
  if (plain) {
    const ColumnSql column_sql{*this, before};
    return {{"ALTER TABLE " + quote_ident(o.table) + " ADD COLUMN " + column_sql(c, false),
             "add column " + o.table + "." + c.name}};
  }
  const Table& t = require_table(before, o.table);
  Table to = t;
  to.columns.push_back(c);
  return rebuild(t, to, before, "add column " + c.name, context, plan);
}

std::vector<Statement> SqliteDialect::drop_column(const schema::DropColumn& o,
                                                  const Database& before,
                                                  const RenderContext& context,
                                                  std::optional<RebuildPlan>* plan) const {
  const Table& t = require_table(before, o.table);
  const Column& c = require_column(t, o.column);
  if (t.columns.size() == 1) {
    throw util::Error("cannot drop column '" + c.name + "': it is the only column of table '" +
                      t.name + "'");
  }
  if (!column_in_use(t, c)) {
    return {{"ALTER TABLE " + quote_ident(t.name) + " DROP COLUMN " + quote_ident(c.name),
             "drop column " + t.name + "." + c.name}};
  }
  return rebuild(t, without_column(t, c.name), before, "drop column " + c.name, context, plan);
}

std::vector<Statement> SqliteDialect::alter_column(const schema::AlterColumn& o,
                                                   const Database& before,
                                                   const RenderContext& context,
                                                   std::optional<RebuildPlan>* plan) const {
  if (o.new_name && !o.new_name->empty() && !o.type && !o.nullable && !o.default_expr &&
      !o.comment && !o.autoincrement && !o.collation && !o.identity_always) {
    // A rename alone needs nothing from `before`: SQLite rewrites the references itself.
    if (*o.new_name == o.column) {
      return {};
    }
    return {{"ALTER TABLE " + quote_ident(o.table) + " RENAME COLUMN " + quote_ident(o.column) +
                 " TO " + quote_ident(*o.new_name),
             "rename column " + o.table + "." + o.column + " to " + *o.new_name}};
  }
  const Table& t = require_table(before, o.table);
  const Column& old = require_column(t, o.column);
  const bool renaming = o.new_name && !o.new_name->empty() && *o.new_name != old.name;
  const std::string name = renaming ? *o.new_name : old.name;

  // First the rename, as SQLite's RENAME COLUMN does it (indexes, checks and the foreign keys
  // of other tables follow); then, if anything else changes, a rebuild of the renamed table.
  Table renamed = t;
  if (renaming) {
    rename_column_in(renamed, old.name, name);
  }
  Table to = renamed;
  Column& c = *std::find_if(to.columns.begin(), to.columns.end(),
                            [&](const Column& x) { return x.name == name; });
  const schema::ColumnType type_before = c.type;
  const bool alias_before = is_row_alias(renamed, c);
  schema::apply_column_changes(c, o);
  if (c.identity_always) {
    throw util::Error("column '" + name + "' of table '" + t.name +
                      "' cannot be identity = \"always\" on SQLite: an AUTOINCREMENT key "
                      "accepts values written for it");
  }
  if (c.autoincrement && !(c.primary_key && to.primary_key().size() == 1)) {
    throw util::Error("column '" + name + "' of table '" + t.name +
                      "' cannot autoincrement on SQLite: only a table's only primary-key "
                      "column, of an integer type, can");
  }
  // An alias of the same type keeps the spelling the table was created with, unless the
  // spelling decides the rowid (INTEGER vs INT on the only key column).
  if (c.type == type_before && is_row_alias(to, c) == alias_before) {
    c.type = type_before;
  }

  if (!renaming && to != renamed) {
    return rebuild(t, to, before, "alter column " + name, context, plan); // a rebuild alone
  }
  std::vector<Statement> out;
  if (renaming) {
    out.push_back({"ALTER TABLE " + quote_ident(t.name) + " RENAME COLUMN " +
                       quote_ident(old.name) + " TO " + quote_ident(name),
                   "rename column " + t.name + "." + old.name + " to " + name});
  }
  if (to != renamed) {
    const std::string why = "alter column " + name;
    // What the table has beyond the model, as it will be after the RENAME COLUMN above.
    TableExtras extras = table_extras(t, context, why);
    if (renaming) {
      extras.rename_column(old.name, name);
    }
    auto more = rebuild(renamed, to, before, {}, why, context, extras);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

std::vector<Statement> SqliteDialect::drop_constraint(const schema::DropConstraint& o,
                                                      const Database& before,
                                                      const RenderContext& context,
                                                      std::optional<RebuildPlan>* plan) const {
  const Table& t = require_table(before, o.table);
  Table to = t;
  auto named = [&](const auto& x) { return !o.name.empty() && same_name(x.name, o.name); };
  const std::size_t count = to.uniques.size() + to.foreign_keys.size() + to.checks.size();
  // The definition a generated file carries says which kind it is; without one, any kind with
  // that name goes. An unnamed constraint (SQLite's inline ones) can only be dropped by its
  // definition, and only one copy of it.
  const bool any = !o.unique && !o.foreign_key && !o.check;
  auto drop = [&](auto& items, const auto& definition) {
    if (o.name.empty()) {
      if (definition) {
        auto it = std::find_if(items.begin(), items.end(), [&](const auto& x) {
          return x.name.empty() && [&] {
            auto unnamed = *definition;
            unnamed.name.clear();
            return x == unnamed;
          }();
        });
        if (it != items.end()) {
          items.erase(it);
        }
      }
    } else if (any || definition) {
      std::erase_if(items, named);
    }
  };
  drop(to.uniques, o.unique);
  drop(to.foreign_keys, o.foreign_key);
  drop(to.checks, o.check);
  if (to.uniques.size() + to.foreign_keys.size() + to.checks.size() != count) {
    return rebuild(t, to, before, "drop constraint " + o.name, context, plan);
  }
  // A unique constraint SQLite keeps as a unique index (created by hand, or by another tool).
  if (any || o.unique) {
    for (const auto& idx : t.indexes) {
      if (idx.unique && named(idx)) {
        return {{"DROP INDEX " + quote_ident(idx.name), "drop unique index " + idx.name}};
      }
    }
  }
  std::vector<std::string> names;
  for (const auto& u : t.uniques) {
    names.push_back(u.name);
  }
  for (const auto& fk : t.foreign_keys) {
    names.push_back(fk.name);
  }
  for (const auto& ck : t.checks) {
    names.push_back(ck.name);
  }
  throw util::Error("constraint '" + o.name + "' does not exist on table '" + t.name + "'" +
                    util::did_you_mean(o.name, names));
}

std::vector<Statement> SqliteDialect::bulk_insert(const schema::BulkInsert& input,
                                                  const Database& before) const {
  const schema::BulkInsert o = without_generated(input, before);
  std::vector<Statement> out;
  // Rows with the same keys share one INSERT; a row with other keys starts a new one.
  std::size_t i = 0;
  while (i < o.rows.size()) {
    const std::size_t start = i;
    const schema::Row& first = o.rows[i];
    auto keys_of = [](const schema::Row& r) {
      std::vector<std::string> k;
      for (const auto& [col, value] : r) {
        k.push_back(col);
      }
      return k;
    };
    const auto keys = keys_of(first);
    if (keys.empty()) {
      out.push_back({"INSERT INTO " + quote_ident(o.table) + " DEFAULT VALUES",
                     "insert 1 row into " + o.table});
      ++i;
      continue;
    }
    std::vector<std::string> values;
    while (i < o.rows.size() && values.size() < k_rows_per_insert && keys_of(o.rows[i]) == keys) {
      std::vector<std::string> v;
      for (const auto& [col, value] : o.rows[i]) {
        v.push_back(literal(value));
      }
      values.push_back("(" + util::join(v, ", ") + ")");
      ++i;
    }
    out.push_back({"INSERT INTO " + quote_ident(o.table) + " (" + idents(*this, keys) +
                       ") VALUES\n  " + util::join(values, ",\n  "),
                   "insert " + std::to_string(values.size()) + " row" +
                       (values.size() == 1 ? "" : "s") + " into " + o.table,
                   delete_inserted_rows_sql(*this, before, o.table,
                                            std::span(o.rows).subspan(start, i - start))});
  }
  return out;
}

} // namespace migratecpp::dialects::sqlite
