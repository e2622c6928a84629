#include "migrate/history_table.h"

#include "migrate/owned_table.h"
#include "util/error.h"

#include <cstdio>
#include <ctime>

namespace migratecpp::migrate {

namespace {

constexpr std::string_view k_columns =
    "seq, revision, direction, checksum, started_at, duration_ms, migratecpp_version, ops_done";

std::optional<std::int64_t> to_int64(const std::optional<std::string>& text) {
  if (!text || text->empty()) {
    return std::nullopt;
  }
  try {
    return std::stoll(*text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

} // namespace

bool is_begin_marker(std::string_view direction) {
  return direction == k_history_begin_upgrade || direction == k_history_begin_downgrade;
}

bool marks_applied(std::string_view direction) {
  return direction == k_history_upgrade || direction == k_history_stamp ||
         direction == k_history_baseline || direction == k_history_accept;
}

std::string iso_utc(std::chrono::system_clock::time_point t) {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  const int year = tm.tm_year + 1900;
  if (year < 0 || year > 9999 || ms < 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
    return buf;
  }
  // Written digit by digit: snprintf's format parsing cost more than the rest of a history
  // row, and a run writes one or two rows per revision.
  std::string out = "0000-00-00T00:00:00.000Z";
  const auto put = [&out](std::size_t at, int value, std::size_t width) {
    for (std::size_t i = width; i-- > 0; value /= 10) {
      out[at + i] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, year, 4);
  put(5, tm.tm_mon + 1, 2);
  put(8, tm.tm_mday, 2);
  put(11, tm.tm_hour, 2);
  put(14, tm.tm_min, 2);
  put(17, tm.tm_sec, 2);
  put(20, static_cast<int>(ms % 1000), 3);
  return out;
}

HistoryTable::HistoryTable(const dialects::Dialect& dialect, const std::string& version_table)
    : m_dialect(dialect), m_table(name_for(version_table)) {}

std::string HistoryTable::name_for(std::string_view version_table) {
  return std::string(version_table) + "_history";
}

std::string HistoryTable::create_sql() const {
  // Portable types only (INTEGER, VARCHAR), the way the version table is made; IF NOT EXISTS
  // for the same reason (two first runs, and scripts applied to databases that have it).
  dialects::SqlBuilder b(m_dialect.quoting());
  b.kw("CREATE TABLE IF NOT EXISTS").ident(m_table).open();
  b.kw("seq INTEGER NOT NULL").comma();
  b.kw("revision VARCHAR(32) NOT NULL").comma();
  b.kw("direction VARCHAR(16) NOT NULL").comma();
  b.kw("checksum VARCHAR(64) NOT NULL").comma();
  b.kw("started_at VARCHAR(32) NOT NULL").comma();
  b.kw("duration_ms INTEGER").comma();
  b.kw("migratecpp_version VARCHAR(32) NOT NULL").comma();
  b.kw("ops_done INTEGER").comma();
  b.kw("CONSTRAINT").ident(m_table + "_pkc").kw("PRIMARY KEY").open().kw("seq").close();
  return b.close().sql();
}

bool HistoryTable::exists(dialects::Connection& conn) const {
  return m_state.exists(m_dialect, conn, m_table, "history table", [](const std::string&) {
    return std::string("The history table is named after [database] version_table; rename it");
  });
}

void HistoryTable::ensure(dialects::Connection& conn) const {
  if (!exists(conn)) {
    conn.exec(create_sql());
    m_state.made();
  }
}

std::vector<HistoryEntry> HistoryTable::read(dialects::Connection& conn) const {
  return read_rows(conn, "");
}

std::vector<HistoryEntry> HistoryTable::read_begun(dialects::Connection& conn) const {
  return read_rows(conn, " WHERE " + begun_condition());
}

std::string HistoryTable::begun_condition() const {
  return "direction IN (" + m_dialect.quote_string(k_history_begin_upgrade) + ", " +
         m_dialect.quote_string(k_history_begin_downgrade) + ")";
}

std::vector<HistoryEntry> HistoryTable::read_rows(dialects::Connection& conn,
                                                  const std::string& where) const {
  if (!exists(conn)) {
    return {};
  }
  const auto rows = conn.query("SELECT " + std::string(k_columns) + " FROM " +
                               m_dialect.quote_ident(m_table) + where + " ORDER BY seq");
  std::vector<HistoryEntry> out;
  for (const auto& r : rows.rows) {
    if (r.size() < 8) {
      continue;
    }
    auto text = [&](std::size_t i) { return r[i] ? *r[i] : std::string(); };
    HistoryEntry e;
    e.seq = to_int64(r[0]).value_or(0);
    e.revision = text(1);
    e.direction = text(2);
    e.checksum = text(3);
    e.started_at = text(4);
    e.duration_ms = to_int64(r[5]);
    e.migratecpp_version = text(6);
    e.ops_done = to_int64(r[7]);
    out.push_back(std::move(e));
  }
  return out;
}

dialects::Statement HistoryTable::insert(const HistoryRecord& record) const {
  return insert_row(record, "CAST(NULL AS INTEGER)");
}

dialects::Statement HistoryTable::insert_row(const HistoryRecord& record,
                                             const std::string& ops_done) const {
  const std::string table = m_dialect.quote_ident(m_table);
  const std::string started = started_sql(record);
  // A typed NULL: PostgreSQL reads a bare NULL in a SELECT list as text.
  const std::string duration = record.duration_ms ? std::to_string(*record.duration_ms)
                                                  : std::string("CAST(NULL AS INTEGER)");
  // INSERT ... SELECT rather than VALUES ((SELECT MAX ...)): MySQL refuses a subquery on the
  // table being inserted into, but takes this form.
  std::string sql = "INSERT INTO " + table + " (" + std::string(k_columns) + ") SELECT " +
                    "COALESCE(MAX(seq), 0) + 1, " + m_dialect.quote_string(record.revision) + ", " +
                    m_dialect.quote_string(record.direction) + ", " +
                    m_dialect.quote_string(record.checksum) + ", " + started + ", " + duration +
                    ", " + m_dialect.quote_string(MIGRATECPP_VERSION) + ", " + ops_done + " FROM " +
                    table;
  std::optional<std::string> undo;
  if (record.started_at) {
    undo = "DELETE FROM " + table + row_of(record);
  }
  return {std::move(sql), "history: " + std::string(record.direction) + " " + record.revision,
          std::move(undo)};
}

std::string HistoryTable::started_sql(const HistoryRecord& record) const {
  return record.started_at ? m_dialect.quote_string(iso_utc(*record.started_at))
                           : m_dialect.utc_now_sql();
}

std::string HistoryTable::row_of(const HistoryRecord& record) const {
  return " WHERE revision = " + m_dialect.quote_string(record.revision) +
         " AND direction = " + m_dialect.quote_string(record.direction) +
         " AND started_at = " + started_sql(record);
}

dialects::Statement HistoryTable::begin(const HistoryRecord& record) const {
  return insert_row(record, "0");
}

dialects::Statement HistoryTable::progress(const HistoryRecord& record,
                                           std::size_t ops_done) const {
  // No undo: the runner does not journal it (an undo leaves the count as it was, and a
  // partial undo says itself what it could not take back).
  const std::string table = m_dialect.quote_ident(m_table);
  return {"UPDATE " + table + " SET ops_done = " + std::to_string(ops_done) + row_of(record),
          "history: " + std::to_string(ops_done) + " op(s) of " + record.revision + " done",
          std::nullopt};
}

dialects::Statement HistoryTable::end(const HistoryRecord& record, std::size_t ops_done,
                                      const HistoryRecord& finished) const {
  const std::string table = m_dialect.quote_ident(m_table);
  auto duration = [](const HistoryRecord& r) {
    return r.duration_ms ? std::to_string(*r.duration_ms) : std::string("NULL");
  };
  // Undone (a later revision of the same run failed) by putting the marker back as it was.
  return {"UPDATE " + table + " SET direction = " + m_dialect.quote_string(finished.direction) +
              ", duration_ms = " + duration(finished) + ", ops_done = NULL" + row_of(record),
          "history: " + std::string(finished.direction) + " " + record.revision,
          "UPDATE " + table + " SET direction = " + m_dialect.quote_string(record.direction) +
              ", duration_ms = " + duration(record) + ", ops_done = " + std::to_string(ops_done) +
              row_of(finished)};
}

dialects::Statement HistoryTable::remove(const HistoryEntry& entry) const {
  return {"DELETE FROM " + m_dialect.quote_ident(m_table) +
              " WHERE seq = " + std::to_string(entry.seq),
          "history: delete row " + std::to_string(entry.seq), std::nullopt};
}

dialects::Statement HistoryTable::clear_begun() const {
  return {"DELETE FROM " + m_dialect.quote_ident(m_table) + " WHERE " + begun_condition(),
          "history: forget the revisions begun", std::nullopt};
}

} // namespace migratecpp::migrate
