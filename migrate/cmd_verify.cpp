// verify and log: what the history table says about the applied revisions.
#include "migrate/applied_checksums.h"
#include "migrate/commands.h"
#include "migrate/database.h"
#include "migrate/history_table.h"
#include "migrate/json_output.h"
#include "migrate/migration_lock.h"
#include "migrate/revision_checksum.h"
#include "migrate/script_directory.h"
#include "migrate/version_table.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <set>

namespace migratecpp::migrate {

namespace {

// The revision a --accept argument names: one of the problems (or an unrecorded revision),
// by exact id first (a vanished revision has no file to resolve a prefix against), else as
// the graph resolves it.
std::string accepted_id(const ScriptDirectory& scripts, const AppliedChecksums& status,
                        const std::set<std::string>& applied, const std::string& ref) {
  for (const auto& p : status.problems) {
    if (p.revision == ref) {
      return ref;
    }
  }
  const std::string id = scripts.graph().get(ref).id;
  if (applied.count(id) == 0) {
    throw util::Error("cannot accept revision " + id +
                      ": it is not applied (only applied revisions are checked)");
  }
  return id;
}

void accept(const ScriptDirectory& scripts, LiveDatabase& db, const HistoryTable& table,
            const AppliedChecksums& status, const std::set<std::string>& applied,
            const std::vector<std::string>& refs, util::Output& out) {
  std::vector<HistoryRecord> records;
  std::set<std::string> seen;
  const auto now = std::chrono::system_clock::now();
  for (const auto& ref : refs) {
    const std::string id = accepted_id(scripts, status, applied, ref);
    if (!seen.insert(id).second) {
      continue;
    }
    const auto problem = std::find_if(status.problems.begin(), status.problems.end(),
                                      [&](const auto& p) { return p.revision == id; });
    const bool unrecorded = std::find(status.unrecorded.begin(), status.unrecorded.end(), id) !=
                            status.unrecorded.end();
    if (problem == status.problems.end() && !unrecorded) {
      out.info("revision " + id + " already matches its recorded checksum; nothing to accept");
      continue;
    }
    if (problem != status.problems.end() && problem->vanished()) {
      records.push_back({id, k_history_forget, "", now, std::nullopt});
      out.info("accepted: revision " + id + " (file gone) is no longer checked");
    } else {
      records.push_back({id, k_history_accept, scripts.ops_checksum_of(id), now, std::nullopt});
      out.info("accepted: " + scripts.path_of(id).string() + " (revision " + id + ") as it is now");
    }
  }
  write_history(db, table, records);
}

} // namespace

bool verify(const Project& project, const VerifyOptions& options, util::Output& out) {
  const ScriptDirectory scripts = ScriptDirectory::load(project.config);
  // verify is the folder's health check: every file's ops are read, not only the applied
  // ones it checksums.
  scripts.check_all_files();
  LiveDatabase db = open_database(project);
  std::optional<MigrationLock> lock;
  if (!options.accept.empty()) {
    lock.emplace(db, project, out);
  }
  const VersionTable versions(*db.dialect, project.config.version_table);
  const HistoryTable table(*db.dialect, project.config.version_table);
  auto rows = versions.read(*db.conn);
  auto status = check_applied(scripts, rows, table.read(*db.conn));
  if (!options.accept.empty()) {
    std::vector<std::string> known;
    for (const auto& r : rows) {
      if (scripts.graph().find(r) != nullptr) {
        known.push_back(r);
      }
    }
    accept(scripts, db, table, status, scripts.graph().applied_set(known), options.accept, out);
    status = check_applied(scripts, rows, table.read(*db.conn));
  }
  if (options.json) {
    toml::array problems;
    for (const auto& p : status.problems) {
      problems.push_back(toml::table{{"revision", p.revision},
                                     {"path", p.path},
                                     {"problem", p.vanished() ? "file gone" : "ops changed"},
                                     {"recorded_checksum", p.recorded},
                                     {"current_checksum", p.now},
                                     {"recorded_at", p.recorded_at},
                                     {"description", describe(p)}});
    }
    print_json(out, toml::table{{"ok", status.problems.empty()},
                                {"verified", static_cast<std::int64_t>(status.verified)},
                                {"problems", std::move(problems)},
                                {"unrecorded", string_array(status.unrecorded)}});
    return status.problems.empty();
  }
  for (const auto& p : status.problems) {
    out.data(describe(p));
  }
  if (!status.unrecorded.empty()) {
    out.info("note: " + std::to_string(status.unrecorded.size()) +
             " applied revision(s) have no recorded checksum yet (migrated before the history "
             "table existed): " +
             util::join(status.unrecorded, ", ") + "; the next upgrade or downgrade records them");
  }
  if (!status.problems.empty()) {
    std::vector<std::string> ids;
    for (const auto& p : status.problems) {
      ids.push_back(p.revision);
    }
    out.info(std::to_string(status.problems.size()) +
             " applied revision(s) differ from what was applied: upgrade and downgrade refuse "
             "to run; restore the file(s), or record a deliberate edit with 'migratecpp verify "
             "--accept " +
             util::join(ids, " ") + "'");
    return false;
  }
  out.info("OK: " + std::to_string(status.verified) +
           " applied revision(s) match their recorded checksums");
  return true;
}

void applied_log(const Project& project, const LogOptions& options, util::Output& out) {
  LiveDatabase db = open_database(project);
  const HistoryTable table(*db.dialect, project.config.version_table);
  const auto entries = table.read(*db.conn);
  if (options.json) {
    toml::array rows;
    std::size_t shown = 0;
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
      if (options.limit != 0 && shown++ == options.limit) {
        break;
      }
      toml::table row{{"seq", it->seq},
                      {"revision", it->revision},
                      {"direction", it->direction},
                      {"checksum", it->checksum},
                      {"started_at", it->started_at},
                      {"migratecpp_version", it->migratecpp_version}};
      if (it->duration_ms) {
        row.insert("duration_ms", *it->duration_ms);
      }
      if (it->ops_done) {
        row.insert("ops_done", *it->ops_done);
      }
      rows.push_back(std::move(row));
    }
    print_json(out, toml::table{{"history_table", table.name()}, {"entries", std::move(rows)}});
    return;
  }
  if (entries.empty()) {
    out.info("The history table " + table.name() + " is empty or does not exist yet");
    return;
  }
  std::size_t shown = 0;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (options.limit != 0 && shown++ == options.limit) {
      break;
    }
    const auto& e = *it;
    std::string direction = e.direction;
    direction.resize(std::max<std::size_t>(direction.size(), 9), ' ');
    std::string line =
        std::to_string(e.seq) + "  " + e.started_at + "  " + direction + "  " + e.revision;
    line += "  " + (e.duration_ms ? std::to_string(*e.duration_ms) + " ms" : std::string("-"));
    line += "  " + (e.checksum.empty() ? std::string("-")
                                       : (options.verbose ? e.checksum : e.checksum.substr(0, 12)));
    line += "  migratecpp " + e.migratecpp_version;
    out.data(line);
  }
}

} // namespace migratecpp::migrate
