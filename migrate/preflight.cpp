#include "migrate/preflight.h"

#include "util/error.h"
#include "util/strings.h"

#include <fstream>
#include <optional>
#include <string>
#include <type_traits>

namespace migratecpp::migrate {

namespace {

// The names a table definition introduces: the table, its columns, indexes, constraints.
void names_of(const schema::Table& t, std::vector<std::string>& out) {
  out.push_back(t.name);
  for (const auto& c : t.columns) {
    out.push_back(c.name);
  }
  for (const auto& i : t.indexes) {
    out.push_back(i.name);
  }
  for (const auto& u : t.uniques) {
    out.push_back(u.name);
  }
  for (const auto& f : t.foreign_keys) {
    out.push_back(f.name);
    out.push_back(f.ref_table);
  }
  for (const auto& c : t.checks) {
    out.push_back(c.name);
  }
}

// The names an op creates or refers to (expressions and SQL text are not names).
std::vector<std::string> names_of(const schema::Op& op) {
  std::vector<std::string> out;
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, schema::CreateTable>) {
          names_of(o.table, out);
        } else if constexpr (std::is_same_v<T, schema::RenameTable>) {
          out = {o.table, o.new_name};
        } else if constexpr (std::is_same_v<T, schema::AddColumn>) {
          out = {o.table, o.column.name};
        } else if constexpr (std::is_same_v<T, schema::AlterColumn>) {
          out = {o.table, o.column, o.new_name.value_or("")};
        } else if constexpr (std::is_same_v<T, schema::CreateIndex>) {
          out = {o.table, o.index.name};
        } else if constexpr (std::is_same_v<T, schema::CreateUnique> ||
                             std::is_same_v<T, schema::CreateCheck>) {
          out = {o.table, o.constraint.name};
        } else if constexpr (std::is_same_v<T, schema::CreateForeignKey>) {
          out = {o.table, o.constraint.name, o.constraint.ref_table};
        } else if constexpr (std::is_same_v<T, schema::CreateEnum>) {
          out = {o.type.name};
          out.insert(out.end(), o.type.values.begin(), o.type.values.end());
        } else if constexpr (std::is_same_v<T, schema::AddEnumValue>) {
          out = {o.name, o.value};
        } else if constexpr (std::is_same_v<T, schema::DropEnum> ||
                             std::is_same_v<T, schema::DropSequence> ||
                             std::is_same_v<T, schema::DropDomain> ||
                             std::is_same_v<T, schema::DropExtension> ||
                             std::is_same_v<T, schema::AlterExtension>) {
          out = {o.name};
        } else if constexpr (std::is_same_v<T, schema::CreateSequence>) {
          out = {o.sequence.name};
        } else if constexpr (std::is_same_v<T, schema::AlterSequence>) {
          out = {o.sequence.name};
        } else if constexpr (std::is_same_v<T, schema::CreateDomain> ||
                             std::is_same_v<T, schema::AlterDomain>) {
          out = {o.domain.name};
          for (const auto& c : o.domain.checks) {
            out.push_back(c.name);
          }
        } else if constexpr (std::is_same_v<T, schema::CreateExtension>) {
          out = {o.extension.name};
        } else if constexpr (std::is_same_v<T, schema::CreateView> ||
                             std::is_same_v<T, schema::ReplaceView>) {
          out = {o.view.name};
          for (const auto& i : o.view.indexes) {
            out.push_back(i.name);
          }
        } else if constexpr (std::is_same_v<T, schema::DropView>) {
          out = {o.name};
        } else if constexpr (std::is_same_v<T, schema::CreateRoutine> ||
                             std::is_same_v<T, schema::ReplaceRoutine>) {
          out = {o.routine.name};
        } else if constexpr (std::is_same_v<T, schema::DropRoutine>) {
          out = {o.name};
        } else if constexpr (std::is_same_v<T, schema::CreateTrigger>) {
          out = {o.trigger.table, o.trigger.name};
        } else if constexpr (std::is_same_v<T, schema::DropTrigger>) {
          out = {o.table, o.name};
        } else if constexpr (std::is_same_v<T, schema::CreateVirtualTable>) {
          out = {o.table.name};
        } else if constexpr (std::is_same_v<T, schema::CreateAggregate>) {
          out = {o.aggregate.name};
        } else if constexpr (std::is_same_v<T, schema::CreateOperator>) {
          out = {o.op.name};
        } else if constexpr (std::is_same_v<T, schema::DropVirtualTable> ||
                             std::is_same_v<T, schema::DropAggregate> ||
                             std::is_same_v<T, schema::DropOperator>) {
          out = {o.name};
        } else if constexpr (std::is_same_v<T, schema::Execute>) {
          // free-form SQL: the database answers for it
        } else {
          out = {o.table};
        }
      },
      op);
  return out;
}

// The first name longer than `limit` bytes.
std::optional<std::string> too_long(const std::vector<std::string>& names, std::size_t limit) {
  for (const auto& n : names) {
    if (n.size() > limit) {
      return n;
    }
  }
  return std::nullopt;
}

std::string too_long_message(const dialects::Dialect& dialect, const std::string& name,
                             std::size_t limit) {
  return "the name '" + name + "' is " + std::to_string(name.size()) + " bytes long; " +
         std::string(dialect.name()) + " keeps at most " + std::to_string(limit) +
         " (it would silently shorten it): choose a shorter name";
}

} // namespace

void preflight(const dialects::Dialect& dialect, const std::vector<Step>& steps,
               util::Output& out) {
  const auto limit = dialect.max_identifier_length();
  const schema::Database nothing;
  for (const Step& step : steps) {
    if (step.file == nullptr) {
      continue; // a stamp
    }
    const RevisionFile& file = *step.file;
    const std::string& path = file.revision.where.path;
    if (!step.upgrade && file.downgrade.empty() && !file.upgrade.empty()) {
      throw util::Error("revision " + file.revision.id +
                            " has no [[downgrade]] ops, but its "
                            "upgrade has " +
                            std::to_string(file.upgrade.size()) +
                            ": downgrading through it would leave its changes in place. Write "
                            "its [[downgrade]] ops, or move the version table alone with "
                            "'migratecpp stamp'",
                        util::Location{path, 0});
    }
    const auto& ops = step.upgrade ? file.upgrade : file.downgrade;
    const auto& lines = step.upgrade ? file.upgrade_lines : file.downgrade_lines;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      const util::Location where{path, i < lines.size() ? lines[i] : 0};
      const std::string label = "revision " + file.revision.id + ": " +
                                (step.upgrade ? "upgrade" : "downgrade") + " op #" +
                                std::to_string(i + 1) + " (" + schema::op_name(ops[i]) + ")";
      if (limit) {
        if (const auto name = too_long(names_of(ops[i]), *limit)) {
          throw util::Error(label + ": " + too_long_message(dialect, *name, *limit), where);
        }
      }
      if (const auto* e = std::get_if<schema::Execute>(&ops[i]);
          e != nullptr && !e->sql.empty() && dialect.render(ops[i], nothing).empty()) {
        std::vector<std::string> keys;
        for (const auto& [key, sql] : e->sql) {
          keys.push_back(key.empty() ? "every dialect (empty)" : key);
        }
        out.warning(where.path + ":" + std::to_string(where.line) + ": " + label +
                    " has no SQL for " + std::string(dialect.name()) +
                    " (it has: " + util::join(keys, ", ") + "); it does nothing here");
      }
    }
  }
}

void check_model_identifiers(const dialects::Dialect& dialect, const schema::Database& models,
                             const std::vector<std::filesystem::path>& files) {
  const auto limit = dialect.max_identifier_length();
  if (!limit) {
    return;
  }
  std::vector<std::string> names;
  for (const auto& t : models.tables) {
    names_of(t, names);
  }
  for (const auto& e : models.enums) {
    names.push_back(e.name);
    names.insert(names.end(), e.values.begin(), e.values.end());
  }
  for (const auto& s : models.sequences) {
    names.push_back(s.name);
  }
  for (const auto& d : models.domains) {
    names.push_back(d.name);
    for (const auto& c : d.checks) {
      names.push_back(c.name);
    }
  }
  const auto name = too_long(names, *limit);
  if (!name) {
    return;
  }
  // Only on this error path: find the line that writes the name, quoted as TOML quotes it.
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
      if (line.find('"' + *name + '"') != std::string::npos ||
          line.find('\'' + *name + '\'') != std::string::npos) {
        throw util::Error(too_long_message(dialect, *name, *limit),
                          util::Location{file.string(), number});
      }
    }
  }
  throw util::Error("models: " + too_long_message(dialect, *name, *limit));
}

} // namespace migratecpp::migrate
