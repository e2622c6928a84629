// The version table on a real SQLite file: created once, read sorted, and moved by statements
// that each carry their own reverse (the compensating strategy undoes a version-row write).
#include "db/sqlite/sqlite_helpers.h"
#include "migrate/version_table.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using Rows = std::vector<std::string>;

namespace {

void run_all(SqliteDb& db, const std::vector<dialects::Statement>& statements) {
  for (const auto& s : statements) {
    dialects::run_statement(db.conn(), s);
  }
}

void undo_all(SqliteDb& db, const std::vector<dialects::Statement>& statements) {
  for (auto it = statements.rbegin(); it != statements.rend(); ++it) {
    REQUIRE(it->undo.has_value());
    db.exec(*it->undo);
  }
}

} // namespace

TEST_CASE("version table: absent reads as base, ensure creates it once", "[version_table]") {
  SqliteDb db;
  migrate::VersionTable versions(sqlite_dialect(), "my_versions");
  CHECK(versions.name() == "my_versions");
  CHECK(versions.read(db.conn()).empty());
  versions.ensure(db.conn());
  versions.ensure(db.conn()); // a second time changes nothing
  CHECK(db.rows("SELECT name FROM sqlite_master WHERE type = 'table'") == Rows{"my_versions"});
  CHECK(versions.read(db.conn()).empty());
  CHECK(versions.create_sql() == sqlite_dialect().create_version_table_sql("my_versions"));
}

TEST_CASE("version table: rows are read sorted", "[version_table]") {
  SqliteDb db;
  migrate::VersionTable versions(sqlite_dialect(), "migratecpp_version");
  versions.ensure(db.conn());
  db.exec("INSERT INTO migratecpp_version VALUES ('c3'), ('a1'), ('b2')");
  CHECK(versions.read(db.conn()) == Rows{"a1", "b2", "c3"});
  CHECK(versions.read_existing(db.conn()) == Rows{"a1", "b2", "c3"});
}

TEST_CASE("version table: transitions write what Alembic writes", "[version_table]") {
  migrate::VersionTable versions(sqlite_dialect(), "migratecpp_version");
  SECTION("one head moves: an UPDATE") {
    const auto s = versions.transition({"a1"}, {"b2"});
    REQUIRE(s.size() == 1);
    CHECK(s[0].sql == "UPDATE \"migratecpp_version\" SET version_num='b2' WHERE "
                      "\"migratecpp_version\".version_num = 'a1'");
    CHECK(s[0].comment == "version a1 -> b2");
    CHECK(s[0].undo == "UPDATE \"migratecpp_version\" SET version_num='a1' WHERE "
                       "\"migratecpp_version\".version_num = 'b2'");
  }
  SECTION("from base: an INSERT; to base: a DELETE") {
    const auto up = versions.transition({}, {"a1"});
    REQUIRE(up.size() == 1);
    CHECK(up[0].sql == "INSERT INTO \"migratecpp_version\" (version_num) VALUES ('a1')");
    CHECK(up[0].undo ==
          "DELETE FROM \"migratecpp_version\" WHERE \"migratecpp_version\".version_num = 'a1'");
    const auto down = versions.transition({"a1"}, {});
    REQUIRE(down.size() == 1);
    CHECK(down[0].sql == up[0].undo);
    CHECK(down[0].undo == up[0].sql);
  }
  SECTION("nothing changes: no statement") {
    CHECK(versions.transition({"a1", "b2"}, {"b2", "a1"}).empty());
  }
  SECTION("quotes in ids are escaped") {
    const auto s = versions.transition({}, {"it's"});
    CHECK(s[0].sql == "INSERT INTO \"migratecpp_version\" (version_num) VALUES ('it''s')");
  }
}

TEST_CASE("version table: every transition runs, and its undo takes it back", "[version_table]") {
  SqliteDb db;
  migrate::VersionTable versions(sqlite_dialect(), "migratecpp_version");
  versions.ensure(db.conn());
  const std::vector<std::pair<Rows, Rows>> cases = {
      {{}, {"a1"}},                // first revision
      {{"a1"}, {"b2"}},            // one head moves
      {{"a1"}, {"b2", "c3"}},      // a branch point: one head becomes two
      {{"b2", "c3"}, {"m4"}},      // a merge
      {{"a1", "b2", "c3"}, {}},    // down to base
      {{"a1", "b2"}, {"b2", "c3"}} // one of two heads moves
  };
  for (const auto& [from, to] : cases) {
    db.exec("DELETE FROM migratecpp_version");
    for (const auto& r : from) {
      db.exec("INSERT INTO migratecpp_version VALUES ('" + r + "')");
    }
    const auto statements = versions.transition(from, to);
    run_all(db, statements);
    CHECK(versions.read(db.conn()) == to);
    undo_all(db, statements);
    CHECK(versions.read(db.conn()) == from);
  }
}
