#pragma once
// Literal revision histories for the graph, target and plan tests.
#include "migrate/revision_graph.h"

#include <string>
#include <utility>
#include <vector>

namespace migratecpp::test {

using Ids = std::vector<std::string>;

inline migrate::Revision rev(std::string id, Ids down = {}, Ids labels = {}, Ids deps = {}) {
  migrate::Revision r;
  r.id = std::move(id);
  r.down_revisions = std::move(down);
  r.branch_labels = std::move(labels);
  r.depends_on = std::move(deps);
  return r;
}

// a1 <- a2 <- a3 <- a4
inline migrate::RevisionGraph chain() {
  return migrate::RevisionGraph(
      {rev("a1"), rev("a2", {"a1"}), rev("a3", {"a2"}), rev("a4", {"a3"})});
}

} // namespace migratecpp::test
