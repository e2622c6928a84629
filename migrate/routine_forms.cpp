#include "migrate/routine_forms.h"

#include "migrate/diff_routines.h"
#include "schema/routine.h"

namespace migratecpp::migrate {

void align_routine_definitions(dialects::Connection& conn, const dialects::Dialect& dialect,
                               const schema::Database& live, schema::Database& desired) {
  std::vector<schema::Routine> asked;
  std::vector<std::pair<schema::Routine*, const schema::Routine*>> pairs;
  for (auto& want : desired.routines) {
    const schema::Routine* have = schema::find_routine(live, want.kind, want.name, want.arguments);
    if (have != nullptr && !same_sql(have->definition, want.definition)) {
      asked.push_back(want);
      pairs.emplace_back(&want, have);
    }
  }
  if (asked.empty()) {
    return;
  }
  const auto forms = dialect.routine_stored_forms(conn, asked);
  for (std::size_t i = 0; i < pairs.size() && i < forms.size(); ++i) {
    auto [model, stored] = pairs[i];
    if (forms[i] && same_sql(*forms[i], stored->definition)) {
      model->definition = stored->definition;
      if (!model->returns) {
        model->returns = stored->returns;
      }
    }
  }
}

} // namespace migratecpp::migrate
