#include "migrate/diff_match.h"

#include "migrate/diff.h"
#include "migrate/diff_normalize.h"
#include "util/strings.h"

#include <algorithm>
#include <map>

namespace migratecpp::migrate {

namespace {

using schema::Index;
using schema::UniqueConstraint;

std::string list_key(const std::vector<std::string>& entries) {
  std::string k;
  for (const auto& e : entries) {
    k += normalize_entry(e);
    k.push_back(k_key_separator);
  }
  return k;
}

std::string list_key(const std::vector<schema::IndexPart>& parts) {
  std::string k;
  for (const auto& p : parts) {
    k += normalize_part(p);
    k.push_back(k_key_separator);
  }
  return k;
}

std::string index_method(const Index& index) {
  std::string m = index.method ? util::to_lower(util::trim(*index.method)) : "";
  return m == "btree" ? "" : m; // PostgreSQL's default
}

// MySQL reports a unique constraint as a unique index, and a unique index enforces exactly
// what the constraint does; a plain unique index and a unique constraint on the same columns,
// under the same name or with one side unnamed, are the same object.
bool same_uniqueness(const Index& index, const UniqueConstraint& unique) {
  return index.unique && normalize_expression(index.where.value_or("")).empty() &&
         index_method(index).empty() && list_key(index.parts) == list_key(unique.columns) &&
         (index.name == unique.name || index.name.empty() || unique.name.empty());
}

} // namespace

std::string index_key(const Index& index) {
  std::string storage;
  for (const auto& [key, value] : index.storage.value_or(std::map<std::string, std::string>{})) {
    storage += key + "=" + value + k_key_separator;
  }
  for (const auto& [position, target] : index.statistics) {
    storage += std::to_string(position) + ":" + std::to_string(target) + k_key_separator;
  }
  return list_key(index.parts) + (index.unique ? "U" : "-") + k_key_separator +
         normalize_expression(index.where.value_or("")) + k_key_separator + index_method(index) +
         k_key_separator + storage;
}

// Deferrability is part of what a constraint is: a change of it makes the constraint again.
std::string deferral_key(bool deferrable, bool initially_deferred) {
  return deferrable ? (initially_deferred ? "DD" : "D-") : "--";
}

std::string unique_key(const UniqueConstraint& unique) {
  const std::string key = list_key(unique.columns);
  return unique.deferrable
             ? key + k_key_separator + deferral_key(unique.deferrable, unique.initially_deferred)
             : key;
}

std::string foreign_key_key(const schema::ForeignKey& fk, const schema::Database& db) {
  return list_key(fk.columns) + k_key_separator + fk.ref_table + k_key_separator +
         list_key(db.referenced_columns(fk)) + k_key_separator + normalize_action(fk.on_delete) +
         k_key_separator + normalize_action(fk.on_update) + k_key_separator +
         deferral_key(fk.deferrable, fk.initially_deferred);
}

std::string sorted_key(std::vector<std::string> columns) {
  std::sort(columns.begin(), columns.end());
  return list_key(columns);
}

std::string check_key(const schema::CheckConstraint& check) {
  return normalize_expression(check.expression);
}

void match_across_kinds(std::vector<const Index*>& indexes,
                        std::vector<const UniqueConstraint*>& uniques) {
  for (auto it = indexes.begin(); it != indexes.end();) {
    auto u = std::find_if(uniques.begin(), uniques.end(),
                          [&](const UniqueConstraint* c) { return same_uniqueness(**it, *c); });
    if (u != uniques.end()) {
      uniques.erase(u);
      it = indexes.erase(it);
    } else {
      ++it;
    }
  }
}

} // namespace migratecpp::migrate
