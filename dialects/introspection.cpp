#include "dialects/introspection.h"

#include "dialects/connection.h"
#include "util/strings.h"

#include <algorithm>
#include <tuple>

namespace migratecpp::dialects {

namespace {

// The version table and the names listed in exclude_tables, compared case-insensitively.
bool listed(const IntrospectOptions& options, std::string_view name) {
  if (!options.version_table.empty() && util::iequals(name, options.version_table)) {
    return true;
  }
  return std::any_of(options.exclude_tables.begin(), options.exclude_tables.end(),
                     [&](const std::string& x) { return util::iequals(name, x); });
}

} // namespace

bool IntrospectOptions::skips(std::string_view table) const {
  return listed(*this, table) || !objects.manages("tables", table);
}

std::string describe(const UnmanagedObject& object) {
  std::string out = object.kind + " " + util::squote(object.name);
  if (!object.table.empty() && object.table != object.name) {
    out += (object.kind == "partition" ? " of " : " on ") + util::squote(object.table);
  }
  return out;
}

std::vector<UnmanagedObject> kept_and_sorted(std::vector<UnmanagedObject> objects,
                                             const IntrospectOptions& options) {
  std::erase_if(objects, [&](const UnmanagedObject& o) {
    // The filter by the object's own kind: a table pattern is for tables and partitions only.
    return (!o.table.empty() && options.skips(o.table)) || listed(options, o.name) ||
           !options.objects.manages(o.kind, o.name, o.table);
  });
  std::sort(objects.begin(), objects.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.name, a.table) < std::tie(b.kind, b.name, b.table);
  });
  return objects;
}

std::vector<UnmanagedObject> unmanaged_from_rows(const Rows& rows,
                                                 const IntrospectOptions& options) {
  std::vector<UnmanagedObject> out;
  for (const auto& r : rows.rows) {
    auto at = [&](std::size_t k) { return k < r.size() ? r[k].value_or("") : std::string(); };
    out.push_back({at(0), at(1), at(2)});
  }
  return kept_and_sorted(std::move(out), options);
}

void sort_introspected(schema::Database& db) {
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::stable_sort(db.tables.begin(), db.tables.end(), by_name);
  std::stable_sort(db.enums.begin(), db.enums.end(), by_name);
  std::stable_sort(db.sequences.begin(), db.sequences.end(), by_name);
  std::stable_sort(db.domains.begin(), db.domains.end(), by_name);
  std::stable_sort(db.extensions.begin(), db.extensions.end(), by_name);
  for (auto& d : db.domains) {
    std::sort(d.checks.begin(), d.checks.end(), by_name);
  }
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
