#include "migrate/applied_checksums.h"

#include "migrate/begun_revisions.h"
#include "migrate/revision_checksum.h"
#include "util/error.h"
#include "util/strings.h"

#include <set>

namespace migratecpp::migrate {

std::map<std::string, const HistoryEntry*>
applied_records(const std::vector<HistoryEntry>& history) {
  std::map<std::string, const HistoryEntry*> latest;
  for (const auto& e : history) {        // in seq order: later rows win
    if (!is_begin_marker(e.direction)) { // a revision begun says nothing of what is applied
      latest[e.revision] = &e;
    }
  }
  std::erase_if(latest, [](const auto& kv) { return !marks_applied(kv.second->direction); });
  return latest;
}

namespace {

std::vector<std::string> known_rows(const RevisionGraph& graph,
                                    const std::vector<std::string>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) {
    if (graph.find(r) != nullptr) {
      out.push_back(r);
    }
  }
  return out;
}

std::set<std::string> applied_ids(const RevisionGraph& graph,
                                  const std::vector<std::string>& rows) {
  return graph.applied_set(known_rows(graph, rows));
}

} // namespace

AppliedChecksums check_applied(const ScriptDirectory& scripts, const std::vector<std::string>& rows,
                               const std::vector<HistoryEntry>& history) {
  const RevisionGraph& graph = scripts.graph();
  const auto records = applied_records(history);
  AppliedChecksums out;
  std::set<std::string> vanished;
  for (const auto& r : rows) {
    if (graph.find(r) == nullptr) {
      vanished.insert(r);
    }
  }
  for (const auto& [id, entry] : records) {
    if (graph.find(id) == nullptr) {
      vanished.insert(id);
    }
  }
  for (const auto& id : vanished) {
    ChecksumProblem p;
    p.revision = id;
    if (auto it = records.find(id); it != records.end()) {
      p.recorded = it->second->checksum;
      p.recorded_at = it->second->started_at;
    }
    out.problems.push_back(std::move(p));
  }
  for (const auto& id : applied_ids(graph, rows)) {
    const auto it = records.find(id);
    if (it == records.end()) {
      out.unrecorded.push_back(id);
      continue;
    }
    const std::string now = scripts.ops_checksum_of(id);
    if (now == it->second->checksum) {
      ++out.verified;
      continue;
    }
    ChecksumProblem p;
    p.revision = id;
    p.path = scripts.path_of(id).string();
    p.recorded = it->second->checksum;
    p.now = now;
    p.recorded_at = it->second->started_at;
    out.problems.push_back(std::move(p));
  }
  std::sort(out.problems.begin(), out.problems.end(),
            [](const auto& a, const auto& b) { return a.revision < b.revision; });
  return out;
}

std::string describe(const ChecksumProblem& p) {
  const std::string when = p.recorded_at.empty() ? "" : " on " + p.recorded_at;
  if (p.vanished()) {
    return "revision " + p.revision + ": its file is gone from the migrations folder, but the " +
           "database has it applied" + (p.recorded_at.empty() ? "" : " (recorded" + when + ")");
  }
  return p.path + " (revision " + p.revision + "): its ops changed since it was applied" + when +
         " (checksum " + p.recorded.substr(0, 12) + " recorded, " + p.now.substr(0, 12) + " now)";
}

std::vector<dialects::Statement>
history_statements(const HistoryTable& table, const ScriptDirectory& scripts, const Step& step,
                   std::optional<std::chrono::system_clock::time_point> started) {
  std::vector<dialects::Statement> out;
  if (step.file != nullptr) {
    HistoryRecord rec;
    rec.revision = step.file->revision.id;
    rec.direction = step.upgrade ? k_history_upgrade : k_history_downgrade;
    rec.checksum = scripts.ops_checksum_of(rec.revision);
    rec.started_at = started;
    if (started) {
      rec.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now() - *started)
                            .count();
    }
    out.push_back(table.insert(rec));
    return out;
  }
  // A stamp: no ops ran, but the applied set moved.
  const RevisionGraph& graph = scripts.graph();
  const auto before = applied_ids(graph, step.rows_before);
  const auto after = applied_ids(graph, step.rows_after);
  auto record = [&](const std::string& id, std::string_view direction) {
    HistoryRecord rec;
    rec.revision = id;
    rec.direction = direction;
    rec.checksum = scripts.ops_checksum_of(id);
    rec.started_at = started;
    out.push_back(table.insert(rec));
  };
  for (const auto& id : step.rows_before) {
    // A row stamp --purge drops whose file is gone: it leaves the applied set too.
    if (graph.find(id) == nullptr) {
      out.push_back(table.insert({id, k_history_unstamp, "", started, std::nullopt}));
    }
  }
  for (const auto& id : before) {
    if (after.count(id) == 0) {
      record(id, k_history_unstamp);
    }
  }
  for (const auto& id : after) {
    if (before.count(id) == 0) {
      record(id, k_history_stamp);
    }
  }
  return out;
}

void write_history(LiveDatabase& db, const HistoryTable& table,
                   const std::vector<HistoryRecord>& records) {
  if (records.empty()) {
    return;
  }
  auto& conn = *db.conn;
  conn.begin();
  try {
    table.ensure(conn);
    for (const auto& r : records) {
      conn.exec(table.insert(r).sql);
    }
    conn.commit();
  } catch (...) {
    conn.rollback();
    throw;
  }
}

void guard_applied_checksums(const ScriptDirectory& scripts, LiveDatabase& db,
                             const HistoryTable& table, const std::vector<std::string>& rows,
                             util::Output& out) {
  const auto history = table.read(*db.conn);
  refuse_if_begun(scripts, db, table, history, rows, out);
  const auto result = check_applied(scripts, rows, history);
  if (!result.problems.empty()) {
    std::string message = std::to_string(result.problems.size()) +
                          " applied revision(s) no longer match what was applied:";
    std::vector<std::string> ids;
    for (const auto& p : result.problems) {
      message += "\n  " + describe(p);
      ids.push_back(p.revision);
    }
    message += "\nnothing was run. Restore the file(s) as they were applied, or, if the edit "
               "is deliberate, record it with 'migratecpp verify --accept " +
               util::join(ids, " ") + "'";
    throw util::Error(message);
  }
  if (result.unrecorded.empty()) {
    return;
  }
  std::vector<HistoryRecord> records;
  const auto now = std::chrono::system_clock::now();
  for (const auto& id : result.unrecorded) {
    records.push_back({id, k_history_baseline, scripts.ops_checksum_of(id), now, std::nullopt});
  }
  write_history(db, table, records);
  out.info("note: recorded the checksums of " + std::to_string(records.size()) +
           " applied revision(s) that the history table " + table.name() +
           " did not know (migrated before it existed): " + util::join(result.unrecorded, ", "));
}

} // namespace migratecpp::migrate
