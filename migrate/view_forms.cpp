#include "migrate/view_forms.h"

#include "migrate/diff_views.h"

namespace migratecpp::migrate {

void align_view_definitions(dialects::Connection& conn, const dialects::Dialect& dialect,
                            const schema::Database& live, schema::Database& desired) {
  std::vector<schema::View> probes;
  std::vector<std::pair<schema::View*, const schema::View*>> pairs;
  for (auto& want : desired.views) {
    const schema::View* have = live.find_view(want.name);
    if (have == nullptr || same_view(want, *have)) {
      continue;
    }
    probes.push_back(want);
    pairs.emplace_back(&want, have);
  }
  if (probes.empty()) {
    return;
  }
  const auto forms = dialect.stored_view_forms(conn, probes);
  for (std::size_t i = 0; i < pairs.size() && i < forms.size(); ++i) {
    auto& [model, stored] = pairs[i];
    if (!forms[i]) {
      continue;
    }
    model->signature = forms[i]->signature;
    schema::View as_stored = *model;
    as_stored.definition = forms[i]->definition;
    as_stored.columns = stored->columns;
    if (same_view(as_stored, *stored)) {
      model->definition = stored->definition;
      model->columns = stored->columns;
    }
  }
}

} // namespace migratecpp::migrate
