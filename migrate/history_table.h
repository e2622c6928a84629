#pragma once
// The history table: beside the version table (which says where the database is), one row for
// every revision applied, reverted, stamped or accepted, with the checksum of its ops
// (migrate/revision_checksum.h), so that an applied revision edited afterwards is noticed.
// Named after the version table (<version_table>_history), in the same schema, created where
// the version table is created; written in the same transaction as the version row (right
// after it under the compensating strategy), and by --sql scripts too.
#include "dialects/dialect.h"
#include "migrate/owned_table.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

// What a row records, in its `direction` column.
inline constexpr std::string_view k_history_upgrade = "upgrade";     // ops ran up
inline constexpr std::string_view k_history_downgrade = "downgrade"; // ops ran down
inline constexpr std::string_view k_history_stamp = "stamp";         // marked applied, no ops
inline constexpr std::string_view k_history_unstamp = "unstamp";     // marked unapplied, no ops
// The checksum of a revision applied before the history table existed, taken on first sight.
inline constexpr std::string_view k_history_baseline = "baseline";
// `verify --accept`: a deliberate edit of an applied revision, its new checksum.
inline constexpr std::string_view k_history_accept = "accept";
// `verify --accept` of an applied revision whose file is gone: no longer checked.
inline constexpr std::string_view k_history_forget = "forget";

// A revision begun on a database without transactional DDL (the compensating strategy): the
// row is written before its first op, counts the ops done as they finish, and is deleted with
// the version-row write (or once a failure's undo is complete). One left behind names a
// revision that was killed, or whose undo was partial, with part of it applied.
inline constexpr std::string_view k_history_begin_upgrade = "begin-upgrade";
inline constexpr std::string_view k_history_begin_downgrade = "begin-downgrade";

// True for the directions after which the revision counts as applied with the row's checksum.
bool marks_applied(std::string_view direction);
// True for k_history_begin_upgrade and k_history_begin_downgrade.
bool is_begin_marker(std::string_view direction);

struct HistoryEntry {
  std::int64_t seq = 0; // 1, 2, ...: the order rows were written
  std::string revision;
  std::string direction;
  std::string checksum;                    // ops_checksum() of the file then; "" for forget
  std::string started_at;                  // UTC, ISO-8601 with milliseconds
  std::optional<std::int64_t> duration_ms; // nullopt: not measured (scripts, stamps, baselines)
  std::string migratecpp_version;
  std::optional<std::int64_t> ops_done; // begin markers: the revision's ops finished so far
};

// What to record; started_at nullopt means "when the statement runs" (--sql scripts).
struct HistoryRecord {
  std::string revision;
  std::string_view direction;
  std::string checksum;
  std::optional<std::chrono::system_clock::time_point> started_at;
  std::optional<std::int64_t> duration_ms;
};

// UTC ISO-8601 with milliseconds: "2026-12-05T02:40:00.123Z".
std::string iso_utc(std::chrono::system_clock::time_point t);

class HistoryTable {
public:
  HistoryTable(const dialects::Dialect& dialect, const std::string& version_table);

  // "<version_table>_history": the one place the name is derived.
  static std::string name_for(std::string_view version_table);
  const std::string& name() const { return m_table; }

  // CREATE TABLE IF NOT EXISTS, dialect-neutral types.
  std::string create_sql() const;
  bool exists(dialects::Connection& conn) const;
  void ensure(dialects::Connection& conn) const;
  // Every row in the order written; empty when the table does not exist.
  std::vector<HistoryEntry> read(dialects::Connection& conn) const;
  // The begin markers alone (revisions begun and not finished), in the order written: what
  // `current` and `stamp` look at, without the whole history.
  std::vector<HistoryEntry> read_begun(dialects::Connection& conn) const;
  // One INSERT ... SELECT that numbers the row itself (MAX(seq) + 1: no autoincrement, which
  // the dialects spell differently). Its undo deletes the same row, for the compensating
  // strategy.
  dialects::Statement insert(const HistoryRecord& record) const;

  // The begin marker of `record` (direction k_history_begin_*, started_at set): its INSERT
  // (ops_done 0; undone by deleting it), the UPDATE that counts `ops_done` ops finished (no
  // undo: never journaled), and the UPDATE that ends it after `ops_done` ops by making it the
  // revision's history row `finished` (the row insert() would add, with the marker's seq; one
  // statement where a DELETE and an INSERT were two. Undone by making it the marker again).
  dialects::Statement begin(const HistoryRecord& record) const;
  dialects::Statement progress(const HistoryRecord& record, std::size_t ops_done) const;
  dialects::Statement end(const HistoryRecord& record, std::size_t ops_done,
                          const HistoryRecord& finished) const;
  // Deletes the row `entry` (read by read()).
  dialects::Statement remove(const HistoryEntry& entry) const;
  // Deletes every begin marker (stamp: the user has said where the database is).
  dialects::Statement clear_begun() const;

private:
  // "direction IN ('begin-upgrade', 'begin-downgrade')"
  std::string begun_condition() const;
  std::vector<HistoryEntry> read_rows(dialects::Connection& conn, const std::string& where) const;

private:
  const dialects::Dialect& m_dialect;
  std::string m_table;
  mutable OwnedTableState m_state; // what exists() found, or that ensure() made it

  std::string started_sql(const HistoryRecord& record) const; // its started_at, as SQL
  std::string row_of(const HistoryRecord& record) const;      // WHERE of the record's own row
  dialects::Statement insert_row(const HistoryRecord& record, const std::string& ops_done) const;
};

} // namespace migratecpp::migrate
