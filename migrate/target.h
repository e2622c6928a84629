#pragma once
// The grammar of target strings, the parts that need no graph: relative steps ("+2", "REV-1",
// and after "LABEL@") and history ranges ("START:END"). Resolving a target against the graph
// and the version rows is RevisionGraph::resolve_targets (target.cpp, with these).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace migratecpp::migrate {

struct RelativeTarget {
  std::string_view base; // what the steps count from; empty = the current revision
  bool up = true;
  std::size_t steps = 0;
};

// A trailing "+N" or "-N" and what comes before it. Only the trailing digits count, so an id
// such as "add-users" is never taken for a relative target (and exact ids are tried before
// this anyway). nullopt unless `s` ends in "+" or "-" followed by digits.
std::optional<RelativeTarget> parse_relative(std::string_view s);

struct HistoryRange {
  std::string start; // trimmed; empty = base
  std::string end;   // trimmed; empty = heads
};

// `history -r START:END`, `START:` or `:END`. Throws util::UsageError when there is no ':'.
HistoryRange parse_history_range(std::string_view range);

} // namespace migratecpp::migrate
