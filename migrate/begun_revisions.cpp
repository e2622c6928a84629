#include "migrate/begun_revisions.h"

#include "migrate/runner.h"
#include "util/error.h"
#include "util/strings.h"

namespace migratecpp::migrate {

namespace {

bool upgrading(const HistoryEntry& marker) {
  return marker.direction == k_history_begin_upgrade;
}

// "r1" / "r1 r2" / "base": what `stamp` takes for the revision's parents.
std::string parents_of(const ScriptDirectory& scripts, const std::string& id) {
  const Revision* r = scripts.graph().find(id);
  if (r == nullptr || r->down_revisions.empty()) {
    return "base";
  }
  return util::join(r->down_revisions, " ");
}

std::string op_list(const std::vector<schema::Op>& ops, std::size_t from, std::size_t to) {
  std::vector<std::string> out;
  for (std::size_t i = from; i < to && i < ops.size(); ++i) {
    out.push_back("#" + std::to_string(i + 1) + " " + describe_op(ops[i]));
  }
  return util::join(out, ", ");
}

// Only the compensating strategy writes begin markers: where each revision runs in a
// transaction there are none, and `current` and `stamp` need not look (two statements fewer:
// the history table's lookup and the read).
bool writes_begin_markers(const dialects::Dialect& dialect) {
  return failure_strategy(dialect) == FailureStrategy::compensating;
}

} // namespace

std::vector<HistoryEntry> begun_revisions(const std::vector<HistoryEntry>& history) {
  std::vector<HistoryEntry> out;
  for (const auto& e : history) {
    if (is_begin_marker(e.direction)) {
      out.push_back(e);
    }
  }
  return out;
}

std::string describe_begun(const ScriptDirectory& scripts, const HistoryEntry& marker) {
  const std::string way = upgrading(marker) ? "upgrade" : "downgrade";
  const std::size_t done =
      static_cast<std::size_t>(std::max<std::int64_t>(0, marker.ops_done.value_or(0)));
  const Revision* r = scripts.graph().find(marker.revision);
  std::string out = "the " + way + " of revision " + marker.revision;
  if (r == nullptr) {
    return out + " (its file is gone) began at " + marker.started_at +
           " and did not finish: " + std::to_string(done) + " of its ops had finished";
  }
  const RevisionFile& file = scripts.file(marker.revision);
  const auto& ops = upgrading(marker) ? file.upgrade : file.downgrade;
  out += " (" + scripts.path_of(marker.revision).string() +
         (r->message.empty() ? "" : ", \"" + r->message + "\"") + ") began at " +
         marker.started_at +
         " and did not finish (killed, or a failure that could not be "
         "wholly undone): " +
         std::to_string(std::min(done, ops.size())) + " of its " + std::to_string(ops.size()) +
         " op(s) had finished";
  if (done > 0) {
    out += " (" + op_list(ops, 0, done) + ")";
  }
  if (done < ops.size()) {
    out += "; op " + op_list(ops, done, done + 1) + " may have run in part or in full";
    if (done + 1 < ops.size()) {
      out += ", " + op_list(ops, done + 1, ops.size()) + " had not started";
    }
  }
  return out;
}

bool finished_begun(const ScriptDirectory& scripts, const HistoryEntry& marker,
                    const std::vector<std::string>& rows) {
  const RevisionGraph& graph = scripts.graph();
  if (graph.find(marker.revision) == nullptr) {
    return false;
  }
  for (const auto& r : rows) {
    if (graph.find(r) == nullptr) {
      return false; // check_version_rows reports these
    }
  }
  const RevisionFile& file = scripts.file(marker.revision);
  const auto& ops = upgrading(marker) ? file.upgrade : file.downgrade;
  const bool applied = graph.applied_set(rows).count(marker.revision) != 0;
  return marker.ops_done.value_or(-1) == static_cast<std::int64_t>(ops.size()) &&
         applied == upgrading(marker);
}

void refuse_if_begun(const ScriptDirectory& scripts, LiveDatabase& db, const HistoryTable& table,
                     const std::vector<HistoryEntry>& history, const std::vector<std::string>& rows,
                     util::Output& out) {
  std::string message;
  for (const auto& m : begun_revisions(history)) {
    if (finished_begun(scripts, m, rows)) {
      db.conn->exec(table.remove(m).sql);
      out.info("note: the " + std::string(upgrading(m) ? "upgrade" : "downgrade") +
               " of revision " + m.revision + " finished but its begin marker was left in " +
               table.name() + " (the run was stopped right after it); deleted it");
      continue;
    }
    const std::string before = upgrading(m) ? parents_of(scripts, m.revision) : m.revision;
    const std::string after = upgrading(m) ? m.revision : parents_of(scripts, m.revision);
    message += (message.empty() ? "" : "\n") + describe_begun(scripts, m) +
               ". This database commits each DDL statement on its own, so what ran of it "
               "stays. Make the database match one end of the revision by hand, then say which "
               "with 'migratecpp stamp " +
               before + "' (what ran undone) or 'migratecpp stamp " + after + "' (the rest done)";
  }
  if (!message.empty()) {
    throw util::Error(message + "\nnothing was run");
  }
}

std::size_t forget_begun(const ScriptDirectory& scripts, LiveDatabase& db,
                         const HistoryTable& table, util::Output& out) {
  if (!writes_begin_markers(*db.dialect)) {
    return 0;
  }
  const auto begun = table.read_begun(*db.conn);
  if (begun.empty()) {
    return 0;
  }
  auto& conn = *db.conn;
  conn.begin();
  try {
    conn.exec(table.clear_begun().sql);
    conn.commit();
  } catch (...) {
    conn.rollback();
    throw;
  }
  for (const auto& m : begun) {
    out.info("note: forgot that " + describe_begun(scripts, m) +
             "; the stamp says where the database is");
  }
  return begun.size();
}

void warn_if_begun(const ScriptDirectory& scripts, LiveDatabase& db, const HistoryTable& table,
                   util::Output& out) {
  if (!writes_begin_markers(*db.dialect)) {
    return;
  }
  for (const auto& m : table.read_begun(*db.conn)) {
    out.warning("warning: " + describe_begun(scripts, m) +
                "; the database holds part of it (run 'migratecpp upgrade' to see how to go on)");
  }
}

} // namespace migratecpp::migrate
