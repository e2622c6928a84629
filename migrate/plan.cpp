// Plans: which revisions an upgrade or downgrade runs, in order, and the version rows a stamp
// leaves, all over the graph's reachability.
#include "migrate/revision_graph.h"

#include "util/error.h"
#include "util/strings.h"

#include <algorithm>

namespace migratecpp::migrate {

std::vector<std::string> RevisionGraph::upgrade_plan(const std::vector<std::string>& version_rows,
                                                     std::string_view target) const {
  std::vector<char> applied;
  reach(row_indices(version_rows), &Node::up, applied);
  const auto targets = targets_of(target, version_rows);
  // Depth-first from the targets in id order, parents before dependencies: a branch is
  // finished before the next one starts, and every revision comes after all it needs.
  return ids(post_order(
      targets, m_nodes.size(),
      [this](Index i) -> const std::vector<Index>& { return m_nodes[i].up; },
      [&](Index i) { return applied[i] == 0; }));
}

std::vector<std::string> RevisionGraph::downgrade_plan(const std::vector<std::string>& version_rows,
                                                       std::string_view target) const {
  std::vector<char> applied;
  const auto applied_list = reach(row_indices(version_rows), &Node::up, applied);
  const auto targets = targets_of(target, version_rows);
  for (Index t : targets) {
    if (!applied[t]) {
      std::vector<std::string> rows;
      for (Index i : applied_list) {
        const auto& kids = m_nodes[i].children;
        if (std::none_of(kids.begin(), kids.end(), [&](Index c) { return applied[c] != 0; })) {
          rows.push_back(m_revisions[i].id);
        }
      }
      std::sort(rows.begin(), rows.end());
      throw util::Error(
          "target '" + std::string(target) + "' is not below the current revision(s) " +
          (rows.empty() ? std::string("(none)") : util::join(rows, ", ")) + "; use upgrade");
    }
  }
  std::vector<char> keep;
  std::vector<char> above;
  reach(targets, &Node::up, keep);
  reach(targets, &Node::down, above);
  const bool to_base = targets.empty();
  std::vector<char> in_plan(m_nodes.size(), 0);
  std::vector<Index> members;
  for (Index i : applied_list) {
    if ((to_base || above[i]) && !keep[i]) {
      in_plan[i] = 1;
      members.push_back(i);
    }
  }
  std::sort(members.begin(), members.end());
  // Start from the lowest revisions of the plan, so each branch is unwound from its head down
  // before the next one; post-order along child edges puts children first.
  std::vector<Index> lowest;
  for (Index i : members) {
    const auto& up = m_nodes[i].up;
    if (std::none_of(up.begin(), up.end(), [&](Index p) { return in_plan[p] != 0; })) {
      lowest.push_back(i);
    }
  }
  return ids(post_order(
      lowest, m_nodes.size(),
      [this](Index i) -> const std::vector<Index>& { return m_nodes[i].down; },
      [&](Index i) { return in_plan[i] != 0; }));
}

std::vector<std::string> RevisionGraph::stamp_rows(const std::vector<std::string>& version_rows,
                                                   const std::vector<std::string>& targets,
                                                   bool purge) const {
  std::vector<Index> rows = purge ? std::vector<Index>{} : row_indices(version_rows);
  for (const std::string& target : targets) {
    if (target == "base") {
      rows.clear();
      continue;
    }
    for (Index s : targets_of(target, version_rows)) {
      std::vector<char> below_s;
      reach({s}, &Node::up, below_s);
      std::erase_if(rows, [&](Index r) {
        if (below_s[r]) {
          return true;
        }
        std::vector<char> below_r;
        reach({r}, &Node::up, below_r);
        return below_r[s] != 0;
      });
      rows.push_back(s);
    }
  }
  return ids(current_heads(ids(rows)));
}

} // namespace migratecpp::migrate
