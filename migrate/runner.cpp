#include "migrate/runner.h"

#include "schema/apply.h"
#include "util/error.h"
#include "util/strings.h"

namespace migratecpp::migrate {

void ScriptSink::begin() {
  m_out.data(m_dialect.begin_sql() + ";\n");
}

void ScriptSink::commit() {
  m_out.data(m_dialect.commit_sql() + ";\n");
}

void ScriptSink::execute(const dialects::Statement& s) {
  m_out.data(s.sql + ";\n");
}

void ScriptSink::comment(std::string_view text) {
  for (const auto& line : util::split(text, '\n')) {
    m_out.data("-- " + line);
  }
  m_out.data("");
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

// Without transactional DDL (MySQL) a failed revision cannot be rolled back: undo the ops that
// did run, newest first, and say exactly what could not be undone.
std::string undo_applied(const dialects::Dialect& dialect, Sink& sink,
                         const std::vector<schema::Op>& applied, schema::Database& state) {
  for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
    try {
      const schema::Op undo = schema::reverse(*it);
      for (const auto& s : dialect.render(undo, state)) {
        sink.execute(s);
      }
      schema::apply(state, undo);
    } catch (const std::exception& e) {
      return "; undoing the ops that ran failed at " + describe_op(*it) + ": " + e.what() +
             " — the database is left between revisions, fix it by hand";
    }
  }
  return "; the ops that ran were undone";
}

void run_one(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
             const Step& step, schema::Database& state, const RunOptions& options) {
  if (step.file == nullptr) {
    for (const auto& s : versions.transition(step.rows_before, step.rows_after)) {
      sink.execute(s);
    }
    return;
  }
  const auto& ops = step.upgrade ? step.file->upgrade : step.file->downgrade;
  const auto& lines = step.upgrade ? step.file->upgrade_lines : step.file->downgrade_lines;
  const std::string& path = step.file->revision.where.path;
  std::vector<schema::Op> applied;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const schema::Op& op = ops[i];
    const util::Location where{path, i < lines.size() ? lines[i] : 0};
    const std::string what = std::string(step.upgrade ? "upgrade" : "downgrade") + " op #" +
                             std::to_string(i + 1) + " (" + describe_op(op) + ")";
    std::vector<dialects::Statement> statements;
    try {
      statements = dialect.render(op, state);
    } catch (const util::Error& e) {
      throw util::Error("revision " + step.file->revision.id + ": " + what + ": " + e.message(),
                        where);
    }
    for (const auto& s : statements) {
      try {
        sink.execute(s);
      } catch (const util::Error& e) {
        std::string undo;
        if (!dialect.transactional_ddl() && sink.online()) {
          undo = undo_applied(dialect, sink, applied, state);
        }
        throw util::Error("revision " + step.file->revision.id + ": " + what +
                              " failed: " + e.what() + undo,
                          where);
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
    applied.push_back(op);
    if (std::holds_alternative<schema::Execute>(op) && options.reread_schema) {
      state = options.reread_schema();
    }
  }
  for (const auto& s : versions.transition(step.rows_before, step.rows_after)) {
    sink.execute(s);
  }
}

} // namespace

void run_steps(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
               const std::vector<Step>& steps, schema::Database& state, const RunOptions& options,
               util::Output& out) {
  const bool per_step = options.transaction_per_migration;
  if (!per_step && !steps.empty()) {
    sink.begin();
  }
  for (const Step& step : steps) {
    const std::string title =
        step.file ? step_title(step)
                  : "Stamping " + rows_text(step.rows_before) + " -> " + rows_text(step.rows_after);
    out.info(title);
    if (!sink.online()) {
      sink.comment(title);
    }
    if (per_step) {
      sink.begin();
    }
    try {
      // Verify the version table inside the transaction: per revision, or once for a run in
      // one transaction (later revisions see our own uncommitted rows).
      if (options.read_rows && (per_step || &step == &steps.front())) {
        const auto rows = options.read_rows();
        const auto& expected = step.rows_before;
        if (rows != expected) {
          if (per_step && (rows == step.rows_after ||
                           (options.already_done && options.already_done(step, rows)))) {
            // Another migratecpp applied this very revision while we waited for the write
            // lock (SQLite has no session lock): skip it, keeping our schema model in step.
            sink.rollback();
            if (options.reread_schema) {
              state = options.reread_schema();
            }
            out.info("  already applied by another migratecpp; skipped");
            continue;
          }
          throw util::Error("the version table changed while migrating (now " + rows_text(rows) +
                            ", expected " + rows_text(expected) +
                            "): is another migratecpp running? Nothing was applied for this "
                            "revision; run the command again");
        }
      }
      run_one(dialect, sink, versions, step, state, options);
      if (per_step) {
        sink.commit();
      }
    } catch (const util::Error& e) {
      sink.rollback();
      if (!sink.online() || !dialect.transactional_ddl()) {
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
  }
}

} // namespace migratecpp::migrate
