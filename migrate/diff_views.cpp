#include "migrate/diff_views.h"

#include "schema/view.h"
#include "util/strings.h"

#include <algorithm>
#include <map>

namespace migratecpp::migrate {

namespace {

std::string comparable_definition(std::string text) {
  text = util::trim(text);
  while (!text.empty() &&
         (text.back() == ';' || std::isspace(static_cast<unsigned char>(text.back())))) {
    text.pop_back();
  }
  return normalize_expression(text);
}

bool managed(const DiffOptions& options, const schema::View& v) {
  return options.objects.manages(v.materialized ? "materialized_views" : "views", v.name);
}

} // namespace

bool same_view(const schema::View& a, const schema::View& b) {
  schema::View x = a;
  schema::View y = b;
  // Session settings one side leaves out (a model written without them) are not compared.
  if (!schema::same_session_settings(x.session, y.session)) {
    return false;
  }
  x.session = y.session = {};
  x.definition = comparable_definition(x.definition);
  y.definition = comparable_definition(y.definition);
  if (x == y) {
    return true;
  }
  // Another spelling the server prints for one of them (View::alternate_definitions).
  auto spelled = [](const schema::View& v, const std::string& other) {
    return std::any_of(v.alternate_definitions.begin(), v.alternate_definitions.end(),
                       [&](const std::string& d) { return comparable_definition(d) == other; });
  };
  if (spelled(a, y.definition) || spelled(b, x.definition)) {
    x.definition = y.definition;
    return x == y;
  }
  return false;
}

ViewChanges diff_views(const schema::Database& current_in, const schema::Database& desired_in,
                       const std::set<std::string>& reshaped_tables, const DiffOptions& options) {
  // The views alone, with their dependencies filled in: what follows reads nothing else, and
  // a copy of every table doubled the diff's memory at thousands of tables.
  schema::Database current;
  current.views = current_in.views;
  schema::fill_view_dependencies(current.views, current_in.tables);
  schema::Database desired;
  desired.views = desired_in.views;
  schema::fill_view_dependencies(desired.views, desired_in.tables);
  std::map<std::string, const schema::View*> cur;
  std::map<std::string, const schema::View*> des;
  for (const auto& v : current.views) {
    if (managed(options, v)) {
      cur[v.name] = &v;
    }
  }
  for (const auto& v : desired.views) {
    if (managed(options, v)) {
      des[v.name] = &v;
    }
  }

  ViewChanges out;
  std::set<std::string> replace;  // CREATE OR REPLACE
  std::set<std::string> recreate; // drop + create
  std::set<std::string> gone;     // dropped for good
  std::set<std::string> appended; // replaced in place, but not back (PostgreSQL)
  for (const auto& [name, v] : cur) {
    auto it = des.find(name);
    if (it == des.end()) {
      gone.insert(name);
      continue;
    }
    const schema::View& d = *it->second;
    if (same_view(*v, d)) {
      continue;
    }
    if (v->materialized || d.materialized) {
      recreate.insert(name);
      out.warnings.push_back("materialized view '" + name +
                             "' changes: it is dropped and created again, and its rows are "
                             "computed again (a long statement on a large one)");
    } else if (!options.view_replace_keeps_columns ||
               (!v->signature.empty() && v->signature == d.signature)) {
      replace.insert(name);
    } else if (!v->signature.empty() && d.signature.size() > v->signature.size() &&
               std::equal(v->signature.begin(), v->signature.end(), d.signature.begin())) {
      replace.insert(name);
      appended.insert(name);
    } else {
      recreate.insert(name);
    }
  }
  // What reads a view dropped or re-created, or a table whose columns change, goes with it
  // and comes back after (PostgreSQL refuses to leave it behind; MariaDB and SQLite would
  // leave it broken).
  std::set<std::string> base = reshaped_tables;
  base.insert(recreate.begin(), recreate.end());
  base.insert(gone.begin(), gone.end());
  for (const auto& name : schema::dependent_views(current, base)) {
    if (cur.count(name) == 0) {
      continue; // not ours to touch
    }
    if (des.count(name) != 0 && recreate.insert(name).second) {
      replace.erase(name);
      appended.erase(name);
      out.warnings.push_back("view '" + name +
                             "' is dropped and created again: it reads something that changes");
    }
  }

  std::set<std::string> drops = gone;
  drops.insert(recreate.begin(), recreate.end());
  const std::vector<std::string> drop_order = schema::views_in_order(current, drops);
  for (auto it = drop_order.rbegin(); it != drop_order.rend(); ++it) {
    const schema::View& v = *cur.at(*it);
    out.drops.push_back(schema::DropView{v.name, v.materialized, v});
  }
  std::set<std::string> creates = recreate;
  creates.insert(replace.begin(), replace.end());
  for (const auto& [name, v] : des) {
    if (cur.count(name) == 0) {
      creates.insert(name);
    }
  }
  for (const auto& name : schema::views_in_order(desired, creates)) {
    const schema::View& v = *des.at(name);
    if (replace.count(name) != 0) {
      out.creates.push_back(schema::ReplaceView{v, *cur.at(name)});
    } else {
      out.creates.push_back(schema::CreateView{v});
    }
  }
  if (appended.empty()) {
    return out;
  }
  std::vector<schema::Op> down;
  for (auto it = out.creates.rbegin(); it != out.creates.rend(); ++it) {
    const auto* r = std::get_if<schema::ReplaceView>(&*it);
    if (r == nullptr || appended.count(r->view.name) == 0) {
      down.push_back(schema::reverse(*it));
      continue;
    }
    // The views on it that this revision leaves as they are go and come back around it.
    std::set<std::string> untouched;
    for (const auto& name : schema::dependent_views(desired, {r->view.name})) {
      if (cur.count(name) != 0 && des.count(name) != 0 && creates.count(name) == 0) {
        untouched.insert(name);
      }
    }
    const std::vector<std::string> order = schema::views_in_order(desired, untouched);
    for (auto u = order.rbegin(); u != order.rend(); ++u) {
      const schema::View& uv = *cur.at(*u);
      down.push_back(schema::DropView{uv.name, uv.materialized, uv});
    }
    down.push_back(schema::DropView{r->view.name, false, r->view});
    down.push_back(schema::CreateView{*r->existing});
    for (const auto& u : order) {
      down.push_back(schema::CreateView{*cur.at(u)});
    }
  }
  out.creates_down = std::move(down);
  return out;
}

} // namespace migratecpp::migrate
