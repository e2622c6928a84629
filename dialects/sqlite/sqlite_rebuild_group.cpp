// One rebuild for consecutive ops of a revision that each rebuild the same table (issue 13):
// a check dropped, another added and a column altered copy the rows once, not three times, as
// Alembic's batch mode does. The group ends exactly where the ops' separate rebuilds would:
// each op's plan (its table before and after) is made from the schema the ops before it leave,
// as the runner would render it alone, and the one rebuild goes from the first plan's table to
// the last one's.
#include "dialects/sqlite/sqlite_ddl.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "dialects/sqlite/sqlite_table_extras.h"
#include "schema/apply.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <utility>

namespace migratecpp::dialects::sqlite {

using namespace detail;
using schema::Database;
using schema::Table;

namespace {

// Only these can be a rebuild; the others are not rendered here for nothing (a bulk_insert's
// rows, an execute's SQL).
bool may_rebuild(const schema::Op& op) {
  return std::holds_alternative<schema::AddColumn>(op) ||
         std::holds_alternative<schema::DropColumn>(op) ||
         std::holds_alternative<schema::AlterColumn>(op) ||
         std::holds_alternative<schema::AlterPrimaryKey>(op) ||
         std::holds_alternative<schema::CreateUnique>(op) ||
         std::holds_alternative<schema::CreateForeignKey>(op) ||
         std::holds_alternative<schema::CreateCheck>(op) ||
         std::holds_alternative<schema::DropConstraint>(op) ||
         std::holds_alternative<schema::SetTableComment>(op);
}

} // namespace

std::optional<SqliteDialect::RebuildPlan>
SqliteDialect::rebuild_plan(const schema::Op& op, const Database& before) const {
  if (!may_rebuild(op)) {
    return std::nullopt;
  }
  std::optional<RebuildPlan> plan;
  if (!render_or_plan(op, before, RenderContext{}, &plan).empty()) {
    return std::nullopt; // statements of its own (a RENAME COLUMN before its rebuild)
  }
  return plan;
}

std::size_t SqliteDialect::group_size(std::span<const schema::Op> ops,
                                      const Database& before) const {
  // A group needs a second op on the first one's table; only then is the schema copied to
  // follow the ops (a copy for every op made a long script quadratic in its tables).
  if (ops.size() < 2 || !may_rebuild(ops[0]) || !may_rebuild(ops[1]) ||
      !same_name(schema::op_table(ops[0]), schema::op_table(ops[1]))) {
    return 1;
  }
  Database state = before;
  std::string table;
  std::size_t n = 0;
  for (const schema::Op& op : ops) {
    try {
      const auto plan = rebuild_plan(op, state);
      if (!plan || (n > 0 && !same_name(plan->from.name, table))) {
        break;
      }
      schema::apply(state, op);
      table = plan->from.name;
    } catch (const util::Error&) {
      break; // the op does not fit: it runs alone, and its rendering says why
    }
    ++n;
  }
  return std::max<std::size_t>(n, 1);
}

std::vector<Statement> SqliteDialect::render_group(std::span<const schema::Op> ops,
                                                   const Database& before,
                                                   const RenderContext& context) const {
  Database state = before;
  std::vector<RebuildPlan> plans;
  // Each column of the table as the ops so far leave it, with the column of the first plan's
  // table whose values it takes: "" for one an op added (also under the name of a column an
  // earlier op dropped: its values are gone, as after separate rebuilds).
  std::vector<std::pair<std::string, std::string>> sources;
  for (const schema::Op& op : ops) {
    auto plan = rebuild_plan(op, state);
    if (!plan) {
      return Dialect::render_group(ops, before, context); // not a group (group_size says)
    }
    if (plans.empty()) {
      for (const auto& c : plan->from.columns) {
        sources.emplace_back(c.name, c.name);
      }
    }
    std::vector<std::pair<std::string, std::string>> next;
    for (const auto& c : plan->to.columns) {
      std::string source;
      if (find_column(plan->from, c.name) != nullptr) {
        for (const auto& [name, from] : sources) {
          if (same_name(name, c.name)) {
            source = from;
            break;
          }
        }
      }
      next.emplace_back(c.name, source);
    }
    sources = std::move(next);
    schema::apply(state, op);
    plans.push_back(std::move(*plan));
  }
  std::vector<std::string> whys;
  for (const auto& p : plans) {
    whys.push_back(p.why);
  }
  const std::string why = util::join(whys, ", ");
  const Table& from = plans.front().from;
  const Table& to = plans.back().to;
  // Read once: the live table (or the executed SQL) is what each op's own rebuild would have
  // read, since the rebuilds before it kept all of it. Its refusals come before anything runs.
  const TableExtras extras = table_extras(from, context, why);
  for (const auto& p : plans) {
    check_generated_columns(extras, p.from, p.to, p.why);
  }
  const std::map<std::string, std::string> copied_from(sources.begin(), sources.end());
  return rebuild(from, to, before, copied_from, why, context, extras);
}

} // namespace migratecpp::dialects::sqlite
