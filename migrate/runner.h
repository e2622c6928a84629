#pragma once
// Runs revisions: renders each op against the tracked schema, sends the statements to a sink
// (a live connection or a script), and moves the version table. How a failure is taken back
// depends on the database (FailureStrategy).
#include "dialects/dialect.h"
#include "migrate/revision.h"
#include "migrate/statement_sink.h"
#include "migrate/step_progress.h"
#include "migrate/version_table.h"
#include "util/output.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace migratecpp::migrate {

struct Step {
  const RevisionFile* file = nullptr; // nullptr: a stamp step (version table only)
  bool upgrade = true;
  std::vector<std::string> rows_before;
  std::vector<std::string> rows_after;
};

// How the runner takes back a revision that fails partway.
enum class FailureStrategy {
  // One transaction per revision (or one for the whole run); a failure rolls it back.
  transactional,
  // The database commits DDL on its own (MySQL), so no transaction is opened: a failure
  // undoes what already ran of the revision (or of the whole run, with
  // transaction_per_migration = false), newest first, op by op through each op's reverse and,
  // for an op that failed partway, statement by statement through Statement::undo. The
  // version row is written right after each revision. What has no reverse (an execute without
  // reverse_sql, rows inserted without a primary key) is reported as not undone.
  compensating,
};

// "create_table on 'users'", "execute": how messages name an op.
std::string describe_op(const schema::Op& op);

// The strategy for running online against `dialect`: from its transactional_ddl().
// Scripts (--sql) always keep their transaction statements.
FailureStrategy failure_strategy(const dialects::Dialect& dialect);

struct RunOptions {
  bool transaction_per_migration = true;
  // Run before the first step's first op: inside its transaction (transactional strategy), so
  // that they commit or roll back with it, or on their own before it (compensating). Online,
  // the version and history tables of a first upgrade (made with its first revision, as
  // Alembic makes them).
  std::vector<dialects::Statement> first_statements;
  // Online only: re-reads the live schema after an `execute` op, whose effect no model knows
  // (or an op the model cannot follow). Lazily: only when a later op of the run consults the
  // schema (every op but an execute does), so execute ops alone read it no time at all.
  std::function<schema::Database()> reread_schema;
  // Online only: reads the version table inside each revision's transaction, so that a
  // concurrent migrator is detected instead of applying a revision twice.
  std::function<std::vector<std::string>()> read_rows;
  // With read_rows: true if the version rows `rows` show that `step` is already done (another
  // migrator ran it meanwhile); the step is then skipped instead of reported as a conflict.
  std::function<bool(const Step& step, const std::vector<std::string>& rows)> already_done;
  // Online only: the version rows actually in the table. After a failure, the last line of
  // the error says where the database really is (read, not assumed from the plan).
  std::function<std::vector<std::string>()> rows_now;
  // Statements that go with each step's version-row write, run right after it in the same
  // transaction (journaled with it under the compensating strategy): the history table's
  // rows. Called with the step and when the step started. Empty: nothing more is written.
  std::function<std::vector<dialects::Statement>(const Step& step,
                                                 std::chrono::system_clock::time_point started)>
      after_versions;
  // Compensating strategy only: the begin marker of a revision (HistoryTable::begin), written
  // before its first op, told of each op finished (progress) and ended with its version-row
  // write (end) or once a failure is wholly undone, so that a revision killed halfway (or
  // whose undo was partial) is named by the next run instead of meeting its own leftovers.
  struct BeginMarker {
    std::function<dialects::Statement(const Step&, std::chrono::system_clock::time_point)> begin;
    std::function<dialects::Statement(const Step&, std::chrono::system_clock::time_point,
                                      std::size_t ops_done)>
        progress;
    std::function<dialects::Statement(const Step&, std::chrono::system_clock::time_point,
                                      std::size_t ops_done)>
        end; // also writes the step's history row: after_versions is not called for the step
  };
  std::optional<BeginMarker> begin_marker;
  // Offline only: the SQL of the execute ops in the revisions the script starts from, oldest
  // first (dialects::RenderContext::executed); the runner adds the script's own.
  std::vector<dialects::RenderContext::Executed> executed_before;
  // Told when each step starts and ends (finished, skipped, failed); empty: nobody listens.
  StepObserver observer;
};

// Runs `steps` in order. `state` is the schema before the first step and is kept up to date,
// except that online, after execute ops no later op needed, it is left as the model knows it
// (options.reread_schema is not called for nothing); after a failure it is unspecified (the
// caller reads the database again if it goes on).
// On failure util::Error is thrown naming the revision file, the op and the statement, and
// ending with one line that says where the database is now: transactional, "rolled back:
// the database is still at X" (or "... is at Y" when another migratecpp moved it, or "not
// rolled back: ..." when an execute op ended the transaction itself); compensating, "undone: the
// database is at X; undid (newest first): ...; could not undo: ..." (or "partly undone: ...", or
// "nothing to undo: ...").
void run_steps(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
               const std::vector<Step>& steps, schema::Database& state, const RunOptions& options,
               util::Output& out);

} // namespace migratecpp::migrate
