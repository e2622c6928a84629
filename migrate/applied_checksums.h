#pragma once
// Comparing what the history table recorded for each applied revision with its file now:
// the check `upgrade` and `downgrade` make before changing anything, and what `verify`
// reports. Pure: the caller reads the version and history tables.
#include "migrate/database.h"
#include "migrate/history_table.h"
#include "migrate/runner.h"
#include "migrate/script_directory.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace migratecpp::migrate {

struct ChecksumProblem {
  std::string revision;
  std::string path;     // the revision file; "" when it is gone
  std::string recorded; // the checksum the history table holds ("" when none)
  std::string now;      // the file's checksum; "" when the file is gone
  std::string recorded_at;
  bool vanished() const { return path.empty(); }
};

struct AppliedChecksums {
  std::vector<ChecksumProblem> problems; // in revision id order
  // Applied revisions the history knows no checksum for: migrated before the history table
  // existed (or by a migratecpp without it). Sorted.
  std::vector<std::string> unrecorded;
  std::size_t verified = 0; // applied revisions whose checksum matches
};

// The latest row for each revision, when it marks the revision applied (marks_applied).
std::map<std::string, const HistoryEntry*>
applied_records(const std::vector<HistoryEntry>& history);

// The applied revisions are those below the version rows (`rows`, the version table) plus
// those the history marks applied; a version row or a history-applied revision without a
// file is "vanished", an applied one whose ops checksum differs from the recorded one is
// "changed".
AppliedChecksums check_applied(const ScriptDirectory& scripts, const std::vector<std::string>& rows,
                               const std::vector<HistoryEntry>& history);

// One line: "<path> (revision r1): its ops changed since it was applied (recorded ...)" or
// "revision r1: its file is gone (applied ...)".
std::string describe(const ChecksumProblem& problem);

// The history rows for one runner step: the revision's upgrade or downgrade with its checksum
// and duration; for a stamp step, a stamp or unstamp row per revision entering or leaving the
// applied set. `started` nullopt: a script, the time is taken when the row is written.
std::vector<dialects::Statement>
history_statements(const HistoryTable& table, const ScriptDirectory& scripts, const Step& step,
                   std::optional<std::chrono::system_clock::time_point> started);

// Online, under the migration lock, before upgrade or downgrade changes anything: throws
// util::Error listing every applied revision whose file changed or is gone (the database is
// left as it was), else records the checksums of applied revisions the history does not know
// yet (a database migrated before the history table existed), with a note on stderr.
void guard_applied_checksums(const ScriptDirectory& scripts, LiveDatabase& db,
                             const HistoryTable& table, const std::vector<std::string>& rows,
                             util::Output& out);

// Writes `records` to the history table (created if missing) in one transaction.
void write_history(LiveDatabase& db, const HistoryTable& table,
                   const std::vector<HistoryRecord>& records);

} // namespace migratecpp::migrate
