#pragma once
// SIGINT and SIGTERM during a migration: the running statement is cancelled (the database
// stops it: PostgreSQL through PQcancel, SQLite through sqlite3_interrupt), the statement
// fails, the runner rolls back or undoes as for any failure and says where the database is,
// and main exits 130 (SIGINT) or 143 (SIGTERM). Without this, a killed client leaves the
// server running the statement and holding the migration lock in an orphaned session.
//
// Outside a database statement nothing waits on the flag for long: the runner checks it
// between statements. A second signal, or one while no connection is registered, ends the
// process at once, as without a handler. A process running many databases at once
// (migrate/multi_target.h) registers a canceller that does nothing for the whole run, so that
// the first signal always stops it cleanly.
//
// The library (lib/) never installs the handlers: the application owns its signals. There the
// flag stays 0 and the registered canceller is never called; both are atomics, so connections
// of projects on several threads may register and unregister at once.
#include <string>

namespace migratecpp::util {

// Stops the statement running on one connection; must be async-signal-safe.
struct Canceller {
  void (*cancel)(void* context) noexcept;
  void* context;
};

// Installs the handlers (once, from main).
void install_interrupt_handlers();

// The connections whose statements a signal cancels: every one registered (several when
// threads each migrate a database). Connections register themselves while open. `canceller`
// must outlive its registration; unregistering waits for a handler running on another thread.
void register_canceller(const Canceller* canceller) noexcept;
void unregister_canceller(const Canceller* canceller) noexcept;

// The signal received (SIGINT, SIGTERM), or 0.
int interrupted_signal() noexcept;

// "interrupted by SIGINT" / "interrupted by SIGTERM".
std::string interrupted_message();

// Throws util::Error(interrupted_message()) if a signal arrived: called between statements.
void throw_if_interrupted();

// The exit code for an interrupted run: 128 + the signal (130, 143).
int interrupted_exit_code() noexcept;

} // namespace migratecpp::util
