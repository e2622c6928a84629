#pragma once
// The DAG of revisions and everything that reasons about it: heads and bases, target resolution
// (`head`, `LABEL@head`, `+2`, prefixes...), and the upgrade, downgrade and stamp plans over the
// version table's rows. Pure: no files, no database, so tests describe a history literally.
// One class, implemented by concept: the graph itself (revision_graph.cpp), targets
// (target.cpp, with the grammar in target.h) and plans (plan.cpp).
//
// Two kinds of edge: down_revisions (parent edges) and depends_on (dependency edges).
// "Ancestors" follow both; heads, bases, branch points and relative steps (+N, -N) follow
// parent edges only. The version table holds the heads of the applied set computed over parent
// edges, so a dependency on another branch stays in the table as its own row.
#include "migrate/revision.h"

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace migratecpp::migrate {

class RevisionGraph {
public:
  // Throws util::Error (located at the offending file when it has a path) on a duplicate id, a
  // missing down_revision or dependency, a branch label used twice, or a cycle.
  explicit RevisionGraph(std::vector<Revision> revisions);

  std::size_t size() const { return m_revisions.size(); }
  // Every revision, sorted by id.
  const std::vector<Revision>& all() const { return m_revisions; }
  // The revision with exactly this id, or nullptr. No prefixes: callers use it to ask "is this
  // id taken?" and "is this database row known?".
  const Revision* find(std::string_view id) const;
  // One revision by any single reference that resolve() accepts; throws like resolve().
  const Revision& get(std::string_view ref) const;
  // One revision id from: a full id, a branch label (the revision carrying it), a unique
  // non-empty prefix, `head` (when there is one head), `LABEL@head`, or `LABEL@REV`.
  // Throws "no such revision 'x'" (with a suggestion) or "revision prefix 'p' is ambiguous: ...".
  std::string resolve(std::string_view ref) const;
  // Branch label -> the id of the revision that carries it.
  const std::map<std::string, std::string, std::less<>>& labels() const { return m_labels; }

  // Shape, over parent edges. Lists are sorted by id.
  std::vector<std::string> heads() const;
  std::vector<std::string> bases() const;
  std::vector<std::string> branch_points() const; // revisions with two or more children
  std::vector<std::string> children(std::string_view id) const;
  bool is_head(std::string_view id) const;
  bool is_base(std::string_view id) const;
  bool is_branch_point(std::string_view id) const;
  bool is_merge_point(std::string_view id) const;

  // Every revision, children (and dependents) before parents; deterministic.
  std::vector<std::string> topo_order_newest_first() const;
  // `history -r START:END` (either side may be empty, `base`, `heads`, `current`, or any
  // target): the descendants-or-self of START that are ancestors-or-self of END, newest first.
  // Throws util::UsageError when there is no ':'.
  std::vector<std::string> history_range(std::string_view range,
                                         const std::vector<std::string>& version_rows) const;

  // The ids a target names, sorted; empty means base. `target` may be a comma-separated list;
  // each item is `base`, `heads`, `head`, `current` (the rows' heads), anything resolve() accepts,
  // `+N`/`-N` (relative to `version_rows`), `REV+N`, `REV-N`, `LABEL@+N`, `LABEL@-N`,
  // `LABEL@REV+N`. A `-N` whose last step lands on a merge names all of the merge's parents.
  std::vector<std::string> resolve_targets(std::string_view target,
                                           const std::vector<std::string>& version_rows) const;

  // The applied set: the union of the ancestors of the rows (rows may also be any target).
  std::set<std::string> applied_set(const std::vector<std::string>& version_rows) const;
  // The version table's rows for an applied set: applied revisions without an applied child.
  std::vector<std::string> version_rows_for(const std::set<std::string>& applied) const;

  // Ids to apply in order, parents and dependencies first: ancestors(target) minus the applied
  // set. Empty when the target is `base`, already applied, or below the current state.
  std::vector<std::string> upgrade_plan(const std::vector<std::string>& version_rows,
                                        std::string_view target) const;
  // Ids to unapply in order, children and dependents first. `base`: everything applied; a
  // target T: the applied strict descendants of T minus the ancestors-or-self of T. Throws
  // when T is not applied ("target 'x' is not below the current revision(s) ...; use upgrade").
  std::vector<std::string> downgrade_plan(const std::vector<std::string>& version_rows,
                                          std::string_view target) const;
  // The rows after `stamp targets...`: current rows that are ancestors or descendants of a
  // target are replaced by it, unrelated rows kept; `purge` starts from no rows; `base` clears
  // them. The result is normalised (version_rows_for(applied_set(...))).
  std::vector<std::string> stamp_rows(const std::vector<std::string>& version_rows,
                                      const std::vector<std::string>& targets, bool purge) const;

private:
  using Index = std::size_t; // position in m_revisions, so index order is id order
  static constexpr Index k_none = static_cast<Index>(-1);

  struct Node {
    std::vector<Index> parents;  // down_revisions
    std::vector<Index> deps;     // depends_on, resolved
    std::vector<Index> children; // revisions naming this one as a down_revision
    std::vector<Index> up;       // parents, then dependencies
    std::vector<Index> down;     // children, then dependents
  };

  Index exact_index(std::string_view id) const;
  Index label_index(std::string_view label) const;
  Index find_index(std::string_view ref) const;
  Index index_of(std::string_view ref) const;
  std::vector<Index> prefix_matches(std::string_view prefix) const;

  std::vector<Index> reach(const std::vector<Index>& from, std::vector<Index> Node::*edges,
                           std::vector<char>& mask) const;
  std::vector<Index> row_indices(const std::vector<std::string>& rows) const;
  std::vector<Index> current_heads(const std::vector<std::string>& rows) const;
  std::vector<Index> targets_of(std::string_view target,
                                const std::vector<std::string>& rows) const;
  std::vector<Index> target_of(std::string_view item, const std::vector<std::string>& rows) const;
  Index single_head() const;
  Index branch_ref(std::string_view label, std::string_view rest) const;
  std::vector<Index> branch_target(std::string_view label, std::string_view rest,
                                   std::string_view item,
                                   const std::vector<std::string>& rows) const;
  std::vector<char> on_branch_mask(Index labelled, Index* lowest) const;
  std::vector<Index> walk_up(Index from, std::size_t steps, std::string_view item,
                             const std::vector<Index>& first_choices) const;
  std::vector<Index> walk_down(Index from, std::size_t steps, std::string_view item) const;
  std::vector<std::string> ids(const std::vector<Index>& indices) const;
  [[noreturn]] void throw_no_such(std::string_view ref) const;

  static void sort_unique(std::vector<Index>& v);
  template <class Edges, class Enter>
  static std::vector<Index> post_order(const std::vector<Index>& starts, std::size_t n, Edges edges,
                                       Enter enter);

  std::vector<Revision> m_revisions;
  std::vector<Node> m_nodes;
  std::map<std::string, std::string, std::less<>> m_labels;
  std::vector<Index> m_heads;
  std::vector<Index> m_bases;
};

// Iterative depth-first post-order from `starts` (in the given order) along `edges`, entering
// only the nodes `enter` accepts, each once. Iterative because a 10,000-revision chain would
// overflow the stack of a recursive walk.
template <class Edges, class Enter>
std::vector<RevisionGraph::Index> RevisionGraph::post_order(const std::vector<Index>& starts,
                                                            std::size_t n, Edges edges,
                                                            Enter enter) {
  std::vector<std::size_t> out;
  std::vector<char> seen(n, 0);
  std::vector<std::pair<std::size_t, std::size_t>> stack; // node, next edge to follow
  for (std::size_t s : starts) {
    if (seen[s] || !enter(s)) {
      continue;
    }
    seen[s] = 1;
    stack.emplace_back(s, 0);
    while (!stack.empty()) {
      const std::size_t node = stack.back().first;
      const std::vector<std::size_t>& next = edges(node);
      if (stack.back().second < next.size()) {
        const std::size_t m = next[stack.back().second++];
        if (!seen[m] && enter(m)) {
          seen[m] = 1;
          stack.emplace_back(m, 0);
        }
      } else {
        out.push_back(node);
        stack.pop_back();
      }
    }
  }
  return out;
}

} // namespace migratecpp::migrate
