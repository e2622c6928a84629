#include "migrate/diff_describe.h"

#include "migrate/diff.h"
#include "migrate/diff_normalize.h"
#include "schema/table_storage.h"
#include "util/strings.h"

#include <algorithm>
#include <map>

namespace migratecpp::migrate {

namespace {

using schema::AddColumn;
using schema::AddEnumValue;
using schema::AlterColumn;
using schema::CreateCheck;
using schema::CreateEnum;
using schema::CreateForeignKey;
using schema::CreateIndex;
using schema::CreateTable;
using schema::CreateUnique;
using schema::DropColumn;
using schema::DropConstraint;
using schema::DropEnum;
using schema::DropIndex;
using schema::DropTable;
using schema::Op;
using schema::SetTableComment;

// "increment 1 -> 5, owned by none -> t.id": the options that differ; `before` absent = only
// the new values.
std::string describe_sequence_change(const std::optional<schema::Sequence>& before,
                                     const schema::Sequence& after) {
  std::vector<std::string> parts;
  auto text = [](const auto& v) -> std::string {
    if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::optional<std::string>>) {
      return v ? *v : "default";
    } else {
      return v ? std::to_string(*v) : "default";
    }
  };
  auto add = [&](const char* what, const auto& was, const auto& now) {
    if (was != now) {
      parts.push_back(std::string(what) + " " + (before ? text(was) + " -> " : "") + text(now));
    }
  };
  const schema::Sequence old = before.value_or(schema::Sequence{});
  add("type", old.type, after.type);
  add("start", old.start, after.start);
  add("increment", old.increment, after.increment);
  add("min", old.min, after.min);
  add("max", old.max, after.max);
  add("cache", old.cache, after.cache);
  if (old.cycle != after.cycle) {
    parts.push_back(after.cycle ? "cycle" : "no cycle");
  }
  if (old.owned_by != after.owned_by) {
    parts.push_back("owned by " + (before ? old.owned_by.value_or("none") + " -> " : "") +
                    after.owned_by.value_or("none"));
  }
  return parts.empty() ? "no change" : util::join(parts, ", ");
}

std::string describe_domain_change(const std::optional<schema::Domain>& before,
                                   const schema::Domain& after) {
  std::vector<std::string> parts;
  const schema::Domain old = before.value_or(schema::Domain{});
  if (old.default_expr != after.default_expr) {
    parts.push_back("default " + old.default_expr.value_or("none") + " -> " +
                    after.default_expr.value_or("none"));
  }
  if (old.nullable != after.nullable) {
    parts.push_back(after.nullable ? "nullable" : "not null");
  }
  for (const auto& c : after.checks) {
    auto it = std::find_if(old.checks.begin(), old.checks.end(),
                           [&](const schema::CheckConstraint& o) { return o.name == c.name; });
    if (it == old.checks.end() || it->expression != c.expression) {
      parts.push_back("add check " + c.name + " (" + c.expression + ")");
    }
  }
  for (const auto& c : old.checks) {
    auto it = std::find_if(after.checks.begin(), after.checks.end(),
                           [&](const schema::CheckConstraint& o) { return o.name == c.name; });
    if (it == after.checks.end() || it->expression != c.expression) {
      parts.push_back("drop check " + c.name);
    }
  }
  return parts.empty() ? "no change" : util::join(parts, ", ");
}

std::string label(const std::string& name) {
  return name.empty() ? "" : " " + name;
}

std::string describe_alter(const AlterColumn& o) {
  std::vector<std::string> parts;
  auto or_none = [](const std::string& s) { return s.empty() ? std::string("none") : s; };
  auto nullability = [](bool nullable) { return nullable ? "nullable" : "not null"; };
  if (o.type) {
    parts.push_back("type " + (o.existing_type ? *o.existing_type + " -> " : "") + *o.type);
  }
  if (o.nullable) {
    parts.push_back(
        (o.existing_nullable ? std::string(nullability(*o.existing_nullable)) + " -> " : "") +
        nullability(*o.nullable));
  }
  if (o.default_expr) {
    parts.push_back("default " + (o.existing_default ? or_none(*o.existing_default) + " -> " : "") +
                    or_none(*o.default_expr));
  }
  if (o.comment) {
    auto shown = [&](const std::string& c) { return c.empty() ? "none" : util::squote(c); };
    parts.push_back("comment " + (o.existing_comment ? shown(*o.existing_comment) + " -> " : "") +
                    shown(*o.comment));
  }
  if (o.collation) {
    parts.push_back("collation " +
                    (o.existing_collation ? or_none(*o.existing_collation) + " -> " : "") +
                    or_none(*o.collation));
  }
  if (o.autoincrement) {
    parts.push_back(*o.autoincrement ? "autoincrement" : "no autoincrement");
  }
  if (o.identity_always) {
    parts.push_back(*o.identity_always ? "identity always" : "identity by default");
  }
  if (o.statistics) {
    auto target = [](int n) { return n < 0 ? std::string("default") : std::to_string(n); };
    parts.push_back("statistics " +
                    (o.existing_statistics ? target(*o.existing_statistics) + " -> " : "") +
                    target(*o.statistics));
  }
  if (o.new_name) {
    parts.push_back("rename to " + *o.new_name);
  }
  return "alter column " + o.table + "." + o.column +
         (parts.empty() ? "" : ": " + util::join(parts, ", "));
}

} // namespace

std::string paren_list(const std::vector<std::string>& items) {
  return "(" + util::join(items, ", ") + ")";
}

std::string describe(const Op& op) {
  using schema::Overloaded;
  return std::visit(
      Overloaded{
          [](const CreateTable& o) { return "add table " + o.table.name; },
          [](const DropTable& o) { return "drop table " + o.table; },
          [](const schema::RenameTable& o) {
            return "rename table " + o.table + " to " + o.new_name;
          },
          [](const AddColumn& o) {
            return "add column " + o.table + "." + o.column.name + " (" + o.column.type.declared() +
                   (effective_nullable(o.column) ? "" : ", not null") + ")";
          },
          [](const DropColumn& o) { return "drop column " + o.table + "." + o.column; },
          [](const AlterColumn& o) { return describe_alter(o); },
          [](const schema::AlterPrimaryKey& o) {
            return "change the primary key of " + o.table + " " +
                   (o.existing_columns ? paren_list(*o.existing_columns) + " -> " : "") +
                   paren_list(o.columns);
          },
          [](const CreateIndex& o) {
            return std::string("add ") + (o.index.unique ? "unique index" : "index") +
                   label(o.index.name) + " on " + o.table + " " +
                   paren_list(schema::index_part_texts(o.index.parts)) +
                   (o.index.where ? " where " + *o.index.where : "");
          },
          [](const DropIndex& o) { return "drop index" + label(o.name) + " on " + o.table; },
          [](const CreateUnique& o) {
            return "add unique constraint" + label(o.constraint.name) + " on " + o.table + " " +
                   paren_list(o.constraint.columns);
          },
          [](const CreateForeignKey& o) {
            const auto& f = o.constraint;
            std::string s = "add foreign key" + label(f.name) + " on " + o.table + " " +
                            paren_list(f.columns) + " -> " + f.ref_table;
            if (!f.ref_columns.empty()) {
              s += " " + paren_list(f.ref_columns);
            }
            if (!f.on_delete.empty()) {
              s += " on delete " + f.on_delete;
            }
            if (!f.on_update.empty()) {
              s += " on update " + f.on_update;
            }
            return s;
          },
          [](const CreateCheck& o) {
            return "add check constraint" + label(o.constraint.name) + " on " + o.table + " (" +
                   o.constraint.expression + ")";
          },
          [](const DropConstraint& o) {
            const char* kind = o.unique        ? "drop unique constraint"
                               : o.foreign_key ? "drop foreign key"
                               : o.check       ? "drop check constraint"
                                               : "drop constraint";
            return kind + label(o.name) + " on " + o.table;
          },
          [](const SetTableComment& o) {
            return o.comment.empty()
                       ? "remove comment on table " + o.table
                       : "set comment on table " + o.table + " to " + util::squote(o.comment);
          },
          [](const schema::AlterTableOptions& o) {
            std::vector<std::string> parts;
            auto add = [&](const char* key, const std::optional<std::string>& v,
                           const std::optional<std::string>& was) {
              if (v) {
                parts.push_back(std::string(key) + " " + (was ? *was + " -> " : "") + *v);
              }
            };
            add("engine", o.options.engine, o.existing.engine);
            add("charset", o.options.charset, o.existing.charset);
            add("collate", o.options.collate, o.existing.collate);
            add("row_format", o.options.row_format, o.existing.row_format);
            if (o.options.unlogged) {
              parts.push_back(*o.options.unlogged ? "unlogged" : "logged");
            }
            if (o.options.storage) {
              // The parameters set, then those reset (only in existing).
              const auto before = o.existing.storage.value_or(std::map<std::string, std::string>{});
              for (const auto& [key, value] : *o.options.storage) {
                auto was = before.find(key);
                add(key.c_str(), value,
                    was == before.end() ? std::nullopt : std::optional(was->second));
              }
              for (const auto& key : schema::reset_storage_parameters(o)) {
                parts.push_back(key + " " + before.at(key) + " -> default");
              }
            }
            return "alter options of table " + o.table + ": " + util::join(parts, ", ");
          },
          [](const schema::Execute&) { return std::string("execute SQL"); },
          [](const schema::BulkInsert& o) {
            return "insert " + std::to_string(o.rows.size()) +
                   (o.rows.size() == 1 ? " row" : " rows") + " into " + o.table;
          },
          [](const CreateEnum& o) {
            std::vector<std::string> values;
            for (const auto& v : o.type.values) {
              values.push_back(util::squote(v));
            }
            return "add enum " + o.type.name + " " + paren_list(values);
          },
          [](const DropEnum& o) { return "drop enum " + o.name; },
          [](const AddEnumValue& o) {
            return "add value " + util::squote(o.value) + " to enum " + o.name +
                   (o.before ? " before " + util::squote(*o.before) : "");
          },
          [](const schema::CreateSequence& o) { return "add sequence " + o.sequence.name; },
          [](const schema::DropSequence& o) { return "drop sequence " + o.name; },
          [](const schema::AlterSequence& o) {
            return "alter sequence " + o.sequence.name + ": " +
                   describe_sequence_change(o.existing, o.sequence);
          },
          [](const schema::CreateDomain& o) {
            return "add domain " + o.domain.name + " (" + o.domain.type + ")";
          },
          [](const schema::DropDomain& o) { return "drop domain " + o.name; },
          [](const schema::AlterDomain& o) {
            return "alter domain " + o.domain.name + ": " +
                   describe_domain_change(o.existing, o.domain);
          },
          [](const schema::CreateExtension& o) {
            return "add extension " + o.extension.name +
                   (o.extension.version ? " (version " + *o.extension.version + ")" : "");
          },
          [](const schema::DropExtension& o) { return "drop extension " + o.name; },
          [](const schema::AlterExtension& o) {
            return "alter extension " + o.name + ": version " + o.existing_version.value_or("?") +
                   " -> " + o.version;
          },
          [](const schema::CreateView& o) {
            return std::string(o.view.materialized ? "add materialized view " : "add view ") +
                   o.view.name;
          },
          [](const schema::DropView& o) {
            return std::string(o.materialized ? "drop materialized view " : "drop view ") + o.name;
          },
          [](const schema::ReplaceView& o) { return "replace view " + o.view.name; },
          [](const schema::CreateRoutine& o) {
            return "add " + o.routine.kind + " " + o.routine.name + "(" + o.routine.arguments + ")";
          },
          [](const schema::DropRoutine& o) {
            return "drop " + o.kind + " " + o.name + "(" + o.arguments + ")";
          },
          [](const schema::ReplaceRoutine& o) {
            return "replace " + o.routine.kind + " " + o.routine.name + "(" + o.routine.arguments +
                   ")";
          },
          [](const schema::CreateTrigger& o) {
            return "add trigger " + o.trigger.name + " on " + o.trigger.table;
          },
          [](const schema::DropTrigger& o) { return "drop trigger " + o.name + " on " + o.table; },
          [](const schema::CreateVirtualTable& o) {
            return "add virtual table " + o.table.name + " using " + o.table.module;
          },
          [](const schema::DropVirtualTable& o) { return "drop virtual table " + o.name; },
          [](const schema::CreateAggregate& o) {
            return "add aggregate " +
                   schema::aggregate_key(o.aggregate.name, o.aggregate.arguments);
          },
          [](const schema::DropAggregate& o) {
            return "drop aggregate " + schema::aggregate_key(o.name, o.arguments);
          },
          [](const schema::CreateOperator& o) {
            return "add operator " + schema::operator_key(o.op.name, o.op.leftarg, o.op.rightarg);
          },
          [](const schema::DropOperator& o) {
            return "drop operator " + schema::operator_key(o.name, o.leftarg, o.rightarg);
          },
      },
      op);
}

} // namespace migratecpp::migrate
