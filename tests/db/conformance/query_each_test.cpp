// Conformance: Connection::query_each, the streamed query introspection reads its largest
// catalog results with, on each database's own implementation (single-row mode on
// PostgreSQL, an unbuffered result on MySQL, sqlite3_step on SQLite).
#include "conformance_fixture.h"

#include "dialects/connection.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {
constexpr const char* k_users = "SELECT id, name, email FROM users ORDER BY id";

std::vector<std::vector<std::optional<std::string>>> streamed(dialects::Connection& conn,
                                                              const std::string& sql) {
  std::vector<std::vector<std::optional<std::string>>> out;
  conn.query_each(sql, {}, [&](const dialects::Row& row) { out.push_back(row.cells()); });
  return out;
}
} // namespace

TEST_CASE("query_each hands over the rows query returns, NULLs included", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto& conn = f.db().conn();
  const dialects::Rows whole = conn.query(k_users);
  REQUIRE(whole.rows.size() == 3);
  CHECK(streamed(conn, k_users) == whole.rows);
  // Read by column name, as introspection reads them; the NULL name is nullopt.
  std::vector<std::string> seen;
  conn.query_each(k_users, {}, [&](const dialects::Row& row) {
    seen.push_back(row.text("email") + "/" + (row.get("name") ? *row.get("name") : "NULL"));
  });
  CHECK(seen.size() == 3);
  CHECK(std::count_if(seen.begin(), seen.end(),
                      [](const std::string& s) { return s.ends_with("/NULL"); }) == 1);
  // No row: no call.
  CHECK(streamed(conn, "SELECT id FROM users WHERE id < 0").empty());
}

TEST_CASE("query_each: a throwing callback ends the query, the connection still usable",
          "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto& conn = f.db().conn();
  int calls = 0;
  CHECK_THROWS_WITH(conn.query_each(k_users, {},
                                    [&](const dialects::Row&) {
                                      ++calls;
                                      throw std::runtime_error("stop here");
                                    }),
                    "stop here");
  CHECK(calls == 1);
  // The rest of the result was read and let go: the next statements run.
  CHECK(streamed(conn, k_users).size() == 3);
  CHECK(f.rows("SELECT count(*) FROM orgs") == std::vector<std::string>{"2"});
}

TEST_CASE("query_each: the database's error is thrown, the connection still usable",
          "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto& conn = f.db().conn();
  CHECK_THROWS_AS(streamed(conn, "SELECT nope FROM no_such_table"), dialects::DatabaseError);
  CHECK(streamed(conn, k_users).size() == 3);
}
