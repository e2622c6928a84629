#include "migrate/model_aggregates.h"

#include "util/strings.h"

#include <map>

namespace migratecpp::migrate {

namespace {

std::string at(const util::Location& l) {
  return l.path + ":" + std::to_string(l.line);
}

} // namespace

void check_aggregates(const schema::Database& db, const std::vector<util::Location>& aggregates,
                      const std::vector<util::Location>& operators,
                      const dialects::Dialect* dialect) {
  if (dialect != nullptr && !dialect->has_aggregates_and_operators()) {
    const std::string on = std::string(dialect->name());
    if (!db.aggregates.empty()) {
      const auto& a = db.aggregates[0];
      throw util::Error(schema::aggregate_label(a.name, a.arguments) +
                            ": user-defined aggregates ([[aggregate]]) are PostgreSQL's; " + on +
                            " has none migratecpp models",
                        aggregates[0]);
    }
    if (!db.operators.empty()) {
      const auto& o = db.operators[0];
      throw util::Error(schema::operator_label(o.name, o.leftarg, o.rightarg) +
                            ": user-defined operators ([[operator]]) are PostgreSQL's; " + on +
                            " has none",
                        operators[0]);
    }
  }
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < db.aggregates.size(); ++i) {
    const auto& a = db.aggregates[i];
    auto [it, inserted] = seen.emplace(schema::aggregate_key(a.name, a.arguments), i);
    if (!inserted) {
      throw util::Error(schema::aggregate_label(a.name, a.arguments) +
                            " is defined twice (first at " + at(aggregates[it->second]) + ")",
                        aggregates[i]);
    }
  }
  seen.clear();
  for (std::size_t i = 0; i < db.operators.size(); ++i) {
    const auto& o = db.operators[i];
    auto [it, inserted] = seen.emplace(schema::operator_key(o.name, o.leftarg, o.rightarg), i);
    if (!inserted) {
      throw util::Error(schema::operator_label(o.name, o.leftarg, o.rightarg) +
                            " is defined twice (first at " + at(operators[it->second]) + ")",
                        operators[i]);
    }
  }
}

} // namespace migratecpp::migrate
