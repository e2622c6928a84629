#include "schema/ops.h"
#include "schema/table_storage.h"

#include "schema/types.h"
#include "util/error.h"

#include <algorithm>

namespace migratecpp::schema {

namespace {

[[noreturn]] void not_reversible(const std::string& what) {
  throw util::Error("operation is not reversible: " + what);
}

// Alembic's rule: a drop is reversible only if it carries the dropped object.
[[noreturn]] void no_definition(const std::string& op, const std::string& object,
                                const std::string& kind) {
  not_reversible(op + " " + object + " does not give the dropped " + kind + "'s definition");
}

Op reverse_alter(const AlterColumn& o) {
  const std::string where = o.table + "." + o.column;
  auto need = [&](bool changed, bool known, const char* what) {
    if (changed && !known) {
      not_reversible("alter_column " + where + " changes " + what +
                     " but the file does not give existing_" + what);
    }
  };
  need(o.type.has_value(), o.existing_type.has_value(), "type");
  need(o.nullable.has_value(), o.existing_nullable.has_value(), "nullable");
  need(o.default_expr.has_value(), o.existing_default.has_value(), "default");
  need(o.comment.has_value(), o.existing_comment.has_value(), "comment");
  need(o.collation.has_value(), o.existing_collation.has_value(), "collation");
  need(o.autoincrement.has_value(), o.existing_autoincrement.has_value(), "autoincrement");
  need(o.identity_always.has_value(), o.existing_identity_always.has_value(), "identity");
  need(o.statistics.has_value(), o.existing_statistics.has_value(), "statistics");

  AlterColumn r;
  r.table = o.table;
  r.column = o.new_name ? *o.new_name : o.column;
  if (o.new_name) {
    r.new_name = o.column;
  }
  // A changed attribute swaps its new and existing values; an unchanged one keeps its
  // existing_* so that a dialect restating the whole column (MySQL MODIFY) still has it.
  auto swap_or_keep = [](const auto& changed, const auto& existing, auto& r_changed,
                         auto& r_existing) {
    if (changed) {
      r_changed = existing;
      r_existing = changed;
    } else {
      r_existing = existing;
    }
  };
  swap_or_keep(o.type, o.existing_type, r.type, r.existing_type);
  swap_or_keep(o.nullable, o.existing_nullable, r.nullable, r.existing_nullable);
  swap_or_keep(o.default_expr, o.existing_default, r.default_expr, r.existing_default);
  swap_or_keep(o.comment, o.existing_comment, r.comment, r.existing_comment);
  swap_or_keep(o.collation, o.existing_collation, r.collation, r.existing_collation);
  swap_or_keep(o.autoincrement, o.existing_autoincrement, r.autoincrement,
               r.existing_autoincrement);
  swap_or_keep(o.identity_always, o.existing_identity_always, r.identity_always,
               r.existing_identity_always);
  swap_or_keep(o.statistics, o.existing_statistics, r.statistics, r.existing_statistics);
  r.existing_generated = o.existing_generated; // alter_column never changes it
  return r;
}

// Each option the op sets goes back to its existing value. A charset change that leaves the
// collation to the server is undone with the collation it had (the old charset's default
// collation may not be the one the table had).
} // namespace

std::vector<std::string> reset_storage_parameters(const AlterTableOptions& o) {
  std::vector<std::string> out;
  if (!o.options.storage || !o.existing.storage) {
    return out;
  }
  for (const auto& [key, value] : *o.existing.storage) {
    if (o.options.storage->count(key) == 0) {
      out.push_back(key);
    }
  }
  return out;
}

namespace {

Op reverse_table_options(const AlterTableOptions& o) {
  AlterTableOptions r;
  r.table = o.table;
  r.existing = o.options;
  auto back = [&](const auto& set, const auto& was, auto& into, const char* key) {
    if (!set) {
      return;
    }
    if (!was) {
      not_reversible("alter_table_options " + o.table + " changes " + key +
                     " but the file does not give its existing value");
    }
    into = was;
  };
  back(o.options.engine, o.existing.engine, r.options.engine, "engine");
  back(o.options.charset, o.existing.charset, r.options.charset, "charset");
  back(o.options.collate, o.existing.collate, r.options.collate, "collate");
  back(o.options.row_format, o.existing.row_format, r.options.row_format, "row_format");
  back(o.options.unlogged, o.existing.unlogged, r.options.unlogged, "unlogged");
  // existing.storage: the parameters' values before (those it lacks were not set).
  back(o.options.storage, o.existing.storage, r.options.storage, "storage");
  if (o.options.charset && !o.options.collate && o.existing.collate) {
    r.options.collate = o.existing.collate;
  }
  return r;
}

const char* by_kind(const std::string& kind, const char* function, const char* procedure) {
  return kind == "procedure" ? procedure : function;
}
const char* routine_op_name(const CreateRoutine& o) {
  return by_kind(o.routine.kind, "create_function", "create_procedure");
}
const char* routine_op_name(const DropRoutine& o) {
  return by_kind(o.kind, "drop_function", "drop_procedure");
}
const char* routine_op_name(const ReplaceRoutine& o) {
  return by_kind(o.routine.kind, "replace_function", "replace_procedure");
}
const char* routine_op_name(const CreateTrigger&) {
  return "create_trigger";
}
const char* routine_op_name(const DropTrigger&) {
  return "drop_trigger";
}
const char* routine_op_name(const CreateAggregate&) {
  return "create_aggregate";
}
const char* routine_op_name(const DropAggregate&) {
  return "drop_aggregate";
}
const char* routine_op_name(const CreateOperator&) {
  return "create_operator";
}
const char* routine_op_name(const DropOperator&) {
  return "drop_operator";
}

} // namespace

std::string op_name(const Op& op) {
  return std::visit(Overloaded{
                        [](const CreateTable&) { return "create_table"; },
                        [](const DropTable&) { return "drop_table"; },
                        [](const RenameTable&) { return "rename_table"; },
                        [](const AddColumn&) { return "add_column"; },
                        [](const DropColumn&) { return "drop_column"; },
                        [](const AlterColumn&) { return "alter_column"; },
                        [](const AlterPrimaryKey&) { return "alter_primary_key"; },
                        [](const CreateIndex&) { return "create_index"; },
                        [](const DropIndex&) { return "drop_index"; },
                        [](const CreateUnique&) { return "create_unique"; },
                        [](const CreateForeignKey&) { return "create_foreign_key"; },
                        [](const CreateCheck&) { return "create_check"; },
                        [](const DropConstraint&) { return "drop_constraint"; },
                        [](const SetTableComment&) { return "set_table_comment"; },
                        [](const AlterTableOptions&) { return "alter_table_options"; },
                        [](const Execute&) { return "execute"; },
                        [](const BulkInsert&) { return "bulk_insert"; },
                        [](const CreateEnum&) { return "create_enum"; },
                        [](const DropEnum&) { return "drop_enum"; },
                        [](const AddEnumValue&) { return "add_enum_value"; },
                        [](const CreateSequence&) { return "create_sequence"; },
                        [](const DropSequence&) { return "drop_sequence"; },
                        [](const AlterSequence&) { return "alter_sequence"; },
                        [](const CreateDomain&) { return "create_domain"; },
                        [](const DropDomain&) { return "drop_domain"; },
                        [](const AlterDomain&) { return "alter_domain"; },
                        [](const CreateExtension&) { return "create_extension"; },
                        [](const DropExtension&) { return "drop_extension"; },
                        [](const AlterExtension&) { return "alter_extension"; },
                        [](const CreateView&) { return "create_view"; },
                        [](const DropView&) { return "drop_view"; },
                        [](const ReplaceView&) { return "replace_view"; },
                        [](const CreateVirtualTable&) { return "create_virtual_table"; },
                        [](const DropVirtualTable&) { return "drop_virtual_table"; },
                        [](const auto& o) { return routine_op_name(o); },
                    },
                    op);
}

std::string op_table(const Op& op) {
  return std::visit(Overloaded{
                        [](const CreateTable& o) { return o.table.name; },
                        [](const Execute&) { return std::string(); },
                        [](const CreateEnum&) { return std::string(); },
                        [](const DropEnum&) { return std::string(); },
                        [](const AddEnumValue&) { return std::string(); },
                        [](const CreateSequence&) { return std::string(); },
                        [](const DropSequence&) { return std::string(); },
                        [](const AlterSequence&) { return std::string(); },
                        [](const CreateDomain&) { return std::string(); },
                        [](const DropDomain&) { return std::string(); },
                        [](const AlterDomain&) { return std::string(); },
                        [](const CreateExtension&) { return std::string(); },
                        [](const DropExtension&) { return std::string(); },
                        [](const AlterExtension&) { return std::string(); },
                        [](const CreateView&) { return std::string(); },
                        [](const DropView&) { return std::string(); },
                        [](const ReplaceView&) { return std::string(); },
                        [](const CreateRoutine&) { return std::string(); },
                        [](const DropRoutine&) { return std::string(); },
                        [](const ReplaceRoutine&) { return std::string(); },
                        [](const CreateTrigger& o) { return o.trigger.table; },
                        [](const CreateVirtualTable& o) { return o.table.name; },
                        [](const DropVirtualTable& o) { return o.name; },
                        [](const CreateAggregate&) { return std::string(); },
                        [](const DropAggregate&) { return std::string(); },
                        [](const CreateOperator&) { return std::string(); },
                        [](const DropOperator&) { return std::string(); },
                        [](const auto& o) { return o.table; },
                    },
                    op);
}

bool is_destructive(const Op& op) {
  return std::visit(
      Overloaded{
          [](const DropTable&) { return true; },
          // Its current value goes with it.
          [](const DropSequence&) { return true; },
          // It may own tables and their rows.
          [](const DropExtension&) { return true; },
          // A materialized view's rows are computed again by its reverse, but they are what
          // it held when last refreshed: worth a look.
          [](const DropView& o) { return o.materialized; },
          // An FTS table's rows are data, whatever index the module keeps of them.
          [](const DropVirtualTable&) { return true; },
          // A generated column's values are derived: nothing is lost that
          // adding it again does not compute.
          [](const DropColumn& o) { return !(o.definition && o.definition->generated); },
          // Without existing_type the old type is unknown; generated files
          // always carry it, so only hand-written ops go unmarked.
          [](const AlterColumn& o) {
            return o.type && o.existing_type && is_narrowing(*o.existing_type, *o.type);
          },
          [](const auto&) { return false; },
      },
      op);
}

Op reverse(const Op& op) {
  return std::visit(
      Overloaded{
          [](const CreateTable& o) -> Op {
            return DropTable{o.table.name, o.table};
          },
          [](const DropTable& o) -> Op {
            if (!o.definition) {
              no_definition("drop_table", o.table, "table");
            }
            Table t = *o.definition;
            t.name = o.table;
            return CreateTable{std::move(t)};
          },
          [](const RenameTable& o) -> Op {
            return RenameTable{o.new_name, o.table};
          },
          [](const AddColumn& o) -> Op {
            return DropColumn{o.table, o.column.name, o.column};
          },
          [](const DropColumn& o) -> Op {
            if (!o.definition) {
              no_definition("drop_column", o.table + "." + o.column, "column");
            }
            Column c = *o.definition;
            c.name = o.column;
            return AddColumn{o.table, std::move(c)};
          },
          [](const AlterColumn& o) -> Op { return reverse_alter(o); },
          [](const AlterPrimaryKey& o) -> Op {
            if (!o.existing_columns) {
              not_reversible("alter_primary_key " + o.table +
                             " does not give existing_columns (the key before)");
            }
            AlterPrimaryKey r;
            r.table = o.table;
            r.columns = *o.existing_columns;
            r.existing_columns = o.columns;
            r.name = o.existing_name;
            r.existing_name = o.name;
            r.deferrable = o.existing_deferrable;
            r.initially_deferred = o.existing_initially_deferred;
            r.existing_deferrable = o.deferrable;
            r.existing_initially_deferred = o.initially_deferred;
            return r;
          },
          [](const CreateIndex& o) -> Op {
            return DropIndex{o.table, o.index.name, o.index};
          },
          [](const DropIndex& o) -> Op {
            if (!o.definition) {
              no_definition("drop_index", o.name + " on " + o.table, "index");
            }
            Index i = *o.definition;
            i.name = o.name;
            return CreateIndex{o.table, std::move(i)};
          },
          [](const CreateUnique& o) -> Op {
            return DropConstraint{o.table, o.constraint.name, o.constraint, {}, {}};
          },
          [](const CreateForeignKey& o) -> Op {
            return DropConstraint{o.table, o.constraint.name, {}, o.constraint, {}};
          },
          [](const CreateCheck& o) -> Op {
            return DropConstraint{o.table, o.constraint.name, {}, {}, o.constraint};
          },
          [](const DropConstraint& o) -> Op {
            if (o.unique) {
              UniqueConstraint u = *o.unique;
              u.name = o.name;
              return CreateUnique{o.table, std::move(u)};
            }
            if (o.foreign_key) {
              ForeignKey f = *o.foreign_key;
              f.name = o.name;
              return CreateForeignKey{o.table, std::move(f)};
            }
            if (o.check) {
              CheckConstraint c = *o.check;
              c.name = o.name;
              return CreateCheck{o.table, std::move(c)};
            }
            no_definition("drop_constraint", o.name + " on " + o.table, "constraint");
          },
          [](const SetTableComment& o) -> Op {
            if (!o.existing_comment) {
              not_reversible("set_table_comment " + o.table +
                             " changes comment but the file does not give existing_comment");
            }
            return SetTableComment{o.table, *o.existing_comment, o.comment};
          },
          [](const AlterTableOptions& o) -> Op { return reverse_table_options(o); },
          [](const Execute& o) -> Op {
            if (o.reverse_sql.empty()) {
              not_reversible("execute without reverse_sql");
            }
            return Execute{o.reverse_sql, o.sql};
          },
          [](const BulkInsert& o) -> Op {
            // A DELETE could only guess which rows the insert added (they may have existed
            // before, or changed since); the author writes that downgrade by hand.
            not_reversible("bulk_insert into " + o.table);
          },
          [](const CreateEnum& o) -> Op {
            return DropEnum{o.type.name, o.type};
          },
          [](const DropEnum& o) -> Op {
            if (!o.definition) {
              not_reversible("drop_enum " + o.name + " does not give the dropped type's values");
            }
            Enum e = *o.definition;
            e.name = o.name;
            return CreateEnum{std::move(e)};
          },
          [](const AddEnumValue& o) -> Op {
            // PostgreSQL has ALTER TYPE ... ADD VALUE but no DROP VALUE.
            not_reversible("add_enum_value " + o.name + " '" + o.value +
                           "' (PostgreSQL cannot remove a value from an enum)");
          },
          [](const CreateSequence& o) -> Op {
            return DropSequence{o.sequence.name, o.sequence};
          },
          [](const DropSequence& o) -> Op {
            if (!o.definition) {
              no_definition("drop_sequence", o.name, "sequence");
            }
            Sequence s = *o.definition;
            s.name = o.name;
            // OWNED BY comes back with its own alter_sequence, once the table is there.
            s.owned_by.reset();
            return CreateSequence{std::move(s)};
          },
          [](const AlterSequence& o) -> Op {
            if (!o.existing) {
              not_reversible("alter_sequence " + o.sequence.name +
                             " does not give existing (the sequence before)");
            }
            return AlterSequence{*o.existing, o.sequence};
          },
          [](const CreateDomain& o) -> Op {
            return DropDomain{o.domain.name, o.domain};
          },
          [](const DropDomain& o) -> Op {
            if (!o.definition) {
              no_definition("drop_domain", o.name, "domain");
            }
            Domain d = *o.definition;
            d.name = o.name;
            return CreateDomain{std::move(d)};
          },
          [](const AlterDomain& o) -> Op {
            if (!o.existing) {
              not_reversible("alter_domain " + o.domain.name +
                             " does not give existing (the domain before)");
            }
            return AlterDomain{*o.existing, o.domain};
          },
          [](const CreateExtension& o) -> Op {
            return DropExtension{o.extension.name, o.extension};
          },
          [](const DropExtension& o) -> Op {
            if (!o.definition) {
              no_definition("drop_extension", o.name, "extension");
            }
            Extension e = *o.definition;
            e.name = o.name;
            return CreateExtension{std::move(e)};
          },
          [](const AlterExtension& o) -> Op {
            if (!o.existing_version) {
              not_reversible("alter_extension " + o.name + " does not give existing_version");
            }
            return AlterExtension{o.name, *o.existing_version, o.version};
          },
          [](const CreateView& o) -> Op {
            return DropView{o.view.name, o.view.materialized, o.view};
          },
          [](const DropView& o) -> Op {
            if (!o.definition) {
              no_definition("drop_view", o.name, "view");
            }
            View v = *o.definition;
            v.name = o.name;
            v.materialized = o.materialized;
            return CreateView{std::move(v)};
          },
          [](const ReplaceView& o) -> Op {
            if (!o.existing) {
              not_reversible("replace_view " + o.view.name +
                             " does not give existing (the view before)");
            }
            return ReplaceView{*o.existing, o.view};
          },
          [](const CreateRoutine& o) -> Op {
            return DropRoutine{o.routine.name, o.routine.kind, o.routine.arguments, o.routine};
          },
          [](const DropRoutine& o) -> Op {
            if (!o.definition) {
              no_definition("drop_" + o.kind, o.name + "(" + o.arguments + ")", o.kind);
            }
            Routine r = *o.definition;
            r.name = o.name;
            r.kind = o.kind;
            r.arguments = o.arguments;
            return CreateRoutine{std::move(r)};
          },
          [](const ReplaceRoutine& o) -> Op {
            if (!o.existing) {
              not_reversible("replace_" + o.routine.kind + " " + o.routine.name +
                             " does not give existing (the routine before)");
            }
            return ReplaceRoutine{*o.existing, o.routine};
          },
          [](const CreateTrigger& o) -> Op {
            return DropTrigger{o.trigger.table, o.trigger.name, o.trigger};
          },
          [](const DropTrigger& o) -> Op {
            if (!o.definition) {
              no_definition("drop_trigger", o.name + " on " + o.table, "trigger");
            }
            Trigger t = *o.definition;
            t.name = o.name;
            t.table = o.table;
            return CreateTrigger{std::move(t)};
          },
          [](const CreateVirtualTable& o) -> Op {
            return DropVirtualTable{o.table.name, o.table};
          },
          [](const DropVirtualTable& o) -> Op {
            if (!o.definition) {
              no_definition("drop_virtual_table", o.name, "virtual table");
            }
            VirtualTable v = *o.definition;
            v.name = o.name;
            return CreateVirtualTable{std::move(v)};
          },
          [](const CreateAggregate& o) -> Op {
            return DropAggregate{o.aggregate.name, o.aggregate.arguments, o.aggregate};
          },
          [](const DropAggregate& o) -> Op {
            if (!o.definition) {
              no_definition("drop_aggregate", aggregate_key(o.name, o.arguments), "aggregate");
            }
            Aggregate a = *o.definition;
            a.name = o.name;
            a.arguments = o.arguments;
            return CreateAggregate{std::move(a)};
          },
          [](const CreateOperator& o) -> Op {
            return DropOperator{o.op.name, o.op.leftarg, o.op.rightarg, o.op};
          },
          [](const DropOperator& o) -> Op {
            if (!o.definition) {
              no_definition("drop_operator", operator_key(o.name, o.leftarg, o.rightarg),
                            "operator");
            }
            Operator x = *o.definition;
            x.name = o.name;
            x.leftarg = o.leftarg;
            x.rightarg = o.rightarg;
            return CreateOperator{std::move(x)};
          },
      },
      op);
}

std::vector<Op> reverse_all(const std::vector<Op>& ops) {
  std::vector<Op> out;
  out.reserve(ops.size());
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
    out.push_back(reverse(*it));
  }
  return out;
}

} // namespace migratecpp::schema
