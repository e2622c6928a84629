#pragma once
// Tables in foreign-key order: the order in which tables can be created (referenced ones
// first); dropping runs it backwards. Cycles are broken by deferring foreign keys.
#include "schema/model.h"

#include <cstddef>
#include <set>
#include <utility>
#include <vector>

namespace migratecpp::migrate {

struct CreationOrder {
  std::vector<std::size_t> order;                         // indices into the table list
  std::set<std::pair<std::size_t, std::size_t>> deferred; // (table, foreign key) closing a cycle
};

// Kahn's algorithm, ties by position (pass the tables sorted by name). When only cycles
// remain, one table on a cycle is created without its foreign keys to the tables still
// waiting; those are deferred.
CreationOrder creation_order(const std::vector<const schema::Table*>& tables);

} // namespace migratecpp::migrate
