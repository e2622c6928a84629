#pragma once
// Builders for in-memory schemas and checks shared by the diff tests.
#include "migrate/diff.h"
#include "schema/apply.h"
#include "schema/model.h"
#include "schema/ops.h"
#include "util/strings.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace migratecpp::test {

inline schema::Column col(std::string name, std::string type, bool nullable = true) {
  schema::Column c;
  c.name = std::move(name);
  c.type = schema::ColumnType(type);
  c.nullable = nullable;
  return c;
}

inline schema::Column pk(std::string name, std::string type = "bigint", bool autoinc = true) {
  schema::Column c = col(std::move(name), std::move(type), false);
  c.primary_key = true;
  c.autoincrement = autoinc;
  return c;
}

inline schema::Column with_default(schema::Column c, std::string expr) {
  c.default_expr = std::move(expr);
  return c;
}

inline schema::Column with_comment(schema::Column c, std::string comment) {
  c.comment = std::move(comment);
  return c;
}

inline schema::Table table(std::string name, std::vector<schema::Column> columns) {
  schema::Table t;
  t.name = std::move(name);
  t.columns = std::move(columns);
  return t;
}

inline schema::ForeignKey fk(std::string name, std::vector<std::string> columns,
                             std::string ref_table, std::vector<std::string> ref_columns = {"id"},
                             std::string on_delete = "", std::string on_update = "") {
  return schema::ForeignKey{std::move(name),        std::move(columns),   std::move(ref_table),
                            std::move(ref_columns), std::move(on_delete), std::move(on_update)};
}

inline schema::Index index(std::string name, std::vector<std::string> columns, bool unique = false,
                           std::optional<std::string> where = std::nullopt) {
  schema::Index i;
  i.name = std::move(name);
  i.parts = schema::parse_index_parts(columns);
  i.unique = unique;
  i.where = std::move(where);
  return i;
}

inline schema::Database database(std::vector<schema::Table> tables,
                                 std::vector<schema::Enum> enums = {}) {
  schema::Database db;
  db.tables = std::move(tables);
  db.enums = std::move(enums);
  return db;
}

// ---------------------------------------------------------------------------------------------
// Dumps: ops have no operator==, so tests compare text. `full` shows every field.

inline std::string opt(const std::optional<std::string>& s) {
  return s ? "'" + *s + "'" : "-";
}

inline std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : ",") + items[i];
  }
  return out + "]";
}

inline std::string dump(const schema::Column& c) {
  return c.name + ":" + c.type.declared() + (c.nullable ? "" : " notnull") +
         (c.primary_key ? " pk" : "") + (c.autoincrement ? " ai" : "") +
         (c.identity_always ? " always" : "") + " default=" + opt(c.default_expr) +
         " comment=" + opt(c.comment) +
         (c.generated ? std::string(" generated=(") + c.generated->expression + ")" +
                            (c.generated->stored ? "stored" : "virtual")
                      : std::string()) +
         (c.collation ? " collation=" + *c.collation : std::string());
}

inline std::string dump(const schema::TableOptions& o) {
  return "engine=" + opt(o.engine) + " charset=" + opt(o.charset) + " collate=" + opt(o.collate) +
         " row_format=" + opt(o.row_format);
}

inline std::string dump(const schema::Index& i) {
  return "index " + i.name + list(schema::index_part_texts(i.parts)) + (i.unique ? " unique" : "") +
         " where=" + opt(i.where) + " method=" + opt(i.method);
}

inline std::string dump(const schema::UniqueConstraint& u) {
  return "unique " + u.name + list(u.columns);
}

inline std::string dump(const schema::ForeignKey& f) {
  return "fk " + f.name + list(f.columns) + "->" + f.ref_table + list(f.ref_columns) +
         " del=" + f.on_delete + " upd=" + f.on_update;
}

inline std::string dump(const schema::CheckConstraint& c) {
  return "check " + c.name + "(" + c.expression + ")";
}

inline std::string dump(const schema::Table& t) {
  std::string s = "table " + t.name + "{";
  for (const auto& c : t.columns) {
    s += dump(c) + ";";
  }
  for (const auto& i : t.indexes) {
    s += dump(i) + ";";
  }
  for (const auto& u : t.uniques) {
    s += dump(u) + ";";
  }
  for (const auto& f : t.foreign_keys) {
    s += dump(f) + ";";
  }
  for (const auto& c : t.checks) {
    s += dump(c) + ";";
  }
  return s + "comment=" + opt(t.comment) +
         (t.options.empty() ? std::string() : " options " + dump(t.options)) + "}";
}

inline std::string dump(const schema::Sequence& q) {
  auto n = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; };
  return "sequence " + q.name + " type=" + opt(q.type) + " start=" + n(q.start) +
         " increment=" + n(q.increment) + " min=" + n(q.min) + " max=" + n(q.max) +
         " cache=" + n(q.cache) + (q.cycle ? " cycle" : "") + " owned_by=" + opt(q.owned_by);
}

inline std::string dump(const schema::Domain& d) {
  std::string s = "domain " + d.name + " " + d.type + (d.nullable ? "" : " notnull") +
                  " default=" + opt(d.default_expr) + " collation=" + opt(d.collation);
  for (const auto& c : d.checks) {
    s += " " + dump(c);
  }
  return s;
}

inline std::string dump(const schema::Extension& e) {
  return "extension " + e.name + " schema=" + opt(e.schema) + " version=" + opt(e.version);
}

template <class T> std::string dump_opt(const std::optional<T>& v) {
  return v ? dump(*v) : "-";
}

inline std::string full(const schema::Op& op) {
  using namespace schema;
  auto b = [](const std::optional<bool>& v) { return v ? (*v ? "true" : "false") : "-"; };
  return std::visit(
      Overloaded{
          [](const CreateTable& o) { return "create_table " + dump(o.table); },
          [](const DropTable& o) { return "drop_table " + o.table + " " + dump_opt(o.definition); },
          [](const RenameTable& o) { return "rename_table " + o.table + " " + o.new_name; },
          [](const AddColumn& o) { return "add_column " + o.table + " " + dump(o.column); },
          [](const DropColumn& o) {
            return "drop_column " + o.table + "." + o.column + " " + dump_opt(o.definition);
          },
          [&](const AlterColumn& o) {
            return "alter_column " + o.table + "." + o.column + " type=" + opt(o.type) +
                   " nullable=" + b(o.nullable) + " default=" + opt(o.default_expr) +
                   " new_name=" + opt(o.new_name) + " comment=" + opt(o.comment) +
                   " existing_type=" + opt(o.existing_type) +
                   " existing_nullable=" + b(o.existing_nullable) +
                   " existing_default=" + opt(o.existing_default) +
                   " existing_comment=" + opt(o.existing_comment) +
                   (o.autoincrement ? std::string(" autoincrement=") + b(o.autoincrement) +
                                          " existing_autoincrement=" + b(o.existing_autoincrement)
                                    : std::string()) +
                   (o.identity_always || o.existing_identity_always
                        ? std::string(" identity_always=") + b(o.identity_always) +
                              " existing_identity_always=" + b(o.existing_identity_always)
                        : std::string()) +
                   (o.existing_generated
                        ? " existing_generated=(" + o.existing_generated->expression + ")" +
                              (o.existing_generated->stored ? "stored" : "virtual")
                        : std::string()) +
                   (o.collation || o.existing_collation
                        ? " collation=" + opt(o.collation) +
                              " existing_collation=" + opt(o.existing_collation)
                        : std::string());
          },
          [](const schema::AlterPrimaryKey& o) {
            std::string out =
                "alter_primary_key " + o.table + " (" + util::join(o.columns, ",") + ")";
            if (o.existing_columns) {
              out += " was (" + util::join(*o.existing_columns, ",") + ")";
            }
            return out;
          },
          [](const CreateIndex& o) { return "create_index " + o.table + " " + dump(o.index); },
          [](const DropIndex& o) {
            return "drop_index " + o.table + " " + o.name + " " + dump_opt(o.definition);
          },
          [](const CreateUnique& o) {
            return "create_unique " + o.table + " " + dump(o.constraint);
          },
          [](const CreateForeignKey& o) {
            return "create_foreign_key " + o.table + " " + dump(o.constraint);
          },
          [](const CreateCheck& o) { return "create_check " + o.table + " " + dump(o.constraint); },
          [](const DropConstraint& o) {
            return "drop_constraint " + o.table + " " + o.name + " " + dump_opt(o.unique) + " " +
                   dump_opt(o.foreign_key) + " " + dump_opt(o.check);
          },
          [](const SetTableComment& o) {
            return "set_table_comment " + o.table + " '" + o.comment + "' " +
                   opt(o.existing_comment);
          },
          [](const AlterTableOptions& o) {
            return "alter_table_options " + o.table + " " + dump(o.options) + " was " +
                   dump(o.existing);
          },
          [](const Execute&) { return std::string("execute"); },
          [](const BulkInsert& o) { return "bulk_insert " + o.table; },
          [](const CreateEnum& o) { return "create_enum " + o.type.name + list(o.type.values); },
          [](const DropEnum& o) {
            return "drop_enum " + o.name + (o.definition ? list(o.definition->values) : "-");
          },
          [](const AddEnumValue& o) {
            return "add_enum_value " + o.name + " " + o.value + " before=" + opt(o.before);
          },
          [](const CreateSequence& o) { return "create_sequence " + dump(o.sequence); },
          [](const DropSequence& o) {
            return "drop_sequence " + o.name + " " + dump_opt(o.definition);
          },
          [](const AlterSequence& o) {
            return "alter_sequence " + dump(o.sequence) + " was " + dump_opt(o.existing);
          },
          [](const CreateDomain& o) { return "create_domain " + dump(o.domain); },
          [](const DropDomain& o) {
            return "drop_domain " + o.name + " " + dump_opt(o.definition);
          },
          [](const AlterDomain& o) {
            return "alter_domain " + dump(o.domain) + " was " + dump_opt(o.existing);
          },
          [](const CreateExtension& o) { return "create_extension " + dump(o.extension); },
          [](const DropExtension& o) {
            return "drop_extension " + o.name + " " + dump_opt(o.definition);
          },
          [](const AlterExtension& o) {
            return "alter_extension " + o.name + " " + o.version + " was " +
                   opt(o.existing_version);
          },
          [](const CreateView& o) {
            return "create_view " + o.view.name + " " + o.view.definition;
          },
          [](const DropView& o) {
            return "drop_view " + o.name + (o.definition ? " " + o.definition->definition : "");
          },
          [](const ReplaceView& o) {
            return "replace_view " + o.view.name + " " + o.view.definition + " was " +
                   (o.existing ? o.existing->definition : "?");
          },
          [](const CreateRoutine& o) {
            return op_name(o) + " " + o.routine.name + "(" + o.routine.arguments + ") " +
                   o.routine.definition;
          },
          [](const DropRoutine& o) {
            return op_name(o) + " " + o.name + "(" + o.arguments + ")" +
                   (o.definition ? " " + o.definition->definition : std::string(" -"));
          },
          [](const ReplaceRoutine& o) {
            return op_name(o) + " " + o.routine.name + "(" + o.routine.arguments + ") " +
                   o.routine.definition + " was " +
                   (o.existing ? o.existing->definition : std::string("-"));
          },
          [](const CreateTrigger& o) {
            return "create_trigger " + o.trigger.table + "." + o.trigger.name;
          },
          [](const DropTrigger& o) {
            return "drop_trigger " + o.table + "." + o.name + (o.definition ? "" : " -");
          },
          [](const CreateVirtualTable& o) {
            return "create_virtual_table " + o.table.name + " " + o.table.module + "(" +
                   util::join(o.table.arguments, ", ") + ")";
          },
          [](const DropVirtualTable& o) {
            return "drop_virtual_table " + o.name + (o.definition ? "" : " -");
          },
          [](const CreateAggregate& o) {
            return "create_aggregate " + aggregate_key(o.aggregate.name, o.aggregate.arguments) +
                   " initcond=" + opt(o.aggregate.initcond);
          },
          [](const DropAggregate& o) {
            return "drop_aggregate " + aggregate_key(o.name, o.arguments) +
                   (o.definition ? " initcond=" + opt(o.definition->initcond) : " -");
          },
          [](const CreateOperator& o) {
            return "create_operator " + operator_key(o.op.name, o.op.leftarg, o.op.rightarg) + " " +
                   o.op.function;
          },
          [](const DropOperator& o) {
            return "drop_operator " + operator_key(o.name, o.leftarg, o.rightarg) +
                   (o.definition ? " " + o.definition->function : " -");
          },
      },
      op);
}

inline std::vector<std::string> full_all(const std::vector<schema::Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) {
    out.push_back(full(op));
  }
  return out;
}

// "op_name table[.object]": enough to assert which ops come, in which order.
inline std::string brief(const schema::Op& op) {
  using namespace schema;
  const std::string name = op_name(op);
  return std::visit(
      Overloaded{
          [&](const CreateTable& o) { return name + " " + o.table.name; },
          [&](const AddColumn& o) { return name + " " + o.table + "." + o.column.name; },
          [&](const DropColumn& o) { return name + " " + o.table + "." + o.column; },
          [&](const AlterColumn& o) { return name + " " + o.table + "." + o.column; },
          [&](const CreateIndex& o) { return name + " " + o.table + "." + o.index.name; },
          [&](const DropIndex& o) { return name + " " + o.table + "." + o.name; },
          [&](const CreateUnique& o) { return name + " " + o.table + "." + o.constraint.name; },
          [&](const CreateForeignKey& o) { return name + " " + o.table + "." + o.constraint.name; },
          [&](const CreateCheck& o) { return name + " " + o.table + "." + o.constraint.name; },
          [&](const DropConstraint& o) { return name + " " + o.table + "." + o.name; },
          [&](const CreateEnum& o) { return name + " " + o.type.name; },
          [&](const DropEnum& o) { return name + " " + o.name; },
          [&](const AddEnumValue& o) { return name + " " + o.name + "." + o.value; },
          [&](const Execute&) { return name; },
          [&](const CreateSequence& o) { return name + " " + o.sequence.name; },
          [&](const AlterSequence& o) { return name + " " + o.sequence.name; },
          [&](const CreateDomain& o) { return name + " " + o.domain.name; },
          [&](const AlterDomain& o) { return name + " " + o.domain.name; },
          [&](const CreateExtension& o) { return name + " " + o.extension.name; },
          [&](const DropSequence& o) { return name + " " + o.name; },
          [&](const DropDomain& o) { return name + " " + o.name; },
          [&](const DropExtension& o) { return name + " " + o.name; },
          [&](const AlterExtension& o) { return name + " " + o.name; },
          [&](const CreateView& o) { return name + " " + o.view.name; },
          [&](const DropView& o) { return name + " " + o.name; },
          [&](const ReplaceView& o) { return name + " " + o.view.name; },
          [&](const CreateRoutine& o) { return name + " " + o.routine.name; },
          [&](const DropRoutine& o) { return name + " " + o.name; },
          [&](const ReplaceRoutine& o) { return name + " " + o.routine.name; },
          [&](const CreateTrigger& o) {
            return name + " " + o.trigger.table + "." + o.trigger.name;
          },
          [&](const DropTrigger& o) { return name + " " + o.table + "." + o.name; },
          [&](const CreateVirtualTable& o) { return name + " " + o.table.name; },
          [&](const DropVirtualTable& o) { return name + " " + o.name; },
          [&](const CreateAggregate& o) { return name + " " + o.aggregate.name; },
          [&](const DropAggregate& o) { return name + " " + o.name; },
          [&](const CreateOperator& o) { return name + " " + o.op.name; },
          [&](const DropOperator& o) { return name + " " + o.name; },
          [&](const auto& o) { return name + " " + o.table; },
      },
      op);
}

inline std::vector<std::string> briefs(const std::vector<schema::Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) {
    out.push_back(brief(op));
  }
  return out;
}

inline std::vector<std::string> describe_all(const std::vector<schema::Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) {
    out.push_back(migrate::describe(op));
  }
  return out;
}

inline bool adds_enum_values(const std::vector<schema::Op>& ops) {
  for (const auto& op : ops) {
    if (std::holds_alternative<schema::AddEnumValue>(op)) {
      return true;
    }
  }
  return false;
}

inline schema::Database applied(schema::Database db, const std::vector<schema::Op>& ops) {
  for (const auto& op : ops) {
    INFO("applying " << full(op));
    schema::apply(db, op);
  }
  return db;
}

// The contract every diff must keep: the downgrade is the reversed upgrade (bar added enum
// values, which cannot be reversed one by one); upgrading `current` reaches `desired`;
// downgrading that comes back to `current`; and each side diffs clean against itself.
inline migrate::DiffResult diff_and_check(const schema::Database& current,
                                          const schema::Database& desired,
                                          const migrate::DiffOptions& options = {}) {
  migrate::DiffResult r = migrate::diff(current, desired, options);
  if (!adds_enum_values(r.upgrade)) {
    CHECK(full_all(r.downgrade) == full_all(schema::reverse_all(r.upgrade)));
  }
  const schema::Database up = applied(current, r.upgrade);
  const auto residual_up = migrate::diff(up, desired, options);
  INFO("after upgrade, still: " << list(describe_all(residual_up.upgrade)));
  CHECK(residual_up.empty());
  const schema::Database down = applied(up, r.downgrade);
  const auto residual_down = migrate::diff(down, current, options);
  INFO("after downgrade, still: " << list(describe_all(residual_down.upgrade)));
  CHECK(residual_down.empty());
  CHECK(migrate::diff(current, current, options).empty());
  CHECK(migrate::diff(desired, desired, options).empty());
  return r;
}

} // namespace migratecpp::test
