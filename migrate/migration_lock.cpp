#include "migrate/migration_lock.h"

#include "util/error.h"
#include "util/interrupt.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

namespace migratecpp::migrate {

namespace {

// "300 s", "2.5 s".
std::string seconds_text(double seconds) {
  std::ostringstream out;
  out << seconds << " s";
  return out.str();
}

std::string holder_of(LiveDatabase& db, const std::string& version_table) {
  try {
    return db.dialect->lock_holder(*db.conn, version_table);
  } catch (const util::Error&) {
    return ""; // the lock is what matters; not knowing its holder is no reason to fail
  }
}

std::string held_by(const std::string& holder) {
  return holder.empty() ? "by another process (the database does not say which)" : "by " + holder;
}

} // namespace

std::unique_ptr<dialects::HeldLock>
wait_for_lock(const std::function<std::unique_ptr<dialects::HeldLock>()>& try_once,
              std::chrono::milliseconds timeout, std::chrono::milliseconds announce_after,
              const std::function<void()>& announce) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  auto pause = std::chrono::milliseconds(50);
  bool announced = false;
  for (;;) {
    if (auto held = try_once()) {
      return held;
    }
    const auto waited = clock::now() - start;
    if (waited >= timeout) {
      return nullptr;
    }
    if (!announced && waited >= announce_after) {
      announce();
      announced = true;
    }
    util::throw_if_interrupted();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(timeout - waited);
    std::this_thread::sleep_for(std::min(pause, left));
    util::throw_if_interrupted();
    pause = std::min(pause * 2, std::chrono::milliseconds(500));
  }
}

MigrationLock::MigrationLock(LiveDatabase& db, const Project& project, util::Output& out) {
  const std::string& table = project.config.version_table;
  const double seconds = project.lock_timeout_seconds;
  const auto timeout =
      std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(seconds * 1000));
  m_held = wait_for_lock(
      [&] { return db.dialect->try_lock(*db.conn, table); }, timeout, std::chrono::seconds(1),
      [&] {
        out.info("Waiting for " + db.dialect->lock_name(*db.conn, table) + ", held " +
                 held_by(holder_of(db, table)) + " (giving up after " + seconds_text(seconds) +
                 ": [database] lock_timeout, --lock-timeout)");
      });
  if (!m_held) {
    throw util::Error("gave up after " + seconds_text(seconds) + " waiting for " +
                      db.dialect->lock_name(*db.conn, table) + ", held " +
                      held_by(holder_of(db, table)) +
                      "; nothing was changed. Wait for that run to end, or raise "
                      "[database] lock_timeout / --lock-timeout");
  }
}

} // namespace migratecpp::migrate
