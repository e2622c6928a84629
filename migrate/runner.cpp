#include "migrate/runner.h"

#include "migrate/undo_journal.h"
#include "schema/apply.h"
#include "util/error.h"
#include "util/strings.h"

#include <span>

namespace migratecpp::migrate {

FailureStrategy failure_strategy(const dialects::Dialect& dialect) {
  return dialect.transactional_ddl() ? FailureStrategy::transactional
                                     : FailureStrategy::compensating;
}

namespace {

std::string describe_op(const schema::Op& op) {
  std::string table = schema::op_table(op);
  return schema::op_name(op) + (table.empty() ? "" : " on '" + table + "'");
}

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

// Moves the version table for `step`. With a journal (compensating), records the statements
// that ran, also when one of them fails.
void write_versions(Sink& sink, const VersionTable& versions, const Step& step,
                    UndoJournal* journal) {
  const auto statements = versions.transition(step.rows_before, step.rows_after);
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

void run_one(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
             const Step& step, schema::Database& state, const RunOptions& options,
             dialects::RenderContext& context, UndoJournal* journal) {
  if (step.file == nullptr) {
    write_versions(sink, versions, step, journal);
    return;
  }
  const auto& ops = step.upgrade ? step.file->upgrade : step.file->downgrade;
  const auto& lines = step.upgrade ? step.file->upgrade_lines : step.file->downgrade_lines;
  const std::string& path = step.file->revision.where.path;
  const std::string& id = step.file->revision.id;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const schema::Op& op = ops[i];
    const util::Location where{path, i < lines.size() ? lines[i] : 0};
    const std::string what = std::string(step.upgrade ? "upgrade" : "downgrade") + " op #" +
                             std::to_string(i + 1) + " (" + describe_op(op) + ")";
    std::vector<dialects::Statement> statements;
    try {
      statements = dialect.render(op, state, context);
    } catch (const util::Error& e) {
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
    try {
      schema::apply(state, op);
    } catch (const util::Error&) {
      // The model of the schema does not know what the op touches: a table made outside the
      // revisions (offline, or an Alembic takeover). Online, the database knows: read it again.
      // Offline, only ops that must restate a table (SQLite rebuilds) need it, and their
      // rendering reports the missing table itself.
      if (options.reread_schema) {
        state = options.reread_schema();
      }
    }
    if (journal != nullptr) {
      journal->op_done(id + " " + what, op, std::move(ran));
    }
    if (std::holds_alternative<schema::Execute>(op) && options.reread_schema) {
      state = options.reread_schema();
    }
  }
  write_versions(sink, versions, step, journal);
}

enum class Check { go, skip };

// Verifies the version table before `step` (see RunOptions::read_rows). Skip: another
// migratecpp applied this very step while we waited (SQLite has no session lock).
Check check_rows(const Step& step, bool per_step, const RunOptions& options) {
  const auto rows = options.read_rows();
  const auto& expected = step.rows_before;
  if (rows == expected) {
    return Check::go;
  }
  if (per_step &&
      (rows == step.rows_after || (options.already_done && options.already_done(step, rows)))) {
    return Check::skip;
  }
  throw util::Error("the version table changed while migrating (now " + rows_text(rows) +
                    ", expected " + rows_text(expected) +
                    "): is another migratecpp running? Nothing was applied for this "
                    "revision; run the command again");
}

std::string title_of(const Step& step) {
  return step.file
             ? step_title(step)
             : "Stamping " + rows_text(step.rows_before) + " -> " + rows_text(step.rows_after);
}

// True if one of `steps`, run from `state`, rebuilds a table (Dialect::needs_rebuild): a
// script then wraps its transaction in Dialect::script_before_rebuilds / _after_rebuilds.
bool rebuilds_a_table(const dialects::Dialect& dialect, std::span<const Step> steps,
                      schema::Database state) {
  bool found = false;
  for (const Step& step : steps) {
    if (step.file == nullptr) {
      continue;
    }
    for (const schema::Op& op : step.upgrade ? step.file->upgrade : step.file->downgrade) {
      found = found || dialect.needs_rebuild(op, state);
      try {
        schema::apply(state, op);
      } catch (const util::Error&) {
        // As in run_one offline: what the model does not know, no rebuild can restate.
      }
    }
  }
  return found;
}

// Around a script's transaction over `steps`: nothing, or the dialect's statements that must
// run outside it when a table is rebuilt.
std::vector<dialects::Statement> script_wrapper(const dialects::Dialect& dialect, const Sink& sink,
                                                std::span<const Step> steps,
                                                const schema::Database& state, bool before) {
  if (sink.online() || !rebuilds_a_table(dialect, steps, state)) {
    return {};
  }
  return before ? dialect.script_before_rebuilds() : dialect.script_after_rebuilds();
}

void run_transactional(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
                       const std::vector<Step>& steps, schema::Database& state,
                       const RunOptions& options, dialects::RenderContext& context,
                       util::Output& out) {
  const bool per_step = options.transaction_per_migration;
  std::vector<dialects::Statement> after_all;
  if (!per_step && !steps.empty()) {
    for (const auto& s : script_wrapper(dialect, sink, steps, state, true)) {
      sink.execute(s);
    }
    after_all = script_wrapper(dialect, sink, steps, state, false);
    sink.begin();
  }
  for (const Step& step : steps) {
    const std::string title = title_of(step);
    out.info(title);
    if (!sink.online()) {
      sink.comment(title);
    }
    std::vector<dialects::Statement> after_step;
    if (per_step) {
      const std::span<const Step> one(&step, 1);
      for (const auto& s : script_wrapper(dialect, sink, one, state, true)) {
        sink.execute(s);
      }
      after_step = script_wrapper(dialect, sink, one, state, false);
      sink.begin();
    }
    try {
      // Verify the version table inside the transaction: per revision, or once for a run in
      // one transaction (later revisions see our own uncommitted rows).
      if (options.read_rows && (per_step || &step == &steps.front()) &&
          check_rows(step, per_step, options) == Check::skip) {
        // Keep our schema model in step with what the other migrator did.
        sink.rollback();
        if (options.reread_schema) {
          state = options.reread_schema();
        }
        out.info("  already applied by another migratecpp; skipped");
        continue;
      }
      run_one(dialect, sink, versions, step, state, options, context, nullptr);
      if (per_step) {
        sink.commit();
        for (const auto& s : after_step) {
          sink.execute(s);
        }
      }
    } catch (const util::Error& e) {
      sink.rollback();
      if (!sink.online()) {
        throw;
      }
      const auto& at = per_step ? step.rows_before : steps.front().rows_before;
      throw util::Error(e.message() + "\nrolled back: the database is still at " + rows_text(at),
                        e.where());
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
                      const std::vector<Step>& steps, schema::Database& state,
                      const RunOptions& options, dialects::RenderContext& context,
                      util::Output& out) {
  const bool per_step = options.transaction_per_migration;
  // What ran of the unit a failure takes back: the revision, or with
  // transaction_per_migration = false the whole run, as a transaction would.
  UndoJournal journal;
  for (const Step& step : steps) {
    out.info(title_of(step));
    if (per_step) {
      journal.clear(); // the previous revision and its version row are final
    }
    try {
      if (options.read_rows && (per_step || &step == &steps.front()) &&
          check_rows(step, per_step, options) == Check::skip) {
        if (options.reread_schema) {
          state = options.reread_schema();
        }
        out.info("  already applied by another migratecpp; skipped");
        continue;
      }
      run_one(dialect, sink, versions, step, state, options, context, &journal);
    } catch (const util::Error& e) {
      const auto outcome = journal.undo(dialect, sink, state, options.reread_schema);
      throw util::Error(e.message() + "\n" + compensated_line(outcome, options), e.where());
    } catch (...) {
      journal.undo(dialect, sink, state, options.reread_schema);
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
  if (sink.online() && failure_strategy(dialect) == FailureStrategy::compensating) {
    run_compensating(dialect, sink, versions, steps, state, options, context, out);
  } else {
    run_transactional(dialect, sink, versions, steps, state, options, context, out);
  }
}

} // namespace migratecpp::migrate
