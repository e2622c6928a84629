// upgrade, downgrade and stamp: online against the database, or offline (--sql) as a script.
#include "migrate/applied_checksums.h"
#include "migrate/begun_revisions.h"
#include "migrate/commands.h"
#include "migrate/database.h"
#include "migrate/history_table.h"
#include "migrate/migration_lock.h"
#include "migrate/preflight.h"
#include "migrate/revision_checksum.h"
#include "migrate/runner.h"
#include "migrate/script_directory.h"
#include "schema/apply.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace migratecpp::migrate {

namespace {

enum class Direction { up, down };

// Version rows after each step of `plan`, starting from `rows`. Each step's rows are derived
// from the previous ones (version_rows_for over the whole applied set per step made a long
// --sql script quadratic in its revisions): the plan applies parents first and unapplies
// children first, so only `id` and its parents can enter or leave the rows.
std::vector<Step> make_steps(const ScriptDirectory& scripts, const std::vector<std::string>& rows,
                             const std::vector<std::string>& plan, Direction dir) {
  const RevisionGraph& graph = scripts.graph();
  std::set<std::string> applied = graph.applied_set(rows);
  const auto normalized = graph.version_rows_for(applied);
  std::set<std::string> current(normalized.begin(), normalized.end());
  std::vector<Step> steps;
  steps.reserve(plan.size());
  for (const auto& id : plan) {
    const auto& parents = scripts.file(id).revision.down_revisions;
    if (dir == Direction::up) {
      applied.insert(id);
      for (const auto& p : parents) {
        current.erase(p); // now has an applied child
      }
      current.insert(id);
    } else {
      applied.erase(id);
      current.erase(id);
      for (const auto& p : parents) {
        const auto kids = graph.children(p);
        if (applied.count(p) != 0 && std::none_of(kids.begin(), kids.end(), [&](const auto& c) {
              return applied.count(c) != 0;
            })) {
          current.insert(p); // its last applied child is gone
        }
      }
    }
    Step s;
    s.file = &scripts.file(id);
    s.upgrade = dir == Direction::up;
    s.rows_before = steps.empty() ? rows : steps.back().rows_after;
    s.rows_after.assign(current.begin(), current.end());
    steps.push_back(std::move(s));
  }
  return steps;
}

// The schema as the revisions up to `rows` leave it: what offline mode renders against. The
// SQL their execute ops render for `dialect` goes to `executed` (RenderContext::executed).
schema::Database replay_schema(const ScriptDirectory& scripts, const dialects::Dialect& dialect,
                               const std::vector<std::string>& rows,
                               std::vector<dialects::RenderContext::Executed>& executed) {
  const RevisionGraph& graph = scripts.graph();
  schema::Database db;
  std::vector<std::string> at;
  for (const auto& row : rows) {
    const auto plan = graph.upgrade_plan(at, row);
    std::set<std::string> applied = graph.applied_set(at);
    for (const auto& id : plan) {
      const auto& ops = scripts.file(id).upgrade;
      for (std::size_t i = 0; i < ops.size(); ++i) {
        const auto& op = ops[i];
        if (std::holds_alternative<schema::Execute>(op)) {
          for (const auto& s : dialect.render(op, db)) {
            executed.push_back(
                {"revision " + id + " upgrade op #" + std::to_string(i + 1) + " (execute)", s.sql});
          }
        }
        try {
          schema::apply(db, op);
        } catch (const util::Error&) {
          // A table the revisions did not create (made before them): unknown offline.
        }
      }
      applied.insert(id);
    }
    at = graph.version_rows_for(applied);
  }
  return db;
}

struct Range {
  std::string from; // empty: not given
  std::string to;
};

Range split_range(const std::string& target, bool offline) {
  const auto colon = target.find(':');
  if (colon == std::string::npos) {
    return {"", target};
  }
  if (!offline) {
    throw util::UsageError("a FROM:TO range ('" + target + "') is only valid with --sql");
  }
  return {target.substr(0, colon), target.substr(colon + 1)};
}

std::vector<std::string> rows_of(const RevisionGraph& graph, const std::string& spec) {
  if (spec.empty() || spec == "base") {
    return {};
  }
  const auto ids = graph.resolve_targets(spec, {});
  return graph.version_rows_for(graph.applied_set(ids));
}

void run_offline(const Project& project, const ScriptDirectory& scripts,
                 const dialects::Dialect& dialect, const std::vector<std::string>& start_rows,
                 const std::vector<Step>& steps, bool create_table, bool drop_table,
                 const std::string& title, util::Output& out) {
  // The script is held back until it is complete: a failure prints no half script.
  std::ostringstream script;
  util::Output buffered = out.with_data(script);
  ScriptSink sink(dialect, buffered);
  VersionTable versions(dialect, project.config.version_table);
  const HistoryTable history(dialect, project.config.version_table);
  sink.comment("migratecpp " + title + " (" + std::string(dialect.name()) + ")");
  for (const auto& s : dialect.script_session()) {
    sink.execute(s);
  }
  if (!project.config.schema.empty()) {
    sink.execute({dialect.use_schema_sql(project.config.schema), "use the configured schema"});
  }
  if (create_table) {
    sink.execute({versions.create_sql(), "create the version table"});
  }
  // Always: the database the script runs on may predate the history table.
  sink.execute({history.create_sql(), "create the history table"});
  buffered.data("");
  RunOptions options;
  schema::Database state = replay_schema(scripts, dialect, start_rows, options.executed_before);
  options.transaction_per_migration = project.config.transaction_per_migration;
  // The rows say when the script ran (the dialect's clock), not when it was written.
  options.after_versions = [&](const Step& step, std::chrono::system_clock::time_point) {
    return history_statements(history, scripts, step, std::nullopt);
  };
  run_steps(dialect, sink, versions, steps, state, options, buffered);
  if (drop_table) {
    sink.execute({"DROP TABLE " + dialect.quote_ident(project.config.version_table),
                  "drop the version table"});
  }
  out.data_raw(script.str());
}

void run_online(const Project& project, const ScriptDirectory& scripts, LiveDatabase& db,
                const VersionTable& versions, const HistoryTable& history,
                const std::vector<Step>& steps, util::Output& out,
                const StepObserver& observer = {}) {
  auto& conn = *db.conn;
  RunOptions options;
  const bool has_versions = versions.exists(conn);
  const bool has_history = history.exists(conn);
  const bool missing = !has_versions || !has_history;
  if (missing && db.dialect->transactional_ddl() && !conn.in_transaction() && !steps.empty()) {
    // Made in the first revision's transaction, as Alembic makes them: they commit or roll
    // back with it, and a first upgrade on SQLite commits once (a commit of their own was 4 of
    // its 10 fsyncs). A migrator that made them meanwhile is met by IF NOT EXISTS, and where
    // there is no lock, by the version check inside that transaction.
    if (!has_versions) {
      options.first_statements.push_back({versions.create_sql(), "create the version table"});
    }
    if (!has_history) {
      options.first_statements.push_back({history.create_sql(), "create the history table"});
    }
  } else if (missing) {
    // Both in one transaction where DDL is transactional.
    const bool together = db.dialect->transactional_ddl() && !conn.in_transaction();
    if (together) {
      conn.begin();
    }
    try {
      versions.ensure(conn);
      history.ensure(conn);
      if (together) {
        conn.commit();
      }
    } catch (...) {
      if (together) {
        conn.rollback();
      }
      throw;
    }
  }
  schema::Database state = read_schema(db, project, false);
  ConnectionSink sink(*db.conn);
  options.transaction_per_migration = project.config.transaction_per_migration;
  options.after_versions = [&](const Step& step, std::chrono::system_clock::time_point started) {
    return history_statements(history, scripts, step, started);
  };
  if (failure_strategy(*db.dialect) == FailureStrategy::compensating) {
    auto record = [&](const Step& step, std::chrono::system_clock::time_point started) {
      return HistoryRecord{step.file->revision.id,
                           step.upgrade ? k_history_begin_upgrade : k_history_begin_downgrade,
                           scripts.ops_checksum_of(step.file->revision.id), started, std::nullopt};
    };
    options.begin_marker = RunOptions::BeginMarker{
        [&, record](const Step& step, auto started) {
          return history.begin(record(step, started));
        },
        [&, record](const Step& step, auto started, std::size_t done) {
          return history.progress(record(step, started), done);
        },
        [&, record](const Step& step, auto started, std::size_t done) {
          const HistoryRecord begun = record(step, started);
          HistoryRecord finished = begun;
          finished.direction = step.upgrade ? k_history_upgrade : k_history_downgrade;
          finished.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now() - started)
                                     .count();
          return history.end(begun, done, finished);
        }};
  }
  options.observer = observer;
  options.reread_schema = [&] { return read_schema(db, project, false); };
  options.rows_now = [&] { return versions.read(*db.conn); };
  if (!db.dialect->has_migration_lock()) {
    options.read_rows = [&] { return versions.read_existing(*db.conn); };
    options.already_done = [&](const Step& step, const std::vector<std::string>& rows) {
      if (step.file == nullptr) {
        return false;
      }
      const bool applied = scripts.graph().applied_set(rows).count(step.file->revision.id) != 0;
      return step.upgrade ? applied : !applied;
    };
  }
  run_steps(*db.dialect, sink, versions, steps, state, options, out);
}

void migrate(const Project& project, const MigrateOptions& options, Direction dir,
             util::Output& out) {
  const auto loaded = load_scripts(project, true);
  const ScriptDirectory& scripts = *loaded;
  const RevisionGraph& graph = scripts.graph();
  const Range range = split_range(options.target, options.sql);
  if (!options.sql && !options.dialect.empty()) {
    throw util::UsageError("--dialect only applies with --sql (online, the URL picks the dialect)");
  }

  if (options.sql) {
    const auto& dialect = offline_dialect(project, options.dialect);
    if (dir == Direction::down && range.from.empty()) {
      throw util::UsageError("downgrade --sql needs a range FROM:TO, for example 'head:base'");
    }
    const auto start = rows_of(graph, range.from);
    const auto plan = dir == Direction::up ? graph.upgrade_plan(start, range.to)
                                           : graph.downgrade_plan(start, range.to);
    const auto steps = make_steps(scripts, start, plan, dir);
    preflight(dialect, steps, out);
    const bool ends_at_base =
        dir == Direction::down && !steps.empty() && steps.back().rows_after.empty();
    run_offline(project, scripts, dialect, start, steps, dir == Direction::up && start.empty(),
                ends_at_base,
                std::string(dir == Direction::up ? "upgrade " : "downgrade ") +
                    (range.from.empty() ? "base" : range.from) + " -> " + range.to,
                out);
    return;
  }

  LiveDatabase db = open_database(project);
  const MigrationLock lock(db, project, out);
  VersionTable versions(*db.dialect, project.config.version_table);
  const auto rows = versions.read(*db.conn);
  check_version_rows(graph, rows, project.config.version_table);
  const auto plan = dir == Direction::up ? graph.upgrade_plan(rows, range.to)
                                         : graph.downgrade_plan(rows, range.to);
  // Also when there is nothing to do: an edited applied revision is news for the deployer.
  // One of each for the command: what one asks of the catalog, the other does not ask again.
  const HistoryTable history(*db.dialect, project.config.version_table);
  guard_applied_checksums(scripts, db, history, rows, out);
  if (plan.empty()) {
    out.info("Nothing to do: the database is at " +
             (rows.empty() ? std::string("base") : util::join(rows, ", ")));
    return;
  }
  const auto steps = make_steps(scripts, rows, plan, dir);
  preflight(*db.dialect, steps, out);
  run_online(project, scripts, db, versions, history, steps, out, options.observer);
}

} // namespace

void upgrade(const Project& project, const MigrateOptions& options, util::Output& out) {
  migrate(project, options, Direction::up, out);
}

void downgrade(const Project& project, const MigrateOptions& options, util::Output& out) {
  migrate(project, options, Direction::down, out);
}

void stamp(const Project& project, const StampOptions& options, util::Output& out) {
  const ScriptDirectory scripts = ScriptDirectory::load(project.config);
  const RevisionGraph& graph = scripts.graph();
  if (options.revisions.empty()) {
    throw util::UsageError("stamp needs at least one revision (or 'base', 'head', 'heads')");
  }
  if (options.sql) {
    const auto& dialect = offline_dialect(project, options.dialect);
    std::vector<std::string> start;
    std::vector<std::string> targets = options.revisions;
    if (targets.size() == 1 && targets[0].find(':') != std::string::npos) {
      const Range r = split_range(targets[0], true);
      start = rows_of(graph, r.from);
      targets = {r.to};
    }
    Step s;
    s.rows_before = start;
    s.rows_after = graph.stamp_rows(start, targets, options.purge);
    run_offline(project, scripts, dialect, start, {s}, start.empty(), false,
                "stamp " + util::join(options.revisions, " "), out);
    return;
  }
  LiveDatabase db = open_database(project);
  const MigrationLock lock(db, project, out);
  VersionTable versions(*db.dialect, project.config.version_table);
  auto rows = versions.read(*db.conn);
  if (!options.purge) {
    check_version_rows(graph, rows, project.config.version_table);
  }
  // Said before "nothing to do": stamping the revision a database is at is how a user says
  // that a revision begun and never finished (begun_revisions.h) was undone by hand.
  const HistoryTable history(*db.dialect, project.config.version_table);
  forget_begun(scripts, db, history, out);
  Step s;
  s.rows_before = rows;
  s.rows_after = graph.stamp_rows(options.purge ? std::vector<std::string>{} : rows,
                                  options.revisions, options.purge);
  if (s.rows_after == rows) {
    out.info("Nothing to do: the database is already stamped " +
             (rows.empty() ? std::string("base") : util::join(rows, ", ")));
    return;
  }
  run_online(project, scripts, db, versions, history, {s}, out);
}

} // namespace migratecpp::migrate
