// libFuzzer harness for the target parser: the input is a target string (`head`, `heads`,
// `base`, ids and prefixes, `+N`, `REV-N`, `LABEL@head`, `LABEL@REV+N`, lists, `START:END`
// ranges) resolved against a fixed history with branches, a merge, labels, a dependency and
// ids sharing prefixes, from several sets of version rows, and fed to the plans and stamp
// that take a target. Any answer but a result or util::Error (UsageError included) is a
// finding.
#include "fuzz_support.h"
#include "migrate/revision_graph.h"
#include "migrate/target.h"
#include "util/error.h"

#include <string>
#include <vector>

using namespace migratecpp;

namespace {

migrate::Revision rev(std::string id, std::vector<std::string> down,
                      std::vector<std::string> labels = {}, std::vector<std::string> deps = {}) {
  migrate::Revision r;
  r.id = std::move(id);
  r.down_revisions = std::move(down);
  r.branch_labels = std::move(labels);
  r.depends_on = std::move(deps);
  return r;
}

//   1a0001 <- 1a0002 <- 1a0003 <- 2b0004 <- 2b0005 (label feature) <-+- 3c0008 (merge) <- 3c0009
//                          ^                                         |
//                          +-- 2c0006 (label hotfix) <- 2c0007 ------+
//   9f0001 (label other) <- 9f0002 (depends on 1a0002) <- 9f0003
const migrate::RevisionGraph& graph() {
  static const migrate::RevisionGraph g({
      rev("1a0001", {}),
      rev("1a0002", {"1a0001"}),
      rev("1a0003", {"1a0002"}),
      rev("2b0004", {"1a0003"}),
      rev("2b0005", {"2b0004"}, {"feature"}),
      rev("2c0006", {"1a0003"}, {"hotfix"}),
      rev("2c0007", {"2c0006"}),
      rev("3c0008", {"2b0005", "2c0007"}),
      rev("3c0009", {"3c0008"}),
      rev("9f0001", {}, {"other"}),
      rev("9f0002", {"9f0001"}, {}, {"1a0002"}),
      rev("9f0003", {"9f0002"}),
  });
  return g;
}

const std::vector<std::vector<std::string>>& row_sets() {
  static const std::vector<std::vector<std::string>> sets = {
      {},                   // base
      {"1a0002"},           // on the trunk
      {"2b0005", "2c0006"}, // both branches, before the merge
      {"3c0009", "9f0003"}, // every head
  };
  return sets;
}

template <class F> void expecting_errors(F&& f) {
  try {
    f();
  } catch (const util::Error&) {
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string target(fuzz::text_of(data, size));
  const migrate::RevisionGraph& g = graph();
  (void)migrate::parse_relative(target);
  expecting_errors([&] { (void)migrate::parse_history_range(target); });
  expecting_errors([&] { (void)g.resolve(target); });
  for (const auto& rows : row_sets()) {
    expecting_errors([&] { (void)g.resolve_targets(target, rows); });
    expecting_errors([&] { (void)g.upgrade_plan(rows, target); });
    expecting_errors([&] { (void)g.downgrade_plan(rows, target); });
    expecting_errors([&] { (void)g.stamp_rows(rows, {target}, false); });
    expecting_errors([&] { (void)g.history_range(target, rows); });
  }
  return 0;
}
