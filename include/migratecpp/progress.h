#pragma once
// Progress of an upgrade or downgrade, and the lines the command line would print to stderr.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace migratecpp {

enum class Direction { upgrade, downgrade };

struct ProgressEvent {
  // started, then one of finished, skipped (another migrator applied it meanwhile) or failed.
  enum class Phase { started, finished, skipped, failed };
  Phase phase = Phase::started;
  std::string revision; // the revision id
  std::string message;  // the revision's message
  Direction direction = Direction::upgrade;
  std::size_t index = 0;       // 1-based position in this run
  std::size_t total = 0;       // revisions in this run
  std::int64_t elapsed_ms = 0; // since the revision started; 0 for started
};

// Called on the thread that called upgrade()/downgrade(), between statements. An exception
// it throws is ignored.
using ProgressCallback = std::function<void(const ProgressEvent& event)>;

// One line of what the command line prints to stderr ("Running upgrade a -> b, add users",
// "Nothing to do: ...", "migratecpp: warning: ..."), without its newline.
using LogCallback = std::function<void(const std::string& line)>;

} // namespace migratecpp
