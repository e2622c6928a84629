#include "migrate/diff_order.h"

#include <map>
#include <string>

namespace migratecpp::migrate {

// Kahn's algorithm, ties by name (the list is sorted). Iterative on purpose: a chain of
// hundreds of tables must not exhaust the stack. When only cycles remain, one table on a cycle
// is created without its foreign keys to the tables still waiting; those are deferred.
CreationOrder creation_order(const std::vector<const schema::Table*>& tables) {
  const std::size_t n = tables.size();
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < n; ++i) {
    position[tables[i]->name] = i;
  }
  std::vector<std::set<std::size_t>> deps(n);
  std::vector<std::vector<std::size_t>> dependents(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& fk : tables[i]->foreign_keys) {
      auto it = position.find(fk.ref_table);
      if (it != position.end() && it->second != i && deps[i].insert(it->second).second) {
        dependents[it->second].push_back(i);
      }
    }
    // A partition is created after the table it is a partition of (never deferred).
    if (tables[i]->partition_of) {
      auto it = position.find(*tables[i]->partition_of);
      if (it != position.end() && it->second != i && deps[i].insert(it->second).second) {
        dependents[it->second].push_back(i);
      }
    }
  }
  // A foreign key to a partitioned table reaches each of its partitions (PostgreSQL keeps a
  // clone of it per partition): the referencing table comes after them all, and is dropped
  // before them, whose detach would otherwise check its rows.
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& fk : tables[i]->foreign_keys) {
      std::vector<std::string> below = {fk.ref_table};
      for (std::size_t k = 0; k < below.size() && k < n + 1; ++k) {
        for (std::size_t p = 0; p < n; ++p) {
          if (p != i && tables[p]->partition_of == below[k]) {
            below.push_back(tables[p]->name);
            if (deps[i].insert(p).second) {
              dependents[p].push_back(i);
            }
          }
        }
      }
    }
  }
  std::vector<std::size_t> waiting(n);
  std::vector<bool> done(n, false);
  std::set<std::size_t> ready;
  for (std::size_t i = 0; i < n; ++i) {
    waiting[i] = deps[i].size();
    if (waiting[i] == 0) {
      ready.insert(i);
    }
  }
  CreationOrder out;
  while (out.order.size() < n) {
    if (ready.empty()) {
      // Every waiting table waits for another waiting one. Walk "first unmet dependency"
      // links from the first waiting table until a table repeats: that one is on a cycle
      // (the first waiting table itself may only depend on a cycle).
      std::size_t at = 0;
      while (done[at]) {
        ++at;
      }
      std::vector<bool> seen(n, false);
      while (!seen[at]) {
        seen[at] = true;
        for (std::size_t dep : deps[at]) {
          if (!done[dep]) {
            at = dep;
            break;
          }
        }
      }
      // A partition waits for its parent, which no deferral can lift: the cycle is broken at
      // the first ancestor still waiting whose own wait is only foreign keys.
      while (tables[at]->partition_of) {
        auto it = position.find(*tables[at]->partition_of);
        if (it == position.end() || done[it->second]) {
          break;
        }
        at = it->second;
      }
      const auto& fks = tables[at]->foreign_keys;
      for (std::size_t k = 0; k < fks.size(); ++k) {
        auto it = position.find(fks[k].ref_table);
        if (it != position.end() && it->second != at && !done[it->second]) {
          out.deferred.emplace(at, k);
        }
      }
      ready.insert(at);
    }
    const std::size_t i = *ready.begin();
    ready.erase(ready.begin());
    done[i] = true;
    out.order.push_back(i);
    for (std::size_t d : dependents[i]) {
      if (!done[d] && --waiting[d] == 0) {
        ready.insert(d);
      }
    }
  }
  return out;
}

} // namespace migratecpp::migrate
