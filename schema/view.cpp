#include "schema/view.h"

#include "util/sql_lexer.h"

#include <algorithm>
#include <map>

namespace migratecpp::schema {

bool View::operator==(const View& o) const {
  return name == o.name && definition == o.definition && materialized == o.materialized &&
         check_option == o.check_option && security_barrier == o.security_barrier &&
         security_invoker == o.security_invoker && algorithm == o.algorithm &&
         sql_security == o.sql_security && columns == o.columns && indexes == o.indexes &&
         with_data == o.with_data && comment == o.comment && session == o.session;
}

const View* Database::find_view(const std::string& name) const {
  for (const auto& v : views) {
    if (v.name == name) {
      return &v;
    }
  }
  return nullptr;
}

std::vector<std::string> view_references(const std::string& definition,
                                         const std::set<std::string>& known) {
  std::set<std::string> found;
  for (const auto& t : util::sql::tokenize(definition)) {
    if (!util::sql::is_identifier(t)) {
      continue;
    }
    std::string name = util::sql::identifier_value(t);
    if (known.count(name) == 0 && t.kind == util::sql::TokenKind::word) {
      // Unquoted words fold to lower case on most databases.
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    if (known.count(name) != 0) {
      found.insert(name);
    }
  }
  return {found.begin(), found.end()};
}

void fill_view_dependencies(Database& db) {
  fill_view_dependencies(db.views, db.tables);
}

void fill_view_dependencies(std::vector<View>& views, const std::vector<Table>& tables) {
  if (views.empty()) {
    return;
  }
  std::set<std::string> known;
  for (const auto& t : tables) {
    known.insert(t.name);
  }
  for (const auto& v : views) {
    known.insert(v.name);
  }
  for (auto& v : views) {
    if (!v.depends_on.empty()) {
      continue;
    }
    for (auto& name : view_references(v.definition, known)) {
      if (name != v.name) {
        v.depends_on.push_back(std::move(name));
      }
    }
  }
}

std::vector<std::string> views_in_order(const Database& db, const std::set<std::string>& names) {
  std::vector<std::string> out;
  std::set<std::string> done;
  std::set<std::string> visiting;
  // Depth first, names in order: a view's dependencies are placed before it.
  auto visit = [&](auto&& self, const std::string& name) -> void {
    if (done.count(name) != 0 || visiting.count(name) != 0) {
      return; // placed, or a cycle: broken here
    }
    const View* v = db.find_view(name);
    if (v == nullptr) {
      return;
    }
    visiting.insert(name);
    std::vector<std::string> deps = v->depends_on;
    std::sort(deps.begin(), deps.end());
    for (const auto& d : deps) {
      if (names.count(d) != 0) {
        self(self, d);
      }
    }
    visiting.erase(name);
    done.insert(name);
    out.push_back(name);
  };
  for (const auto& name : names) {
    visit(visit, name);
  }
  return out;
}

std::set<std::string> dependent_views(const Database& db, const std::set<std::string>& names) {
  std::set<std::string> out;
  bool grew = true;
  while (grew) {
    grew = false;
    for (const auto& v : db.views) {
      if (out.count(v.name) != 0 || names.count(v.name) != 0) {
        continue;
      }
      for (const auto& d : v.depends_on) {
        if (names.count(d) != 0 || out.count(d) != 0) {
          out.insert(v.name);
          grew = true;
          break;
        }
      }
    }
  }
  return out;
}

} // namespace migratecpp::schema
