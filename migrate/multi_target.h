#pragma once
// One command over many databases (one per tenant or shard): upgrade, downgrade, current or
// check run on each target of a list (migrate/targets.h), --jobs at a time. Every database is
// opened, locked (its own migration lock) and migrated on its own; a failure in one does not
// stop the others. A line of progress as each one finishes, a summary table (or one JSON
// document, docs/json.md) at the end; the caller exits 1 if any failed.
#include "migrate/commands.h"
#include "migrate/targets.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace migratecpp::migrate {

// A small default: each job holds one or two connections on the server (the migration, the
// lock), so four keep a shared server's connection slots and its DDL load modest while still
// hiding most network and fsync latency; raise it for many small databases on a big server.
inline constexpr int k_default_jobs = 4;
// Bounded well below the interrupt handler's canceller slots (util/interrupt.cpp).
inline constexpr int k_max_jobs = 64;

enum class MultiCommand { upgrade, downgrade, current, check };

struct MultiOptions {
  MultiCommand command = MultiCommand::upgrade;
  std::string revision; // upgrade / downgrade TARGET
  int jobs = k_default_jobs;
  bool json = false;
};

struct TargetResult {
  enum class Status { ok, differs, failed, not_run };
  Target target;
  Status status = Status::not_run;
  std::optional<std::vector<std::string>> before; // version rows before (upgrade/downgrade)
  std::optional<std::vector<std::string>> after;  // version rows after; nullopt: unknown
  std::optional<std::size_t> revisions_run;       // upgrade/downgrade: applied or reverted
  std::vector<std::string> operations;            // check: the pending operations
  std::vector<std::string> warnings;              // the command's warnings for this database
  std::vector<std::string> notes;                 // its other diagnostics (shown with -v)
  std::string error;                              // status failed
  std::chrono::milliseconds duration{0};
};

// Runs the command on every target and prints the progress, the summary and (json) the
// document. `base` is the project every target shares (its config, -x, lock timeout); each
// target gets its own copy with its URL. Returns the exit code: 0 when every target succeeded
// (check: and was clean), 1 otherwise, 128 + the signal when interrupted.
int run_on_targets(const Project& base, const std::vector<Target>& targets,
                   const MultiOptions& options, util::Output& out);

} // namespace migratecpp::migrate
