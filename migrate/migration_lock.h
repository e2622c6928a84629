#pragma once
// The migration lock, taken by every command that writes the version or history table
// (upgrade, downgrade, stamp, verify --accept), so that two deploys running at once apply
// each revision exactly once. Waiting is bounded and announced: after a second the process
// says what it waits for and who holds it; after [database] lock_timeout (--lock-timeout) it
// gives up naming the holder. The dialect says what the lock is (Dialect::try_lock).
#include "migrate/commands.h"
#include "migrate/database.h"
#include "util/output.h"

#include <chrono>
#include <functional>
#include <memory>

namespace migratecpp::migrate {

class MigrationLock {
public:
  // Takes the lock of the project's version table, waiting up to the project's lock_timeout.
  // Throws util::Error "gave up after N s waiting for <lock>, held by <holder>" when it runs
  // out, and the interrupt error (util::throw_if_interrupted) on SIGINT/SIGTERM while waiting.
  MigrationLock(LiveDatabase& db, const Project& project, util::Output& out);
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

private:
  std::unique_ptr<dialects::HeldLock> m_held;
};

// The waiting itself, apart from any database: calls `try_once` until it gives a lock or
// `timeout` has passed; after `announce_after`, calls `announce` once. Returns nullptr when
// the time ran out. Sleeps between attempts (50 ms, growing to 500 ms).
std::unique_ptr<dialects::HeldLock>
wait_for_lock(const std::function<std::unique_ptr<dialects::HeldLock>()>& try_once,
              std::chrono::milliseconds timeout, std::chrono::milliseconds announce_after,
              const std::function<void()>& announce);

} // namespace migratecpp::migrate
