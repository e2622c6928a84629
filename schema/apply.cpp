#include "schema/apply.h"

#include "schema/column_uses.h"
#include "schema/naming.h"
#include "schema/routine.h"
#include "schema/table_storage.h"
#include "util/error.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace migratecpp::schema {

namespace {

template <class T> std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) {
    out.push_back(i.name);
  }
  return out;
}

Table& table_or_throw(Database& db, const std::string& name) {
  Table* t = db.find_table(name);
  if (t == nullptr) {
    throw util::Error("table " + util::squote(name) + " does not exist" +
                      util::did_you_mean(name, names_of(db.tables)));
  }
  return *t;
}

void require_no_table(const Database& db, const std::string& name) {
  if (db.find_table(name) != nullptr) {
    throw util::Error("table " + util::squote(name) + " already exists");
  }
}

Column& column_or_throw(Table& t, const std::string& name) {
  Column* c = t.find_column(name);
  if (c == nullptr) {
    throw util::Error("column " + util::squote(t.name + "." + name) + " does not exist" +
                      util::did_you_mean(name, names_of(t.columns)));
  }
  return *c;
}

void require_no_column(const Table& t, const std::string& name) {
  if (t.find_column(name) != nullptr) {
    throw util::Error("column " + util::squote(t.name + "." + name) + " already exists");
  }
}

// Unique constraints, foreign keys and checks share one namespace per table.
std::vector<std::string> constraint_names(const Table& t) {
  std::vector<std::string> out = names_of(t.uniques);
  for (const auto& f : t.foreign_keys) {
    out.push_back(f.name);
  }
  for (const auto& c : t.checks) {
    out.push_back(c.name);
  }
  return out;
}

void require_no_constraint(const Table& t, const std::string& name) {
  const auto names = constraint_names(t);
  if (!name.empty() && std::find(names.begin(), names.end(), name) != names.end()) {
    throw util::Error("constraint " + util::squote(name) + " already exists on table " +
                      util::squote(t.name));
  }
}

template <class T> auto find_named(std::vector<T>& items, const std::string& name) {
  return std::find_if(items.begin(), items.end(), [&](const T& i) { return i.name == name; });
}

Routine& routine_or_throw(Database& db, const std::string& kind, const std::string& name,
                          const std::string& arguments) {
  for (auto& r : db.routines) {
    if (r.kind == kind && r.name == name && r.arguments == arguments) {
      return r;
    }
  }
  Routine wanted;
  wanted.kind = kind;
  wanted.name = name;
  wanted.arguments = arguments;
  throw util::Error(routine_label(wanted) + " does not exist");
}

Enum& enum_or_throw(Database& db, const std::string& name) {
  auto it = find_named(db.enums, name);
  if (it == db.enums.end()) {
    throw util::Error("enum " + util::squote(name) + " does not exist" +
                      util::did_you_mean(name, names_of(db.enums)));
  }
  return *it;
}

// Renames identifier `from` to `to` in an SQL expression: bare words equal to `from` and
// quoted identifiers ("from", `from`) whose content equals it. String literals are left alone,
// so "status = 'status'" keeps its literal; spacing and comments are kept.
std::string rename_identifier(const std::string& expr, const std::string& from,
                              const std::string& to) {
  std::string out;
  std::size_t copied = 0;
  for (const auto& t : util::sql::tokenize(expr)) {
    if (!util::sql::is_identifier(t) || util::sql::identifier_value(t) != from) {
      continue;
    }
    out.append(expr, copied, t.offset - copied);
    if (t.kind == util::sql::TokenKind::quoted_identifier) {
      const char quote = t.text.front();
      out.push_back(quote);
      for (char ch : to) {
        out.push_back(ch);
        if (ch == quote) {
          out.push_back(quote);
        }
      }
      out.push_back(quote);
    } else {
      out += to;
    }
    copied = t.offset + t.text.size();
  }
  out.append(expr, copied);
  return out;
}

void rename_in_list(std::vector<std::string>& columns, const std::string& from,
                    const std::string& to) {
  for (auto& entry : columns) {
    if (entry == from) {
      entry = to;
    } else if (entry.find('(') != std::string::npos) {
      entry = rename_identifier(entry, from, to);
    }
  }
}

void rename_in_parts(std::vector<IndexPart>& parts, const std::string& from,
                     const std::string& to) {
  for (auto& p : parts) {
    if (p.is_expression()) {
      replace_index_part_head(p, rename_identifier(p.expression, from, to));
    } else if (p.column == from) {
      replace_index_part_head(p, to);
    }
  }
}

void rename_column_everywhere(Database& db, Table& t, const std::string& from,
                              const std::string& to) {
  column_or_throw(t, from).name = to;
  for (auto& i : t.indexes) {
    rename_in_parts(i.parts, from, to);
    if (i.where) {
      i.where = rename_identifier(*i.where, from, to);
    }
  }
  rename_in_list(t.key.columns, from, to);
  for (auto& u : t.uniques) {
    rename_in_list(u.columns, from, to);
  }
  for (auto& f : t.foreign_keys) {
    rename_in_list(f.columns, from, to);
  }
  for (auto& c : t.checks) {
    c.expression = rename_identifier(c.expression, from, to);
  }
  for (auto& other : db.tables) {
    for (auto& f : other.foreign_keys) {
      if (f.ref_table == t.name) {
        rename_in_list(f.ref_columns, from, to);
      }
    }
  }
}

void drop_column(Table& t, const std::string& column) {
  column_or_throw(t, column);
  auto& cols = t.columns;
  cols.erase(
      std::remove_if(cols.begin(), cols.end(), [&](const Column& c) { return c.name == column; }),
      cols.end());
  // PostgreSQL drops the indexes and constraints involving the column with it; keeping them
  // in the model would make later ops (and SQLite rebuilds) refer to a missing column.
  std::erase(t.key.columns, column);
  set_primary_key(t, t.primary_key()); // the order that is left, canonical again
  auto uses = [&](const auto& object) { return uses_column(object, column); };
  std::erase_if(t.indexes, uses);
  std::erase_if(t.uniques, uses);
  std::erase_if(t.foreign_keys, uses);
  std::erase_if(t.checks, uses);
}

void alter_column(Database& db, const AlterColumn& o) {
  Table& t = table_or_throw(db, o.table);
  column_or_throw(t, o.column);
  if (o.new_name && *o.new_name != o.column) {
    require_no_column(t, *o.new_name);
  }
  apply_column_changes(*t.find_column(o.column), o);
  if (o.new_name && *o.new_name != o.column) {
    rename_column_everywhere(db, t, o.column, *o.new_name);
  }
}

void alter_primary_key(Table& t, const AlterPrimaryKey& o) {
  for (const auto& name : o.columns) {
    column_or_throw(t, name);
  }
  set_primary_key(t, o.columns);
  t.key.name = o.columns.empty() ? "" : o.name;
  t.key.deferrable = !o.columns.empty() && (o.deferrable || o.initially_deferred);
  t.key.initially_deferred = !o.columns.empty() && o.initially_deferred;
}

// An unnamed constraint (name "") is found by the definition the op carries.
template <class T> bool erase_by_definition(std::vector<T>& items, const std::optional<T>& def) {
  if (!def) {
    return false;
  }
  T wanted = *def;
  wanted.name.clear();
  auto it = std::find(items.begin(), items.end(), wanted);
  if (it == items.end()) {
    return false;
  }
  items.erase(it);
  return true;
}

void drop_constraint(Table& t, const DropConstraint& o) {
  const std::string& name = o.name;
  if (name.empty()) {
    if (erase_by_definition(t.uniques, o.unique) ||
        erase_by_definition(t.foreign_keys, o.foreign_key) ||
        erase_by_definition(t.checks, o.check)) {
      return;
    }
    throw util::Error("unnamed constraint to drop does not exist on table " + util::squote(t.name) +
                      " (no unique, foreign key or check with that definition)");
  }
  if (auto it = find_named(t.uniques, name); it != t.uniques.end()) {
    t.uniques.erase(it);
  } else if (auto fk = find_named(t.foreign_keys, name); fk != t.foreign_keys.end()) {
    t.foreign_keys.erase(fk);
  } else if (auto ck = find_named(t.checks, name); ck != t.checks.end()) {
    t.checks.erase(ck);
  } else {
    throw util::Error("constraint " + util::squote(name) + " does not exist on table " +
                      util::squote(t.name) + util::did_you_mean(name, constraint_names(t)));
  }
}

// Sequences, domains and extensions: a list of named objects each.
template <class T>
void create_named(std::vector<T>& items, const T& item, const std::string& kind) {
  if (find_named(items, item.name) != items.end()) {
    throw util::Error(kind + " " + util::squote(item.name) + " already exists");
  }
  items.push_back(item);
}

template <class T>
T& named_or_throw(std::vector<T>& items, const std::string& name, const std::string& kind) {
  auto it = find_named(items, name);
  if (it == items.end()) {
    throw util::Error(kind + " " + util::squote(name) + " does not exist" +
                      util::did_you_mean(name, names_of(items)));
  }
  return *it;
}

template <class T>
void drop_named(std::vector<T>& items, const std::string& name, const std::string& kind) {
  named_or_throw(items, name, kind);
  std::erase_if(items, [&](const T& x) { return x.name == name; });
}

void add_enum_value(Database& db, const AddEnumValue& o) {
  Enum& e = enum_or_throw(db, o.name);
  auto& values = e.values;
  if (std::find(values.begin(), values.end(), o.value) != values.end()) {
    throw util::Error("enum " + util::squote(o.name) + " already has value " +
                      util::squote(o.value));
  }
  auto pos = values.end();
  if (o.before) {
    pos = std::find(values.begin(), values.end(), *o.before);
    if (pos == values.end()) {
      throw util::Error("enum " + util::squote(o.name) + " has no value " +
                        util::squote(*o.before) + util::did_you_mean(*o.before, values));
    }
  }
  values.insert(pos, o.value);
}

// A table's storage parameters after alter_table_options: those only in existing.storage are
// reset, those in options.storage set.
std::optional<std::map<std::string, std::string>>
changed_storage(const std::optional<std::map<std::string, std::string>>& had,
                const AlterTableOptions& o) {
  std::map<std::string, std::string> out = had.value_or(std::map<std::string, std::string>{});
  for (const auto& key : reset_storage_parameters(o)) {
    out.erase(key);
  }
  for (const auto& [key, value] : *o.options.storage) {
    out[key] = value;
  }
  return out.empty() ? std::nullopt : std::optional(std::move(out));
}

} // namespace

void apply(Database& db, const Op& op) {
  std::visit(
      Overloaded{
          [&](const CreateTable& o) {
            require_no_table(db, o.table.name);
            db.tables.push_back(o.table);
          },
          [&](const DropTable& o) {
            table_or_throw(db, o.table);
            std::erase_if(db.tables, [&](const Table& t) { return t.name == o.table; });
            db.table_index.reset();
            // Its triggers go with it.
            std::erase_if(db.triggers, [&](const Trigger& t) { return t.table == o.table; });
          },
          [&](const RenameTable& o) {
            Table& t = table_or_throw(db, o.table);
            if (o.new_name == o.table) {
              return;
            }
            require_no_table(db, o.new_name);
            t.name = o.new_name;
            db.table_index.renamed(o.table, o.new_name);
            for (auto& trigger : db.triggers) {
              if (trigger.table == o.table) {
                trigger.table = o.new_name;
              }
            }
            for (auto& other : db.tables) {
              for (auto& f : other.foreign_keys) {
                if (f.ref_table == o.table) {
                  f.ref_table = o.new_name;
                }
              }
              if (other.partition_of == o.table) { // its partitions follow it
                other.partition_of = o.new_name;
              }
            }
          },
          [&](const AddColumn& o) {
            Table& t = table_or_throw(db, o.table);
            require_no_column(t, o.column.name);
            t.columns.push_back(o.column);
          },
          [&](const DropColumn& o) { drop_column(table_or_throw(db, o.table), o.column); },
          [&](const AlterColumn& o) { alter_column(db, o); },
          [&](const AlterPrimaryKey& o) { alter_primary_key(table_or_throw(db, o.table), o); },
          [&](const CreateIndex& o) {
            Table& t = table_or_throw(db, o.table);
            if (!o.index.name.empty() && find_named(t.indexes, o.index.name) != t.indexes.end()) {
              throw util::Error("index " + util::squote(o.index.name) +
                                " already exists on table " + util::squote(t.name));
            }
            // A revision file's parts were read without the table: read them with it.
            Index index = o.index;
            index.parts = resolve_index_parts(index.parts, t.column_names());
            t.indexes.push_back(std::move(index));
          },
          [&](const DropIndex& o) {
            Table& t = table_or_throw(db, o.table);
            auto it = find_named(t.indexes, o.name);
            if (it == t.indexes.end()) {
              throw util::Error("index " + util::squote(o.name) + " does not exist on table " +
                                util::squote(t.name) +
                                util::did_you_mean(o.name, names_of(t.indexes)));
            }
            t.indexes.erase(it);
          },
          [&](const CreateUnique& o) {
            Table& t = table_or_throw(db, o.table);
            require_no_constraint(t, o.constraint.name);
            t.uniques.push_back(o.constraint);
          },
          [&](const CreateForeignKey& o) {
            Table& t = table_or_throw(db, o.table);
            require_no_constraint(t, o.constraint.name);
            t.foreign_keys.push_back(o.constraint);
          },
          [&](const CreateCheck& o) {
            Table& t = table_or_throw(db, o.table);
            require_no_constraint(t, o.constraint.name);
            t.checks.push_back(o.constraint);
          },
          [&](const DropConstraint& o) { drop_constraint(table_or_throw(db, o.table), o); },
          [&](const SetTableComment& o) {
            Table& t = table_or_throw(db, o.table);
            t.comment = o.comment.empty() ? std::nullopt : std::optional<std::string>(o.comment);
          },
          [&](const AlterTableOptions& o) {
            Table& t = table_or_throw(db, o.table);
            auto set = [](std::optional<std::string>& into, const std::optional<std::string>& v) {
              if (v) {
                into = v;
              }
            };
            // A charset change without a collation gets the charset's default one: unknown here.
            if (o.options.charset && !o.options.collate) {
              t.options.collate.reset();
            }
            set(t.options.engine, o.options.engine);
            set(t.options.charset, o.options.charset);
            set(t.options.collate, o.options.collate);
            set(t.options.row_format, o.options.row_format);
            if (o.options.unlogged) {
              t.options.unlogged = *o.options.unlogged ? o.options.unlogged : std::nullopt;
            }
            if (o.options.storage) {
              t.options.storage = changed_storage(t.options.storage, o);
            }
          },
          [&](const Execute&) {},
          [&](const BulkInsert&) {},
          [&](const CreateEnum& o) {
            if (db.find_enum(o.type.name) != nullptr) {
              throw util::Error("enum " + util::squote(o.type.name) + " already exists");
            }
            db.enums.push_back(o.type);
          },
          [&](const DropEnum& o) {
            enum_or_throw(db, o.name);
            std::erase_if(db.enums, [&](const Enum& e) { return e.name == o.name; });
          },
          [&](const AddEnumValue& o) { add_enum_value(db, o); },
          [&](const CreateSequence& o) { create_named(db.sequences, o.sequence, "sequence"); },
          [&](const DropSequence& o) { drop_named(db.sequences, o.name, "sequence"); },
          [&](const AlterSequence& o) {
            named_or_throw(db.sequences, o.sequence.name, "sequence") = o.sequence;
          },
          [&](const CreateDomain& o) { create_named(db.domains, o.domain, "domain"); },
          [&](const DropDomain& o) { drop_named(db.domains, o.name, "domain"); },
          [&](const AlterDomain& o) {
            named_or_throw(db.domains, o.domain.name, "domain") = o.domain;
          },
          [&](const CreateExtension& o) { create_named(db.extensions, o.extension, "extension"); },
          [&](const DropExtension& o) { drop_named(db.extensions, o.name, "extension"); },
          [&](const AlterExtension& o) {
            named_or_throw(db.extensions, o.name, "extension").version = o.version;
          },
          [&](const CreateView& o) { create_named(db.views, o.view, "view"); },
          [&](const DropView& o) { drop_named(db.views, o.name, "view"); },
          [&](const ReplaceView& o) { named_or_throw(db.views, o.view.name, "view") = o.view; },
          [&](const CreateRoutine& o) {
            if (find_routine(db, o.routine.kind, o.routine.name, o.routine.arguments) != nullptr) {
              throw util::Error(routine_label(o.routine) + " already exists");
            }
            db.routines.push_back(o.routine);
          },
          [&](const DropRoutine& o) {
            routine_or_throw(db, o.kind, o.name, o.arguments);
            std::erase_if(db.routines, [&](const Routine& r) {
              return r.kind == o.kind && r.name == o.name && r.arguments == o.arguments;
            });
          },
          [&](const ReplaceRoutine& o) {
            routine_or_throw(db, o.routine.kind, o.routine.name, o.routine.arguments) = o.routine;
          },
          [&](const CreateTrigger& o) {
            table_or_throw(db, o.trigger.table);
            if (find_trigger(db, o.trigger.table, o.trigger.name) != nullptr) {
              throw util::Error(trigger_label(o.trigger.table, o.trigger.name) + " already exists");
            }
            db.triggers.push_back(o.trigger);
          },
          [&](const DropTrigger& o) {
            if (find_trigger(db, o.table, o.name) == nullptr) {
              throw util::Error(trigger_label(o.table, o.name) + " does not exist");
            }
            std::erase_if(db.triggers,
                          [&](const Trigger& t) { return t.table == o.table && t.name == o.name; });
          },
          [&](const CreateVirtualTable& o) {
            if (db.find_table(o.table.name) != nullptr) {
              throw util::Error("table " + util::squote(o.table.name) + " already exists");
            }
            create_named(db.virtual_tables, o.table, "virtual table");
          },
          [&](const DropVirtualTable& o) {
            drop_named(db.virtual_tables, o.name, "virtual table");
          },
          [&](const CreateAggregate& o) { apply_aggregate_op(db, o); },
          [&](const DropAggregate& o) { apply_aggregate_op(db, o); },
          [&](const CreateOperator& o) { apply_aggregate_op(db, o); },
          [&](const DropOperator& o) { apply_aggregate_op(db, o); },
      },
      op);
}

void apply_column_changes(Column& c, const AlterColumn& o) {
  if (o.type) {
    c.type = ColumnType(*o.type);
  }
  if (o.nullable) {
    c.nullable = *o.nullable;
  }
  if (o.default_expr) {
    c.default_expr = o.default_expr->empty() ? std::nullopt : o.default_expr;
  }
  if (o.comment) {
    c.comment = o.comment->empty() ? std::nullopt : o.comment;
  }
  if (o.collation) {
    c.collation = o.collation->empty() ? std::nullopt : o.collation;
  }
  if (o.autoincrement) {
    c.autoincrement = *o.autoincrement;
  }
  if (o.identity_always) {
    c.identity_always = *o.identity_always;
  }
  if (o.statistics) {
    c.statistics = *o.statistics < 0 ? std::nullopt : o.statistics;
  }
  if (!c.autoincrement) {
    c.identity_always = false;
  }
}

void set_primary_key(Table& t, const std::vector<std::string>& columns) {
  for (auto& c : t.columns) {
    const bool key = std::find(columns.begin(), columns.end(), c.name) != columns.end();
    if (c.primary_key || key) {
      c.nullable = false; // a column leaving the key stays NOT NULL, as on PostgreSQL
    }
    c.primary_key = key;
  }
  // The order is kept only where the column order does not already say it (PrimaryKey).
  std::vector<std::string> column_order;
  for (const auto& c : t.columns) {
    if (c.primary_key) {
      column_order.push_back(c.name);
    }
  }
  t.key.columns = columns == column_order ? std::vector<std::string>{} : columns;
  if (columns.empty()) {
    t.key = PrimaryKey{};
  }
}

} // namespace migratecpp::schema
