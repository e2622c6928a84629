// Targets: the strings commands take to name revisions (`head`, `LABEL@head`, `+2`,
// `REV-1`, ranges for history) and their resolution against the graph and the version rows.
#include "migrate/target.h"

#include "migrate/revision_graph.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace migratecpp::migrate {

namespace {

std::string more_revisions(std::size_t k) {
  return std::to_string(k) + (k == 1 ? " more revision" : " more revisions");
}

} // namespace

std::optional<RelativeTarget> parse_relative(std::string_view s) {
  std::size_t i = s.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1])) != 0) {
    --i;
  }
  if (i == s.size() || i == 0 || (s[i - 1] != '+' && s[i - 1] != '-')) {
    return std::nullopt;
  }
  RelativeTarget r;
  const auto [ptr, ec] = std::from_chars(s.data() + i, s.data() + s.size(), r.steps);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    return std::nullopt;
  }
  r.base = s.substr(0, i - 1);
  r.up = s[i - 1] == '+';
  return r;
}

HistoryRange parse_history_range(std::string_view range) {
  const auto colon = range.find(':');
  if (colon == std::string_view::npos) {
    throw util::UsageError("history range '" + std::string(range) +
                           "' must be START:END, START: or :END");
  }
  return {util::trim(range.substr(0, colon)), util::trim(range.substr(colon + 1))};
}

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

std::vector<std::string>
RevisionGraph::history_range(std::string_view range,
                             const std::vector<std::string>& version_rows) const {
  const auto [start, end] = parse_history_range(range);

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
