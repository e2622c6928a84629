// The history table on a real SQLite file: its name, its rows numbered in order, the time
// format, and each insert's undo (for the compensating strategy).
#include "db/sqlite/sqlite_helpers.h"
#include "migrate/history_table.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using Rows = std::vector<std::string>;

TEST_CASE("history table: named after the version table", "[history]") {
  CHECK(migrate::HistoryTable::name_for("migratecpp_version") == "migratecpp_version_history");
  migrate::HistoryTable h(sqlite_dialect(), "alembic_version");
  CHECK(h.name() == "alembic_version_history");
}

TEST_CASE("history table: ISO-8601 UTC with milliseconds", "[history]") {
  using namespace std::chrono;
  const system_clock::time_point t{milliseconds(1764902400123LL)}; // 2025-12-05 02:40:00.123
  CHECK(migrate::iso_utc(t) == "2025-12-05T02:40:00.123Z");
  // Every field at its narrowest and its widest: the digits are placed by hand.
  CHECK(migrate::iso_utc(system_clock::time_point{}) == "1970-01-01T00:00:00.000Z");
  CHECK(migrate::iso_utc(system_clock::time_point{milliseconds(1767225599009LL)}) ==
        "2025-12-31T23:59:59.009Z");
  CHECK(migrate::iso_utc(system_clock::time_point{milliseconds(946684800090LL)}) ==
        "2000-01-01T00:00:00.090Z");
}

TEST_CASE("history table: which directions leave a revision applied", "[history]") {
  CHECK(migrate::marks_applied(migrate::k_history_upgrade));
  CHECK(migrate::marks_applied(migrate::k_history_stamp));
  CHECK(migrate::marks_applied(migrate::k_history_baseline));
  CHECK(migrate::marks_applied(migrate::k_history_accept));
  CHECK_FALSE(migrate::marks_applied(migrate::k_history_downgrade));
  CHECK_FALSE(migrate::marks_applied(migrate::k_history_unstamp));
  CHECK_FALSE(migrate::marks_applied(migrate::k_history_forget));
}

TEST_CASE("history table: absent reads empty; rows numbered 1, 2, ...; undo deletes one",
          "[history]") {
  SqliteDb db;
  migrate::HistoryTable h(sqlite_dialect(), "v");
  CHECK(h.read(db.conn()).empty());
  h.ensure(db.conn());
  h.ensure(db.conn());
  const auto t = std::chrono::system_clock::now();
  const auto first = h.insert({"r1", migrate::k_history_upgrade, "abc", t, 12});
  const auto second = h.insert({"r2", migrate::k_history_upgrade, "def", t, std::nullopt});
  db.exec(first.sql);
  db.exec(second.sql);
  // A script's row: the time comes from the database's clock.
  db.exec(h.insert({"r2", migrate::k_history_downgrade, "def", std::nullopt, std::nullopt}).sql);
  const auto rows = h.read(db.conn());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].seq == 1);
  CHECK(rows[0].revision == "r1");
  CHECK(rows[0].duration_ms == 12);
  CHECK(rows[0].started_at == migrate::iso_utc(t));
  CHECK(rows[1].seq == 2);
  CHECK_FALSE(rows[1].duration_ms.has_value());
  CHECK(rows[2].direction == "downgrade");
  CHECK(rows[2].started_at.size() == 24);
  CHECK(rows[2].started_at.back() == 'Z');
  CHECK_FALSE(rows[0].migratecpp_version.empty());
  REQUIRE(second.undo.has_value());
  db.exec(*second.undo);
  CHECK(db.rows("SELECT seq, revision, direction FROM v_history ORDER BY seq") ==
        Rows{"1|r1|upgrade", "3|r2|downgrade"});
}

TEST_CASE("history table: a begin marker counts ops, ends, and each step undoes", "[history]") {
  SqliteDb db;
  migrate::HistoryTable h(sqlite_dialect(), "v");
  h.ensure(db.conn());
  const auto t = std::chrono::system_clock::now();
  const migrate::HistoryRecord r{"r2", migrate::k_history_begin_upgrade, "abc", t, std::nullopt};
  CHECK(migrate::is_begin_marker(migrate::k_history_begin_upgrade));
  CHECK(migrate::is_begin_marker(migrate::k_history_begin_downgrade));
  CHECK_FALSE(migrate::is_begin_marker(migrate::k_history_upgrade));
  CHECK_FALSE(migrate::marks_applied(migrate::k_history_begin_upgrade));

  db.exec(h.insert({"r1", migrate::k_history_upgrade, "x", t, 5}).sql);
  const auto begin = h.begin(r);
  db.exec(begin.sql);
  auto rows = h.read(db.conn());
  REQUIRE(rows.size() == 2);
  CHECK_FALSE(rows[0].ops_done.has_value()); // only markers count ops
  CHECK(rows[1].direction == "begin-upgrade");
  CHECK(rows[1].ops_done == 0);

  db.exec(h.progress(r, 1).sql);
  const auto second = h.progress(r, 2);
  db.exec(second.sql);
  CHECK(h.read(db.conn())[1].ops_done == 2);
  // Never journaled (the runner's undo leaves the count as it was): nothing to undo with.
  CHECK_FALSE(second.undo.has_value());

  // Ended after 3 ops: the marker becomes the revision's history row, with its seq; the undo
  // (a later revision of the run failed) puts the marker back as it was.
  const auto end = h.end(r, 3, {"r2", migrate::k_history_upgrade, "abc", t, 42});
  db.exec(end.sql);
  rows = h.read(db.conn());
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].seq == 2);
  CHECK(rows[1].revision == "r2");
  CHECK(rows[1].direction == "upgrade");
  CHECK(rows[1].checksum == "abc");
  CHECK(rows[1].duration_ms == 42);
  CHECK_FALSE(rows[1].ops_done.has_value()); // as insert() writes it
  CHECK(h.read_begun(db.conn()).empty());
  REQUIRE(end.undo.has_value());
  db.exec(*end.undo);
  rows = h.read(db.conn());
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].ops_done == 3);
  REQUIRE(begin.undo.has_value());
  db.exec(*begin.undo);
  CHECK(h.read(db.conn()).size() == 1);

  // stamp forgets every marker, and nothing else.
  db.exec(h.begin(r).sql);
  db.exec(h.begin({"r3", migrate::k_history_begin_downgrade, "d", t, std::nullopt}).sql);
  db.exec(h.clear_begun().sql);
  rows = h.read(db.conn());
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].revision == "r1");
}
