#pragma once
// Revisions begun and never finished: on a database without transactional DDL the runner
// writes a begin marker into the history table before a revision's first op and counts its
// ops as they finish (HistoryTable::begin / progress / end). A marker left behind means the
// revision was killed halfway, or failed and could not be wholly undone: part of it is in the
// database while the version table still says the revision before. The next run must say so
// instead of running the revision again into its own leftovers ("table already exists").
#include "migrate/database.h"
#include "migrate/history_table.h"
#include "migrate/script_directory.h"
#include "util/output.h"

#include <string>
#include <vector>

namespace migratecpp::migrate {

// The begin markers in `history` (in seq order).
std::vector<HistoryEntry> begun_revisions(const std::vector<HistoryEntry>& history);

// What a marker tells: which revision, which way, when, and how many of its ops had finished,
// naming them and the one that may have run in part.
std::string describe_begun(const ScriptDirectory& scripts, const HistoryEntry& marker);

// True if `marker` is stale: every op of its revision finished and the version rows (`rows`)
// already say the revision is done (a kill between the version-row write and the marker's
// deletion). Nothing of it is unknown.
bool finished_begun(const ScriptDirectory& scripts, const HistoryEntry& marker,
                    const std::vector<std::string>& rows);

// upgrade and downgrade, before changing anything: deletes stale markers (finished_begun, with
// a note), then throws util::Error describing every other marker and how to go on (make the
// database match one end of the revision by hand, then `stamp` it).
void refuse_if_begun(const ScriptDirectory& scripts, LiveDatabase& db, const HistoryTable& table,
                     const std::vector<HistoryEntry>& history, const std::vector<std::string>& rows,
                     util::Output& out);

// stamp: the user has said where the database is; the markers are deleted (one transaction)
// and what they said is repeated on stderr. Returns how many there were.
std::size_t forget_begun(const ScriptDirectory& scripts, LiveDatabase& db,
                         const HistoryTable& table, util::Output& out);

// current: a warning line per marker (the version table alone would not tell the whole truth).
void warn_if_begun(const ScriptDirectory& scripts, LiveDatabase& db, const HistoryTable& table,
                   util::Output& out);

} // namespace migratecpp::migrate
