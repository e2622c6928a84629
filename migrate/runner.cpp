#include "migrate/runner.h"

#include "migrate/undo_journal.h"
#include "schema/apply.h"
#include "util/error.h"
#include "util/interrupt.h"
#include "util/strings.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <span>

namespace migratecpp::migrate {

FailureStrategy failure_strategy(const dialects::Dialect& dialect) {
  return dialect.transactional_ddl() ? FailureStrategy::transactional
                                     : FailureStrategy::compensating;
}

std::string describe_op(const schema::Op& op) {
  std::string table = schema::op_table(op);
  return schema::op_name(op) + (table.empty() ? "" : " on '" + table + "'");
}

namespace {

std::string step_title(const Step& step) {
  const auto& rev = step.file->revision;
  const std::string from = step.upgrade ? util::join(rev.down_revisions, ", ") : rev.id;
  const std::string to = step.upgrade ? rev.id : util::join(rev.down_revisions, ", ");
  return std::string(step.upgrade ? "Running upgrade " : "Running downgrade ") + from + " -> " +
         to + (rev.message.empty() ? "" : ", " + rev.message);
}

std::string rows_text(const std::vector<std::string>& rows) {
  return rows.empty() ? std::string("base") : util::join(rows, ", ");
}

// True if `step` is a revision run with a begin marker (compensating strategy, online).
bool marks_begun(const Step& step, const RunOptions& options, const UndoJournal* journal) {
  return journal != nullptr && options.begin_marker && step.file != nullptr;
}

// Moves the version table for `step`, then writes what options.after_versions adds (the
// history rows). With a journal (compensating), records the statements that ran, also when
// one of them fails.
void write_versions(Sink& sink, const VersionTable& versions, const Step& step,
                    const RunOptions& options, std::chrono::system_clock::time_point started,
                    UndoJournal* journal) {
  auto statements = versions.transition(step.rows_before, step.rows_after);
  if (marks_begun(step, options, journal)) {
    // Right after the version row, which says the revision is done: the marker becomes the
    // revision's history row (what after_versions would have added).
    const auto& ops = step.upgrade ? step.file->upgrade : step.file->downgrade;
    statements.push_back(options.begin_marker->end(step, started, ops.size()));
  } else if (options.after_versions) {
    for (auto& s : options.after_versions(step, started)) {
      statements.push_back(std::move(s));
    }
  }
  std::vector<dialects::Statement> ran;
  const std::string what =
      "version table " + rows_text(step.rows_before) + " -> " + rows_text(step.rows_after);
  for (const auto& s : statements) {
    try {
      sink.execute(s);
    } catch (...) {
      if (journal != nullptr) {
        journal->statements_ran(what, std::move(ran));
      }
      throw;
    }
    if (journal != nullptr) {
      ran.push_back(s);
    }
  }
  if (journal != nullptr) {
    journal->statements_ran(what, std::move(ran));
  }
}

// What a group of ops the dialect carries out as one unit (Dialect::group_size) is called in
// messages: "upgrade ops #2-#4 (drop_constraint, create_check, alter_column on 'items', run as
// one)".
std::string group_what(const Step& step, std::size_t first, std::span<const schema::Op> group) {
  std::vector<std::string> names;
  for (const auto& op : group) {
    names.push_back(schema::op_name(op));
  }
  const std::string table = schema::op_table(group.front());
  return std::string(step.upgrade ? "upgrade" : "downgrade") + " ops #" +
         std::to_string(first + 1) + "-#" + std::to_string(first + group.size()) + " (" +
         util::join(names, ", ") + (table.empty() ? "" : " on '" + table + "'") + ", run as one)";
}

// An `execute` op ended the revision's transaction itself (COMMIT, ROLLBACK or END in its
// SQL): what ran before is committed or gone, and nothing can be rolled back.
class TransactionEnded : public util::Error {
public:
  using util::Error::Error;
};

// The schema the runner renders against. Online, an `execute` op (whose effect no model
// knows) leaves it stale, and so does an op the model cannot follow; it is read again from the
// database (RunOptions::reread_schema) only when a later op consults it: every op but an
// execute does (rendering, SQLite's rebuild grouping, an undo), so a revision of execute ops
// alone reads it no time at all, and one whose execute ops come before a rebuild reads it once.
// Offline (no reread) it is never stale: the model is all a script knows.
class TrackedSchema {
public:
  // Changed only through schema::apply while tracked, so its tables are looked up by an index
  // (an offline script over 100,000 revisions looks one up per op); the caller gets it back
  // unindexed, free to change as it likes.
  TrackedSchema(schema::Database& state, const std::function<schema::Database()>& reread)
      : m_state(state), m_reread(reread) {
    m_state.index_tables();
  }
  ~TrackedSchema() { m_state.table_index.disarm(); }
  TrackedSchema(const TrackedSchema&) = delete;
  TrackedSchema& operator=(const TrackedSchema&) = delete;

  // The schema as it stands, read again first if it is stale.
  schema::Database& current() {
    if (m_stale) {
      m_state = m_reread();
      m_state.index_tables();
      m_stale = false;
    }
    return m_state;
  }
  // The schema as the model has it, stale or not: for an execute op, whose rendering does not
  // look at it.
  schema::Database& as_known() { return m_state; }
  bool stale() const { return m_stale; }
  // Online: the database changed in a way the model does not follow.
  void invalidate() {
    if (m_reread) {
      m_stale = true;
    }
  }
  // For undoing a failure: the schema as it stands if it can be read, else as known.
  schema::Database& for_undo() {
    try {
      return current();
    } catch (const std::exception&) {
      m_stale = false;
      return m_state;
    }
  }

private:
  schema::Database& m_state;
  const std::function<schema::Database()>& m_reread;
  bool m_stale = false;
};

void run_one(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
             const Step& step, TrackedSchema& tracked, const RunOptions& options,
             dialects::RenderContext& context, UndoJournal* journal) {
  const auto started = std::chrono::system_clock::now();
  if (step.file == nullptr) {
    write_versions(sink, versions, step, options, started, journal);
    return;
  }
  const auto& ops = step.upgrade ? step.file->upgrade : step.file->downgrade;
  const auto& lines = step.upgrade ? step.file->upgrade_lines : step.file->downgrade_lines;
  const std::string& path = step.file->revision.where.path;
  const std::string& id = step.file->revision.id;
  const bool marked = marks_begun(step, options, journal);
  if (marked) {
    // Journaled: a failure wholly undone takes the marker away with the rest.
    auto begin = options.begin_marker->begin(step, started);
    sink.execute(begin);
    journal->bookkeeping_ran(id + "'s begin marker in the history table", std::move(begin));
  }
  auto op_what = [&](std::size_t i) {
    return std::string(step.upgrade ? "upgrade" : "downgrade") + " op #" + std::to_string(i + 1) +
           " (" + describe_op(ops[i]) + ")";
  };
  for (std::size_t i = 0; i < ops.size();) {
    const schema::Op& op = ops[i];
    const bool free_form = std::holds_alternative<schema::Execute>(op);
    // An execute renders its SQL alone: a stale schema is not read again for it.
    const schema::Database& state = free_form ? tracked.as_known() : tracked.current();
    // One op, or several the dialect carries out as one (SQLite: one rebuild of a table for
    // consecutive ops that each rebuild it). An execute always runs alone.
    const std::size_t n =
        free_form ? 1
                  : std::clamp<std::size_t>(dialect.group_size(std::span(ops).subspan(i), state), 1,
                                            ops.size() - i);
    const std::span<const schema::Op> group = std::span(ops).subspan(i, n);
    const util::Location where{path, i < lines.size() ? lines[i] : 0};
    const std::string what = n == 1 ? op_what(i) : group_what(step, i, group);
    std::vector<dialects::Statement> statements;
    try {
      statements =
          n == 1 ? dialect.render(op, state, context) : dialect.render_group(group, state, context);
    } catch (const util::Error& e) {
      if (n > 1) {
        // Name the op that fails on its own, as when each op ran alone.
        schema::Database alone = state;
        for (std::size_t k = i; k < i + n; ++k) {
          try {
            dialect.render(ops[k], alone, context);
            schema::apply(alone, ops[k]);
          } catch (const util::Error& op_error) {
            throw util::Error("revision " + id + ": " + op_what(k) + ": " + op_error.message(),
                              util::Location{path, k < lines.size() ? lines[k] : 0});
          }
        }
      }
      throw util::Error("revision " + id + ": " + what + ": " + e.message(), where);
    }
    if (std::holds_alternative<schema::Execute>(op) && context.live == nullptr) {
      // Offline, the SQL is all that is known of what an execute op did (see RenderContext).
      for (const auto& s : statements) {
        context.executed.push_back({"revision " + id + " " + what, s.sql});
      }
    }
    std::vector<dialects::Statement> ran;
    for (const auto& s : statements) {
      try {
        util::throw_if_interrupted(); // SIGINT/SIGTERM between statements
        sink.execute(s);
      } catch (const util::Error& e) {
        if (journal != nullptr) {
          // A statement is atomic: what the failing one did is gone; the ones before stay.
          journal->statements_ran(id + " " + what, std::move(ran));
        }
        throw util::Error("revision " + id + ": " + what + " failed: " + e.what(), where);
      }
      if (journal != nullptr) {
        ran.push_back(s);
      }
    }
    for (std::size_t k = i; k < i + n && !tracked.stale(); ++k) {
      try {
        schema::apply(tracked.current(), ops[k]);
      } catch (const util::Error&) {
        // The model of the schema does not know what the op touches: a table made outside the
        // revisions (offline, or an Alembic takeover). Online, the database knows: it is read
        // again when a later op needs it (once for a group: all of it ran). Offline, only ops
        // that must restate a table (SQLite rebuilds) need it, and their rendering reports
        // the missing table.
        tracked.invalidate();
      }
    }
    if (journal != nullptr) {
      // Each op of a group is undone by its own reverse, newest first.
      for (std::size_t k = i; k < i + n; ++k) {
        journal->op_done(id + " " + op_what(k), ops[k], k + 1 < i + n ? ran : std::move(ran));
      }
    }
    i += n;
    if (marked) {
      // Not journaled: an undo leaves the count as it was, and a partial undo says itself
      // what it could not take back.
      sink.execute(options.begin_marker->progress(step, started, i));
    }
    if (free_form && journal == nullptr && sink.online() && !sink.transaction_open()) {
      throw TransactionEnded("revision " + id + ": " + what +
                                 " ended the revision's transaction itself (a COMMIT, ROLLBACK "
                                 "or END in its SQL); migratecpp stops here. Remove transaction "
                                 "control from the op's SQL",
                             where);
    }
    if (free_form) {
      tracked.invalidate(); // read again only if a later op needs it
    }
  }
  write_versions(sink, versions, step, options, started, journal);
}

enum class Check { go, skip, all_done };

// Verifies the version table before `step` (see RunOptions::read_rows). Skip: another
// migratecpp applied this very step while we waited (SQLite has no session lock). All done:
// in one transaction for the whole run, another migratecpp took the database to `last`'s
// target meanwhile, so there is nothing left to do.
Check check_rows(const Step& step, const Step& last, bool per_step, const RunOptions& options) {
  const auto rows = options.read_rows();
  const auto& expected = step.rows_before;
  if (rows == expected) {
    return Check::go;
  }
  auto done = [&](const Step& s) {
    return rows == s.rows_after || (options.already_done && options.already_done(s, rows));
  };
  if (per_step && done(step)) {
    return Check::skip;
  }
  if (!per_step && done(last)) {
    return Check::all_done;
  }
  throw util::Error("the version table changed while migrating (now " + rows_text(rows) +
                    ", expected " + rows_text(expected) +
                    "): is another migratecpp running? Nothing was applied for this "
                    "revision; run the command again");
}

// The version-table check before `step`: per revision, or once for a run in one unit (later
// revisions see our own rows).
Check check_before(const Step& step, const std::vector<Step>& steps, bool per_step,
                   const RunOptions& options) {
  if (!options.read_rows || (!per_step && &step != &steps.front())) {
    return Check::go;
  }
  return check_rows(step, steps.back(), per_step, options);
}

void report_all_done(const std::vector<Step>& steps, util::Output& out) {
  out.info("  already applied by another migratecpp: the database is at " +
           rows_text(steps.back().rows_after) + "; nothing left to do");
}

std::string title_of(const Step& step) {
  return step.file
             ? step_title(step)
             : "Stamping " + rows_text(step.rows_before) + " -> " + rows_text(step.rows_after);
}

// What a run says per revision. On a terminal, online: "[3/200] 3f2a9c1b7d4e add users ...",
// ended by the time it took (" 4 ms"), " skipped", or " failed" when an exception leaves the
// line open. Elsewhere (scripts, CI logs, --sql): the title lines, as Alembic prints them.
class Progress {
public:
  Progress(util::Output& out, const std::vector<Step>& steps, bool online,
           const StepObserver& observer)
      : m_out(out), m_total(steps.size()), m_counter(online && out.progress_on_terminal()),
        m_observer(observer) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() {
    end(" failed");
    tell(StepProgress::Phase::failed);
  }

  void begin(const Step& step) {
    ++m_done;
    m_step = &step;
    m_step_started = std::chrono::steady_clock::now();
    tell(StepProgress::Phase::started);
    if (!m_counter) {
      m_out.info(title_of(step));
      return;
    }
    const std::string what = step.file
                                 ? step.file->revision.id + " " + step.file->revision.message +
                                       (step.upgrade ? "" : " (downgrade)")
                                 : title_of(step);
    m_out.progress_begin("[" + std::to_string(m_done) + "/" + std::to_string(m_total) + "] " +
                         what + " ...");
    m_open = true;
    m_started = std::chrono::steady_clock::now();
  }
  // The revision ran: its time.
  void done() {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - m_started)
                        .count();
    end(" " + std::to_string(ms) + " ms");
    tell(StepProgress::Phase::finished);
  }
  // A note about the revision on its own line (the counter line ended first).
  void note(const std::string& text) {
    end(" skipped");
    tell(StepProgress::Phase::skipped);
    if (!text.empty()) {
      m_out.info(text);
    }
  }

private:
  void end(const std::string& text) {
    if (m_open) {
      m_open = false;
      m_out.progress_end(text);
    }
  }
  // Tells the observer about the current step; after an end (finished, skipped, failed) the
  // step is closed, so the destructor reports a failure only for a step left open.
  void tell(StepProgress::Phase phase) {
    if (m_step == nullptr) {
      return;
    }
    const Step& step = *m_step;
    if (phase != StepProgress::Phase::started) {
      m_step = nullptr;
    }
    if (!m_observer) {
      return;
    }
    StepProgress p;
    p.phase = phase;
    if (step.file != nullptr) {
      p.revision = step.file->revision.id;
      p.message = step.file->revision.message;
    }
    p.upgrade = step.upgrade;
    p.index = m_done;
    p.total = m_total;
    if (phase != StepProgress::Phase::started) {
      p.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - m_step_started)
                         .count();
    }
    try {
      m_observer(p);
    } catch (...) {
      // An observer's failure must not change what the run does (nor escape a destructor).
    }
  }

  util::Output& m_out;
  std::size_t m_total;
  bool m_counter;
  std::size_t m_done = 0;
  bool m_open = false;
  std::chrono::steady_clock::time_point m_started;
  const StepObserver& m_observer;
  const Step* m_step = nullptr; // the step begun and not yet ended
  std::chrono::steady_clock::time_point m_step_started;
};

// The last line of a failure under the transactional strategy, read from the version table
// (the truth, also when another migratecpp moved it), not from the plan.
std::string rolled_back_line(const util::Error& e, const std::vector<std::string>& at,
                             const RunOptions& options) {
  std::optional<std::vector<std::string>> now;
  std::string unread;
  try {
    if (options.rows_now) {
      now = options.rows_now();
    }
  } catch (const std::exception& read_error) {
    unread = " (the version table could not be read: " + std::string(read_error.what()) + ")";
  }
  if (dynamic_cast<const TransactionEnded*>(&e) != nullptr) {
    return "not rolled back: the statements before the transaction ended stay; the version "
           "table says the database is at " +
           (now ? rows_text(*now) : "an unknown revision" + unread);
  }
  if (!now || *now == at) {
    return "rolled back: the database is still at " + rows_text(at) + unread;
  }
  return "rolled back: the database is at " + rows_text(*now) +
         " (another migratecpp moved it while this one ran)";
}

// For a script: whether each of `steps`, run in order from `state`, rebuilds a table
// (Dialect::needs_rebuild); its transaction is then wrapped in Dialect::script_before_rebuilds
// / _after_rebuilds. One pass over one copy of the schema for the whole run (a copy per step
// made a long script quadratic in its revisions). Online: all false, the connection sees to it.
std::vector<bool> rebuilding_steps(const dialects::Dialect& dialect, const Sink& sink,
                                   std::span<const Step> steps, const schema::Database& before) {
  std::vector<bool> out(steps.size(), false);
  if (sink.online() ||
      (dialect.script_before_rebuilds().empty() && dialect.script_after_rebuilds().empty())) {
    return out;
  }
  schema::Database state = before;
  state.index_tables(); // changed by schema::apply alone below
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].file == nullptr) {
      continue;
    }
    for (const schema::Op& op :
         steps[i].upgrade ? steps[i].file->upgrade : steps[i].file->downgrade) {
      out[i] = out[i] || dialect.needs_rebuild(op, state);
      try {
        schema::apply(state, op);
      } catch (const util::Error&) {
        // As in run_one offline: what the model does not know, no rebuild can restate.
      }
    }
  }
  return out;
}

// Around a script's transaction: nothing, or the dialect's statements that must run outside
// it when a table is rebuilt in it.
std::vector<dialects::Statement> script_wrapper(const dialects::Dialect& dialect, bool rebuilds,
                                                bool before) {
  if (!rebuilds) {
    return {};
  }
  return before ? dialect.script_before_rebuilds() : dialect.script_after_rebuilds();
}

void run_transactional(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
                       const std::vector<Step>& steps, TrackedSchema& tracked,
                       const RunOptions& options, dialects::RenderContext& context,
                       util::Output& out) {
  const bool per_step = options.transaction_per_migration;
  const std::vector<bool> rebuilds = rebuilding_steps(dialect, sink, steps, tracked.as_known());
  std::vector<dialects::Statement> after_all;
  if (!per_step && !steps.empty()) {
    const bool any = std::find(rebuilds.begin(), rebuilds.end(), true) != rebuilds.end();
    for (const auto& s : script_wrapper(dialect, any, true)) {
      sink.execute(s);
    }
    after_all = script_wrapper(dialect, any, false);
    sink.begin();
  }
  Progress progress(out, steps, sink.online(), options.observer);
  for (const Step& step : steps) {
    const std::string title = title_of(step);
    progress.begin(step);
    if (!sink.online()) {
      sink.comment(title);
    }
    std::vector<dialects::Statement> after_step;
    if (per_step) {
      const bool rebuilds_here = rebuilds[static_cast<std::size_t>(&step - steps.data())];
      for (const auto& s : script_wrapper(dialect, rebuilds_here, true)) {
        sink.execute(s);
      }
      after_step = script_wrapper(dialect, rebuilds_here, false);
      sink.begin();
    }
    try {
      if (&step == &steps.front()) {
        for (const auto& s : options.first_statements) {
          sink.execute(s);
        }
      }
      // Verify the version table inside the transaction: per revision, or once for a run in
      // one transaction (later revisions see our own uncommitted rows).
      const Check check = check_before(step, steps, per_step, options);
      if (check != Check::go) {
        // Keep our schema model in step with what the other migrator did.
        sink.rollback();
        tracked.invalidate();
        if (check == Check::all_done) {
          progress.note("");
          report_all_done(steps, out);
          return;
        }
        progress.note("  already applied by another migratecpp; skipped");
        continue;
      }
      run_one(dialect, sink, versions, step, tracked, options, context, nullptr);
      if (per_step) {
        sink.commit();
        for (const auto& s : after_step) {
          sink.execute(s);
        }
      }
      progress.done();
    } catch (const util::Error& e) {
      sink.rollback();
      if (!sink.online()) {
        throw;
      }
      const auto& at = per_step ? step.rows_before : steps.front().rows_before;
      throw util::Error(e.message() + "\n" + rolled_back_line(e, at, options), e.where());
    } catch (...) {
      sink.rollback();
      throw;
    }
  }
  if (!per_step && !steps.empty()) {
    try {
      sink.commit();
    } catch (...) {
      sink.rollback();
      throw;
    }
    for (const auto& s : after_all) {
      sink.execute(s);
    }
  }
}

// The last line of a failure under the compensating strategy.
std::string compensated_line(const UndoJournal::Outcome& outcome, const RunOptions& options) {
  std::string where;
  try {
    where = options.rows_now ? "the database is at " + rows_text(options.rows_now())
                             : "the version table was not read";
  } catch (const std::exception& e) {
    where = "the version table could not be read (" + std::string(e.what()) + ")";
  }
  if (outcome.undone.empty() && outcome.not_undone.empty()) {
    return "nothing to undo: " + where + " (nothing of it had run)";
  }
  const std::string undid = outcome.undone.empty() ? "nothing" : util::join(outcome.undone, ", ");
  if (outcome.not_undone.empty()) {
    return "undone: " + where + "; undid (newest first): " + undid + "; could not undo: nothing";
  }
  return "partly undone: " + where + ", with changes left that no revision describes; undid " +
         "(newest first): " + undid + "; could not undo: " + util::join(outcome.not_undone, "; ");
}

void run_compensating(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
                      const std::vector<Step>& steps, TrackedSchema& tracked,
                      const RunOptions& options, dialects::RenderContext& context,
                      util::Output& out) {
  const bool per_step = options.transaction_per_migration;
  // What ran of the unit a failure takes back: the revision, or with
  // transaction_per_migration = false the whole run, as a transaction would.
  UndoJournal journal;
  for (const auto& s : options.first_statements) {
    sink.execute(s); // DDL commits itself here: nothing for a failure to take back
  }
  Progress progress(out, steps, sink.online(), options.observer);
  for (const Step& step : steps) {
    progress.begin(step);
    if (per_step) {
      journal.clear(); // the previous revision and its version row are final
    }
    try {
      const Check check = check_before(step, steps, per_step, options);
      if (check != Check::go) {
        tracked.invalidate();
        if (check == Check::all_done) {
          progress.note("");
          report_all_done(steps, out);
          return;
        }
        progress.note("  already applied by another migratecpp; skipped");
        continue;
      }
      run_one(dialect, sink, versions, step, tracked, options, context, &journal);
      progress.done();
    } catch (const util::Error& e) {
      // Undone against the schema as it stands (read again if execute ops left it stale).
      const auto outcome = journal.undo(dialect, sink, tracked.for_undo(), options.reread_schema);
      throw util::Error(e.message() + "\n" + compensated_line(outcome, options), e.where());
    } catch (...) {
      journal.undo(dialect, sink, tracked.for_undo(), options.reread_schema);
      throw;
    }
  }
}

} // namespace

void run_steps(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
               const std::vector<Step>& steps, schema::Database& state, const RunOptions& options,
               util::Output& out) {
  dialects::RenderContext context;
  context.live = sink.connection();
  context.executed = options.executed_before;
  TrackedSchema tracked(state, options.reread_schema);
  if (sink.online() && failure_strategy(dialect) == FailureStrategy::compensating) {
    run_compensating(dialect, sink, versions, steps, tracked, options, context, out);
  } else {
    run_transactional(dialect, sink, versions, steps, tracked, options, context, out);
  }
}

} // namespace migratecpp::migrate
