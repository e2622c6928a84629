#include "migrate/revision_graph.h"

#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace migratecpp::migrate {

namespace {

std::optional<util::Location> located(const Revision& r) {
  if (r.where.path.empty()) {
    return std::nullopt;
  }
  return r.where;
}

// `first` followed by the members of `second` that `first` lacks.
std::vector<std::size_t> concat_unique(const std::vector<std::size_t>& first,
                                       const std::vector<std::size_t>& second) {
  std::vector<std::size_t> out = first;
  for (std::size_t x : second) {
    if (std::find(first.begin(), first.end(), x) == first.end()) {
      out.push_back(x);
    }
  }
  return out;
}

} // namespace

void RevisionGraph::sort_unique(std::vector<Index>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

RevisionGraph::RevisionGraph(std::vector<Revision> revisions) {
  // Duplicates are checked in input order so that "also in" names the file read first.
  {
    std::map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0; i < revisions.size(); ++i) {
      auto [it, inserted] = seen.emplace(revisions[i].id, i);
      if (!inserted) {
        const std::string& other = revisions[it->second].where.path;
        throw util::Error("duplicate revision id '" + revisions[i].id + "'" +
                              (other.empty() ? "" : " (also in " + other + ")"),
                          located(revisions[i]));
      }
    }
  }
  // Sorted storage makes index order id order (deterministic plans for free) and gives
  // prefix lookup by binary search.
  std::sort(revisions.begin(), revisions.end(),
            [](const Revision& a, const Revision& b) { return a.id < b.id; });
  m_revisions = std::move(revisions);
  const std::size_t n = m_revisions.size();
  m_nodes.resize(n);

  for (Index i = 0; i < n; ++i) {
    for (const std::string& p : m_revisions[i].down_revisions) {
      const Index j = exact_index(p);
      if (j == k_none) {
        std::vector<std::string> all_ids;
        for (const Revision& r : m_revisions) {
          all_ids.push_back(r.id);
        }
        throw util::Error("revision '" + m_revisions[i].id + "' has down_revision '" + p +
                              "', which does not exist" + util::did_you_mean(p, all_ids),
                          located(m_revisions[i]));
      }
      m_nodes[i].parents.push_back(j);
    }
    sort_unique(m_nodes[i].parents);
  }

  for (Index i = 0; i < n; ++i) {
    const Revision& r = m_revisions[i];
    for (const std::string& label : r.branch_labels) {
      if (exact_index(label) != k_none) {
        // `resolve` tries ids before labels; the label would silently never be used.
        throw util::Error("branch label '" + label + "' of revision '" + r.id +
                              "' is also a revision id",
                          located(r));
      }
      auto [it, inserted] = m_labels.emplace(label, r.id);
      if (!inserted && it->second != r.id) {
        throw util::Error("branch label '" + label + "' is used by both '" + it->second +
                              "' and '" + r.id + "'",
                          located(r));
      }
    }
  }

  for (Index i = 0; i < n; ++i) {
    const Revision& r = m_revisions[i];
    for (const std::string& d : r.depends_on) {
      Index j = exact_index(d);
      if (j == k_none) {
        j = label_index(d);
      }
      if (j == k_none && !d.empty()) {
        const auto matches = prefix_matches(d);
        if (matches.size() > 1) {
          throw util::Error("revision prefix '" + d +
                                "' is ambiguous: " + util::join(ids(matches), ", "),
                            located(r));
        }
        if (matches.size() == 1) {
          j = matches[0];
        }
      }
      if (j == k_none) {
        throw util::Error("revision '" + r.id + "' depends on '" + d +
                              "', which is not a revision id or branch label",
                          located(r));
      }
      m_nodes[i].deps.push_back(j);
    }
    sort_unique(m_nodes[i].deps);
  }

  std::vector<std::vector<Index>> dependents(n);
  for (Index i = 0; i < n; ++i) {
    // i grows, so every children/dependents list comes out sorted.
    for (Index p : m_nodes[i].parents) {
      m_nodes[p].children.push_back(i);
    }
    for (Index d : m_nodes[i].deps) {
      dependents[d].push_back(i);
    }
  }
  for (Index i = 0; i < n; ++i) {
    Node& node = m_nodes[i];
    node.up = concat_unique(node.parents, node.deps);
    node.down = concat_unique(node.children, dependents[i]);
    if (node.parents.empty()) {
      m_bases.push_back(i);
    }
    if (node.children.empty()) {
      m_heads.push_back(i);
    }
  }

  // Cycles over both edge kinds: plans order by parents *and* dependencies, so a loop through
  // a dependency is as fatal as one through down_revisions.
  std::vector<char> colour(n, 0); // 0 unvisited, 1 on the current path, 2 done
  std::vector<std::pair<Index, std::size_t>> stack;
  for (Index s = 0; s < n; ++s) {
    if (colour[s] != 0) {
      continue;
    }
    colour[s] = 1;
    stack.emplace_back(s, 0);
    while (!stack.empty()) {
      const Index node = stack.back().first;
      const std::vector<Index>& up = m_nodes[node].up;
      if (stack.back().second == up.size()) {
        colour[node] = 2;
        stack.pop_back();
        continue;
      }
      const Index m = up[stack.back().second++];
      if (colour[m] == 1) {
        std::vector<Index> cycle;
        auto from = std::find_if(stack.begin(), stack.end(),
                                 [m](const auto& entry) { return entry.first == m; });
        for (auto it = from; it != stack.end(); ++it) {
          cycle.push_back(it->first);
        }
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
        cycle.push_back(cycle.front());
        throw util::Error("cycle in revision graph: " + util::join(ids(cycle), " -> "),
                          located(m_revisions[cycle.front()]));
      }
      if (colour[m] == 0) {
        colour[m] = 1;
        stack.emplace_back(m, 0);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Lookup

RevisionGraph::Index RevisionGraph::exact_index(std::string_view id) const {
  auto it = std::lower_bound(m_revisions.begin(), m_revisions.end(), id,
                             [](const Revision& r, std::string_view v) { return r.id < v; });
  if (it != m_revisions.end() && it->id == id) {
    return static_cast<Index>(it - m_revisions.begin());
  }
  return k_none;
}

RevisionGraph::Index RevisionGraph::label_index(std::string_view label) const {
  auto it = m_labels.find(label);
  return it == m_labels.end() ? k_none : exact_index(it->second);
}

std::vector<RevisionGraph::Index> RevisionGraph::prefix_matches(std::string_view prefix) const {
  std::vector<Index> out;
  auto it = std::lower_bound(m_revisions.begin(), m_revisions.end(), prefix,
                             [](const Revision& r, std::string_view v) { return r.id < v; });
  for (; it != m_revisions.end() && std::string_view(it->id).starts_with(prefix); ++it) {
    out.push_back(static_cast<Index>(it - m_revisions.begin()));
  }
  return out;
}

// Exact id, then label, then unique prefix; k_none if nothing matches.
RevisionGraph::Index RevisionGraph::find_index(std::string_view ref) const {
  if (ref.empty()) {
    return k_none;
  }
  if (Index i = exact_index(ref); i != k_none) {
    return i;
  }
  if (Index i = label_index(ref); i != k_none) {
    return i;
  }
  const auto matches = prefix_matches(ref);
  if (matches.size() > 1) {
    throw util::Error("revision prefix '" + std::string(ref) +
                      "' is ambiguous: " + util::join(ids(matches), ", "));
  }
  return matches.empty() ? k_none : matches[0];
}

RevisionGraph::Index RevisionGraph::index_of(std::string_view ref) const {
  if (ref == "head") {
    const Index h = single_head();
    if (h == k_none) {
      throw_no_such(ref);
    }
    return h;
  }
  if (Index i = find_index(ref); i != k_none) {
    return i;
  }
  if (auto at = ref.find('@'); at != std::string_view::npos) {
    return branch_ref(ref.substr(0, at), ref.substr(at + 1));
  }
  throw_no_such(ref);
}

void RevisionGraph::throw_no_such(std::string_view ref) const {
  std::vector<std::string> candidates;
  for (const Revision& r : m_revisions) {
    candidates.push_back(r.id);
  }
  for (const auto& [label, id] : m_labels) {
    candidates.push_back(label);
  }
  throw util::Error("no such revision '" + std::string(ref) + "'" +
                    util::did_you_mean(ref, candidates));
}

const Revision* RevisionGraph::find(std::string_view id) const {
  const Index i = exact_index(id);
  return i == k_none ? nullptr : &m_revisions[i];
}

const Revision& RevisionGraph::get(std::string_view ref) const {
  return m_revisions[index_of(ref)];
}

std::string RevisionGraph::resolve(std::string_view ref) const {
  return m_revisions[index_of(ref)].id;
}

std::vector<std::string> RevisionGraph::ids(const std::vector<Index>& indices) const {
  std::vector<std::string> out;
  out.reserve(indices.size());
  for (Index i : indices) {
    out.push_back(m_revisions[i].id);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shape

std::vector<std::string> RevisionGraph::heads() const {
  return ids(m_heads);
}

std::vector<std::string> RevisionGraph::bases() const {
  return ids(m_bases);
}

std::vector<std::string> RevisionGraph::branch_points() const {
  std::vector<std::string> out;
  for (Index i = 0; i < m_nodes.size(); ++i) {
    if (m_nodes[i].children.size() >= 2) {
      out.push_back(m_revisions[i].id);
    }
  }
  return out;
}

std::vector<std::string> RevisionGraph::children(std::string_view id) const {
  return ids(m_nodes[index_of(id)].children);
}

bool RevisionGraph::is_head(std::string_view id) const {
  return m_nodes[index_of(id)].children.empty();
}

bool RevisionGraph::is_base(std::string_view id) const {
  return m_nodes[index_of(id)].parents.empty();
}

bool RevisionGraph::is_branch_point(std::string_view id) const {
  return m_nodes[index_of(id)].children.size() >= 2;
}

bool RevisionGraph::is_merge_point(std::string_view id) const {
  return m_nodes[index_of(id)].parents.size() >= 2;
}

std::vector<std::string> RevisionGraph::topo_order_newest_first() const {
  // Post-order along child edges from the roots: each branch is listed from its head down
  // before the next one starts, which reads like `git log --graph` without the graph.
  return ids(post_order(
      m_bases, m_nodes.size(),
      [this](Index i) -> const std::vector<Index>& { return m_nodes[i].down; },
      [](Index) { return true; }));
}

// ---------------------------------------------------------------------------------------------
// Reachability and the applied set

std::vector<RevisionGraph::Index> RevisionGraph::reach(const std::vector<Index>& from,
                                                       std::vector<Index> Node::*edges,
                                                       std::vector<char>& mask) const {
  mask.assign(m_nodes.size(), 0);
  std::vector<Index> out;
  std::vector<Index> stack;
  for (Index f : from) {
    if (!mask[f]) {
      mask[f] = 1;
      stack.push_back(f);
    }
  }
  while (!stack.empty()) {
    const Index i = stack.back();
    stack.pop_back();
    out.push_back(i);
    for (Index j : m_nodes[i].*edges) {
      if (!mask[j]) {
        mask[j] = 1;
        stack.push_back(j);
      }
    }
  }
  return out;
}

std::vector<RevisionGraph::Index>
RevisionGraph::row_indices(const std::vector<std::string>& rows) const {
  std::vector<Index> out;
  for (const std::string& row : rows) {
    // Database rows are exact ids; the offline FROM of `--sql FROM:TO` may be any target.
    if (Index i = exact_index(row); i != k_none) {
      out.push_back(i);
    } else if (row != "base") {
      for (Index j : targets_of(row, {})) {
        out.push_back(j);
      }
    }
  }
  sort_unique(out);
  return out;
}

std::vector<RevisionGraph::Index>
RevisionGraph::current_heads(const std::vector<std::string>& rows) const {
  std::vector<char> applied;
  const auto members = reach(row_indices(rows), &Node::up, applied);
  std::vector<Index> out;
  for (Index i : members) {
    const auto& kids = m_nodes[i].children;
    if (std::none_of(kids.begin(), kids.end(), [&](Index c) { return applied[c] != 0; })) {
      out.push_back(i);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::set<std::string>
RevisionGraph::applied_set(const std::vector<std::string>& version_rows) const {
  std::vector<char> mask;
  const auto members = reach(row_indices(version_rows), &Node::up, mask);
  std::set<std::string> out;
  for (Index i : members) {
    out.insert(m_revisions[i].id);
  }
  return out;
}

std::vector<std::string>
RevisionGraph::version_rows_for(const std::set<std::string>& applied) const {
  std::vector<std::string> out;
  for (const std::string& id : applied) {
    const auto& kids = m_nodes[index_of(id)].children;
    if (std::none_of(kids.begin(), kids.end(),
                     [&](Index c) { return applied.count(m_revisions[c].id) != 0; })) {
      out.push_back(id);
    }
  }
  return out; // already sorted: std::set iterates in order
}

} // namespace migratecpp::migrate
