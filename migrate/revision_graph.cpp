#include "migrate/revision_graph.h"

#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <utility>

namespace migratecpp::migrate {

namespace {

constexpr std::size_t k_none = static_cast<std::size_t>(-1);

std::optional<util::Location> located(const Revision& r) {
  if (r.where.path.empty()) {
    return std::nullopt;
  }
  return r.where;
}

void sort_unique(std::vector<std::size_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
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

struct Relative {
  std::string_view base; // what the steps count from; empty = the current revision
  bool up = true;
  std::size_t steps = 0;
};

// A trailing "+N" or "-N". Only the trailing digits count, so an id such as "add-users" is
// never taken for a relative target (and exact ids are tried before this anyway).
std::optional<Relative> parse_relative(std::string_view s) {
  std::size_t i = s.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1])) != 0) {
    --i;
  }
  if (i == s.size() || i == 0 || (s[i - 1] != '+' && s[i - 1] != '-')) {
    return std::nullopt;
  }
  Relative r;
  const auto [ptr, ec] = std::from_chars(s.data() + i, s.data() + s.size(), r.steps);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    return std::nullopt;
  }
  r.base = s.substr(0, i - 1);
  r.up = s[i - 1] == '+';
  return r;
}

// Iterative depth-first post-order from `starts` (in the given order) along `edges`, entering
// only the nodes `enter` accepts, each once. Iterative because a 10,000-revision chain would
// overflow the stack of a recursive walk.
template <class Edges, class Enter>
std::vector<std::size_t> post_order(const std::vector<std::size_t>& starts, std::size_t n,
                                    Edges edges, Enter enter) {
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

std::string more_revisions(std::size_t k) {
  return std::to_string(k) + (k == 1 ? " more revision" : " more revisions");
}

} // namespace

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

// ---------------------------------------------------------------------------------------------
// Targets

RevisionGraph::Index RevisionGraph::single_head() const {
  if (m_heads.empty()) {
    return k_none;
  }
  if (m_heads.size() == 1) {
    return m_heads[0];
  }
  // Suggest a label that would actually work: one whose branch has a single head.
  std::string label = "LABEL";
  for (const auto& [name, id] : m_labels) {
    std::vector<char> mask;
    const auto members = reach({exact_index(id)}, &Node::children, mask);
    const auto branch_heads = std::count_if(members.begin(), members.end(),
                                            [&](Index i) { return m_nodes[i].children.empty(); });
    if (branch_heads == 1) {
      label = name;
      break;
    }
  }
  throw util::Error("multiple heads are present (" + util::join(heads(), ", ") +
                    "); give a specific target such as '" + m_revisions[m_heads[0]].id + "', '" +
                    label + "@head', or 'heads' for all");
}

// The revisions on the branch of the labelled revision: its descendants-or-self, plus the
// unbranched stretch right below it (Alembic propagates a label down to the branch point).
// `lowest` gets the first revision of the branch.
std::vector<char> RevisionGraph::on_branch_mask(Index labelled, Index* lowest) const {
  std::vector<char> mask;
  reach({labelled}, &Node::children, mask);
  Index at = labelled;
  while (m_nodes[at].parents.size() == 1) {
    const Index p = m_nodes[at].parents[0];
    if (m_nodes[p].children.size() != 1 || m_nodes[p].parents.size() > 1) {
      break;
    }
    mask[p] = 1;
    at = p;
  }
  if (lowest != nullptr) {
    *lowest = at;
  }
  return mask;
}

RevisionGraph::Index RevisionGraph::branch_ref(std::string_view label,
                                               std::string_view rest) const {
  const Index l = label_index(label);
  if (l == k_none) {
    std::vector<std::string> names;
    for (const auto& [name, id] : m_labels) {
      names.push_back(name);
    }
    throw util::Error("no such branch label '" + std::string(label) + "'" +
                      util::did_you_mean(label, names));
  }
  if (rest == "head") {
    std::vector<char> mask;
    auto members = reach({l}, &Node::children, mask);
    std::vector<Index> branch_heads;
    for (Index i : members) {
      if (m_nodes[i].children.empty()) {
        branch_heads.push_back(i);
      }
    }
    std::sort(branch_heads.begin(), branch_heads.end());
    if (branch_heads.size() == 1) {
      return branch_heads[0];
    }
    throw util::Error("'" + std::string(label) + "@head' is ambiguous: branch '" +
                      std::string(label) + "' has several heads (" +
                      util::join(ids(branch_heads), ", ") + ")");
  }
  const Index i = index_of(rest);
  if (!on_branch_mask(l, nullptr)[i]) {
    throw util::Error("revision '" + m_revisions[i].id + "' is not on branch '" +
                      std::string(label) + "'");
  }
  return i;
}

std::vector<RevisionGraph::Index>
RevisionGraph::walk_up(Index from, std::size_t steps, std::string_view item,
                       const std::vector<Index>& first_choices) const {
  const std::string what = "relative target '" + std::string(item) + "'";
  Index at = from;
  for (std::size_t done = 0; done < steps; ++done) {
    const std::vector<Index>& next = at == k_none ? first_choices : m_nodes[at].children;
    if (next.empty()) {
      throw util::Error(what + " goes past the head '" +
                        (at == k_none ? std::string("base") : m_revisions[at].id) + "' (only " +
                        more_revisions(done) + ")");
    }
    if (next.size() > 1) {
      if (at == k_none) {
        throw util::Error(what + " is ambiguous: there are several bases (" +
                          util::join(ids(next), ", ") + ")");
      }
      throw util::Error(what + " is ambiguous: '" + m_revisions[at].id +
                        "' has several children (" + util::join(ids(next), ", ") + ")");
    }
    at = next[0];
  }
  return at == k_none ? std::vector<Index>{} : std::vector<Index>{at};
}

std::vector<RevisionGraph::Index> RevisionGraph::walk_down(Index from, std::size_t steps,
                                                           std::string_view item) const {
  const std::string what = "relative target '" + std::string(item) + "'";
  if (steps == 0) {
    return from == k_none ? std::vector<Index>{} : std::vector<Index>{from};
  }
  if (from == k_none) {
    throw util::Error(what + " goes below base");
  }
  Index at = from;
  for (std::size_t i = 1; i <= steps; ++i) {
    const std::vector<Index>& parents = m_nodes[at].parents;
    if (parents.empty()) {
      if (i == steps) {
        return {};
      }
      throw util::Error(what + " goes below base");
    }
    if (parents.size() > 1) {
      // Landing on a merge's parents is a precise target (all of them); walking on through
      // them would have to pick one.
      if (i == steps) {
        return parents;
      }
      throw util::Error(what + " is ambiguous: '" + m_revisions[at].id + "' has several parents (" +
                        util::join(ids(parents), ", ") + ")");
    }
    at = parents[0];
  }
  return {at};
}

std::vector<RevisionGraph::Index>
RevisionGraph::branch_target(std::string_view label, std::string_view rest, std::string_view item,
                             const std::vector<std::string>& rows) const {
  const auto rel = parse_relative(rest);
  if (!rel || rest == "head" || find_index(rest) != k_none) {
    return {branch_ref(label, rest)};
  }
  if (!rel->base.empty()) {
    const Index start = branch_ref(label, rel->base);
    return rel->up ? walk_up(start, rel->steps, item, {}) : walk_down(start, rel->steps, item);
  }
  // LABEL@+N / LABEL@-N count from the applied revision on that branch.
  if (label_index(label) == k_none) {
    branch_ref(label, "head"); // throws the unknown-label error
  }
  Index lowest = k_none;
  const auto mask = on_branch_mask(label_index(label), &lowest);
  std::vector<Index> current;
  for (Index h : current_heads(rows)) {
    if (mask[h]) {
      current.push_back(h);
    }
  }
  if (current.size() > 1) {
    throw util::Error("relative target '" + std::string(item) +
                      "' is ambiguous: the database is at several heads (" +
                      util::join(ids(current), ", ") + ")");
  }
  const Index from = current.empty() ? k_none : current[0];
  return rel->up ? walk_up(from, rel->steps, item, {lowest}) : walk_down(from, rel->steps, item);
}

std::vector<RevisionGraph::Index>
RevisionGraph::target_of(std::string_view item, const std::vector<std::string>& rows) const {
  if (item == "base") {
    return {};
  }
  if (item == "heads") {
    return m_heads;
  }
  if (item == "head") {
    const Index h = single_head();
    return h == k_none ? std::vector<Index>{} : std::vector<Index>{h};
  }
  if (item == "current") {
    return current_heads(rows);
  }
  if (Index i = find_index(item); i != k_none) {
    return {i};
  }
  if (auto at = item.find('@'); at != std::string_view::npos) {
    return branch_target(item.substr(0, at), item.substr(at + 1), item, rows);
  }
  if (const auto rel = parse_relative(item)) {
    Index from = k_none;
    if (rel->base.empty()) {
      const auto current = current_heads(rows);
      if (current.size() > 1) {
        throw util::Error("relative target '" + std::string(item) +
                          "' is ambiguous: the database is at several heads (" +
                          util::join(ids(current), ", ") + ")");
      }
      from = current.empty() ? k_none : current[0];
    } else if (rel->base != "base") {
      from = index_of(rel->base);
    }
    return rel->up ? walk_up(from, rel->steps, item, m_bases) : walk_down(from, rel->steps, item);
  }
  throw_no_such(item);
}

std::vector<RevisionGraph::Index>
RevisionGraph::targets_of(std::string_view target, const std::vector<std::string>& rows) const {
  if (util::trim(target).empty()) {
    throw_no_such(target);
  }
  std::vector<Index> out;
  for (const std::string& part : util::split(target, ',')) {
    const std::string item = util::trim(part);
    if (item.empty()) {
      continue;
    }
    for (Index i : target_of(item, rows)) {
      out.push_back(i);
    }
  }
  sort_unique(out);
  return out;
}

std::vector<std::string>
RevisionGraph::resolve_targets(std::string_view target,
                               const std::vector<std::string>& version_rows) const {
  return ids(targets_of(target, version_rows));
}

// ---------------------------------------------------------------------------------------------
// Plans

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

std::vector<std::string>
RevisionGraph::history_range(std::string_view range,
                             const std::vector<std::string>& version_rows) const {
  const auto colon = range.find(':');
  if (colon == std::string_view::npos) {
    throw util::UsageError("history range '" + std::string(range) +
                           "' must be START:END, START: or :END");
  }
  const std::string start = util::trim(range.substr(0, colon));
  const std::string end = util::trim(range.substr(colon + 1));

  // An empty start set is base: no lower bound. An empty end set (`:base`) selects nothing.
  std::vector<char> below_end;
  std::vector<char> above_start;
  const auto from = start.empty() ? std::vector<Index>{} : targets_of(start, version_rows);
  const bool from_base = from.empty();
  if (!from_base) {
    reach(from, &Node::down, above_start);
  }
  const bool to_heads = end.empty() || end == "heads";
  if (!to_heads) {
    reach(targets_of(end, version_rows), &Node::up, below_end);
  }
  std::vector<std::string> out;
  for (const std::string& id : topo_order_newest_first()) {
    const Index i = exact_index(id);
    if ((from_base || above_start[i]) && (to_heads || below_end[i])) {
      out.push_back(id);
    }
  }
  return out;
}

} // namespace migratecpp::migrate
