#include "dialects/introspection.h"

#include "util/strings.h"

#include <algorithm>
#include <tuple>

namespace migratecpp::dialects {

bool IntrospectOptions::skips(std::string_view table) const {
  if (!version_table.empty() && util::iequals(table, version_table)) {
    return true;
  }
  return std::any_of(exclude_tables.begin(), exclude_tables.end(),
                     [&](const std::string& x) { return util::iequals(table, x); });
}

void sort_introspected(schema::Database& db) {
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::stable_sort(db.tables.begin(), db.tables.end(), by_name);
  std::stable_sort(db.enums.begin(), db.enums.end(), by_name);
  for (auto& t : db.tables) {
    std::sort(t.indexes.begin(), t.indexes.end(), [](const auto& a, const auto& b) {
      // By the parts' text, the order inspect has always written them in.
      const auto ta = schema::index_part_texts(a.parts);
      const auto tb = schema::index_part_texts(b.parts);
      return std::tie(a.name, ta, a.where) < std::tie(b.name, tb, b.where);
    });
    std::sort(t.uniques.begin(), t.uniques.end(), [](const auto& a, const auto& b) {
      return std::tie(a.name, a.columns) < std::tie(b.name, b.columns);
    });
    std::sort(t.foreign_keys.begin(), t.foreign_keys.end(), [](const auto& a, const auto& b) {
      return std::tie(a.name, a.columns, a.ref_table, a.ref_columns, a.on_delete, a.on_update) <
             std::tie(b.name, b.columns, b.ref_table, b.ref_columns, b.on_delete, b.on_update);
    });
    std::sort(t.checks.begin(), t.checks.end(), [](const auto& a, const auto& b) {
      return std::tie(a.name, a.expression) < std::tie(b.name, b.expression);
    });
  }
}

} // namespace migratecpp::dialects
