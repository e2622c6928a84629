#pragma once
// Matching indexes and constraints of one table across the two schemas: by name, and where a
// side has no name, by definition. A definition key is the comparison form of an object's
// definition: equal keys = same object, whatever its name.
#include "schema/model.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace migratecpp::migrate {

// Separates the parts of a key: no SQL text contains it.
inline constexpr char k_key_separator = '\x1f';

std::string index_key(const schema::Index& index);
std::string unique_key(const schema::UniqueConstraint& unique);
// Resolves "REFERENCES orgs" without columns against `db` (the primary key of orgs).
std::string foreign_key_key(const schema::ForeignKey& fk, const schema::Database& db);
std::string check_key(const schema::CheckConstraint& check);
// A column set regardless of order: what a foreign key's referenced columns must match.
std::string sorted_key(std::vector<std::string> columns);

template <class T> struct Matching {
  std::vector<std::pair<const T*, const T*>> kept;    // (current, desired), same definition
  std::vector<std::pair<const T*, const T*>> changed; // (current, desired), same name
  std::vector<const T*> removed;
  std::vector<const T*> added;
};

template <class T, class CurrentKey, class DesiredKey>
Matching<T> match(const std::vector<T>& current, const std::vector<T>& desired,
                  CurrentKey current_key, DesiredKey desired_key) {
  using Keyed = std::pair<const T*, std::string>;
  auto keyed = [](const std::vector<T>& items, auto key) {
    std::vector<Keyed> out;
    for (const auto& item : items) {
      out.emplace_back(&item, key(item));
    }
    std::stable_sort(out.begin(), out.end(), [](const Keyed& a, const Keyed& b) {
      return std::tie(a.first->name, a.second) < std::tie(b.first->name, b.second);
    });
    return out;
  };
  const std::vector<Keyed> cur = keyed(current, current_key);
  const std::vector<Keyed> des = keyed(desired, desired_key);
  std::vector<bool> cur_used(cur.size(), false);
  std::vector<bool> des_used(des.size(), false);
  Matching<T> m;

  for (std::size_t d = 0; d < des.size(); ++d) {
    if (des[d].first->name.empty()) {
      continue;
    }
    for (std::size_t c = 0; c < cur.size(); ++c) {
      if (!cur_used[c] && cur[c].first->name == des[d].first->name) {
        cur_used[c] = des_used[d] = true;
        auto& into = cur[c].second == des[d].second ? m.kept : m.changed;
        into.emplace_back(cur[c].first, des[d].first);
        break;
      }
    }
  }
  // An object without a name is identified by what it is: it can never differ by name.
  auto by_definition = [&](bool desired_unnamed) {
    const auto& side = desired_unnamed ? des : cur;
    const auto& other = desired_unnamed ? cur : des;
    auto& side_used = desired_unnamed ? des_used : cur_used;
    auto& other_used = desired_unnamed ? cur_used : des_used;
    for (std::size_t i = 0; i < side.size(); ++i) {
      if (side_used[i] || !side[i].first->name.empty()) {
        continue;
      }
      for (std::size_t j = 0; j < other.size(); ++j) {
        if (!other_used[j] && other[j].second == side[i].second) {
          side_used[i] = other_used[j] = true;
          if (desired_unnamed) {
            m.kept.emplace_back(other[j].first, side[i].first);
          } else {
            m.kept.emplace_back(side[i].first, other[j].first);
          }
          break;
        }
      }
    }
  };
  by_definition(true);
  by_definition(false);
  for (std::size_t c = 0; c < cur.size(); ++c) {
    if (!cur_used[c]) {
      m.removed.push_back(cur[c].first);
    }
  }
  for (std::size_t d = 0; d < des.size(); ++d) {
    if (!des_used[d]) {
      m.added.push_back(des[d].first);
    }
  }
  return m;
}

// A unique index left on one side and a unique constraint on the other that enforce the same
// thing are one object (MySQL reports a unique constraint as a unique index): both are taken
// out of their lists.
void match_across_kinds(std::vector<const schema::Index*>& indexes,
                        std::vector<const schema::UniqueConstraint*>& uniques);

} // namespace migratecpp::migrate
