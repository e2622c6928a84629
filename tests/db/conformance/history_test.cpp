// Conformance: the history table on every database. Created beside the version table, its rows
// written in the version row's transaction (a rollback takes both back), numbered in order,
// timed by migratecpp (online) or by the database's clock (scripts), each with an undo, and
// left out of introspection by the commands.
#include "conformance_fixture.h"
#include "migrate/history_table.h"
#include "migrate/version_table.h"

#include <catch2/catch.hpp>

#include <regex>

using namespace migratecpp;
using namespace migratecpp::test::conformance;
using Rows = std::vector<std::string>;

namespace {

const std::regex k_iso_utc(R"(20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ)");

} // namespace

TEST_CASE("history table: created once, rows numbered and read back", "[conformance]") {
  MIGRATECPP_SCRATCH_DATABASE_OR_SKIP(db);
  migrate::HistoryTable h(db->dialect(), "migratecpp_version");
  CHECK_FALSE(h.exists(db->conn()));
  CHECK(h.read(db->conn()).empty());
  h.ensure(db->conn());
  h.ensure(db->conn());
  CHECK(h.exists(db->conn()));
  // CREATE TABLE IF NOT EXISTS: a script may run it against a database that has the table.
  db->conn().exec(h.create_sql());

  const auto t = std::chrono::system_clock::now();
  db->conn().exec(h.insert({"r1", migrate::k_history_upgrade, std::string(64, 'a'), t, 7}).sql);
  db->conn().exec(h.insert({"r1", migrate::k_history_downgrade, std::string(64, 'a'), std::nullopt,
                            std::nullopt})
                      .sql);
  const auto rows = h.read(db->conn());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].seq == 1);
  CHECK(rows[0].revision == "r1");
  CHECK(rows[0].direction == "upgrade");
  CHECK(rows[0].checksum == std::string(64, 'a'));
  CHECK(rows[0].started_at == migrate::iso_utc(t));
  CHECK(rows[0].duration_ms == 7);
  CHECK(rows[1].seq == 2);
  CHECK(rows[1].direction == "downgrade");
  CHECK_FALSE(rows[1].duration_ms.has_value());
  // The database's clock, as a --sql script records it, in the same format.
  CHECK(std::regex_match(rows[1].started_at, k_iso_utc));
  CHECK(rows[1].migratecpp_version == rows[0].migratecpp_version);
}

TEST_CASE("history table: the row goes with the version row's transaction", "[conformance]") {
  MIGRATECPP_SCRATCH_DATABASE_OR_SKIP(db);
  if (!db->dialect().transactional_ddl()) {
    SUCCEED("no transactional DDL: the compensating runner undoes the row (Statement::undo)");
    return;
  }
  migrate::VersionTable versions(db->dialect(), "migratecpp_version");
  migrate::HistoryTable h(db->dialect(), "migratecpp_version");
  versions.ensure(db->conn());
  h.ensure(db->conn());
  const auto t = std::chrono::system_clock::now();
  db->conn().begin();
  for (const auto& s : versions.transition({}, {"r1"})) {
    db->conn().exec(s.sql);
  }
  db->conn().exec(h.insert({"r1", migrate::k_history_upgrade, "x", t, 1}).sql);
  db->conn().rollback();
  CHECK(versions.read(db->conn()).empty());
  CHECK(h.read(db->conn()).empty());

  db->conn().begin();
  for (const auto& s : versions.transition({}, {"r1"})) {
    db->conn().exec(s.sql);
  }
  db->conn().exec(h.insert({"r1", migrate::k_history_upgrade, "x", t, 1}).sql);
  db->conn().commit();
  CHECK(versions.read(db->conn()) == Rows{"r1"});
  CHECK(h.read(db->conn()).size() == 1);
}

TEST_CASE("history table: each online insert carries its undo", "[conformance]") {
  MIGRATECPP_SCRATCH_DATABASE_OR_SKIP(db);
  migrate::HistoryTable h(db->dialect(), "v");
  h.ensure(db->conn());
  const auto t = std::chrono::system_clock::now();
  const auto a = h.insert({"r1", migrate::k_history_upgrade, "x", t, 1});
  const auto b = h.insert({"r2", migrate::k_history_upgrade, "y", t, 2});
  db->conn().exec(a.sql);
  db->conn().exec(b.sql);
  REQUIRE(b.undo.has_value());
  db->conn().exec(*b.undo);
  const auto rows = h.read(db->conn());
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].revision == "r1");
}

TEST_CASE("history table: quoted through the dialect, whatever the version table's name",
          "[conformance]") {
  MIGRATECPP_SCRATCH_DATABASE_OR_SKIP(db);
  migrate::HistoryTable h(db->dialect(), "Odd \"Versions\"");
  h.ensure(db->conn());
  db->conn().exec(
      h.insert({"r'1", migrate::k_history_upgrade, "x", std::chrono::system_clock::now(), 1}).sql);
  const auto rows = h.read(db->conn());
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].revision == "r'1");
}

TEST_CASE("migratecpp's tables: the search in every letter case is made once per table",
          "[conformance]") {
  MIGRATECPP_SCRATCH_DATABASE_OR_SKIP(db);
  const auto sent = [] { return dialects::Connection::statements_sent_by_process(); };
  migrate::VersionTable versions(db->dialect(), "migratecpp_version");
  std::size_t before = sent();
  CHECK_FALSE(versions.exists(db->conn()));
  const std::size_t first_ask = sent() - before;
  // Absent, with nothing of its name in any letter case: asked again, only its exact name is
  // looked up (one statement), and a table made since is found.
  before = sent();
  CHECK_FALSE(versions.exists(db->conn()));
  CHECK(sent() - before == 1);
  CHECK(first_ask >= 1);
  db->conn().exec(versions.create_sql());
  CHECK(versions.exists(db->conn()));
  before = sent();
  CHECK(versions.exists(db->conn())); // seen: not asked again
  CHECK(sent() == before);
}
