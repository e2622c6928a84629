// The advisory lock that keeps two migrators from running revisions at the same time, and
// what a waiting migrator is told about its holder.
#include "dialects/postgresql/pg_dialect.h"
#include "pg_test_support.h"

#include <chrono>
#include <thread>

using namespace migratecpp;
using dialects::postgresql::PostgresDialect;

TEST_CASE("the advisory lock excludes a second connection", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  const auto& d = test::pg::pg_dialect();
  // A version table of its own, so that tests running in parallel do not share the key.
  const std::string version_table = "version_" + test::pg::random_suffix();
  auto first = test::pg::connect(url);
  auto second = test::pg::connect(url);

  auto held = d.try_lock(*first, version_table);
  REQUIRE(held);
  CHECK_FALSE(d.try_lock(*second, version_table));
  // The lock is per session: transactions on the holder do not release it.
  first->begin();
  first->exec("SELECT 1");
  first->rollback();
  CHECK_FALSE(d.try_lock(*second, version_table));

  SECTION("the waiting side is told who holds it") {
    const std::string holder = d.lock_holder(*second, version_table);
    const auto pid = first->query("SELECT pg_backend_pid()").rows.at(0).at(0).value_or("?");
    CHECK_THAT(holder, Catch::StartsWith("PostgreSQL backend pid " + pid + " (") &&
                           Catch::Contains("application 'migratecpp (pid ") &&
                           Catch::Contains("connected since "));
    CHECK_THAT(d.lock_name(*second, version_table),
               Catch::Contains("." + version_table) && Catch::Contains("advisory lock "));
    held.reset();
    CHECK(d.lock_holder(*second, version_table).empty());
  }
  SECTION("releasing it lets the other in") {
    held.reset();
    auto next = d.try_lock(*second, version_table);
    CHECK(next);
    CHECK_FALSE(d.try_lock(*first, version_table));
  }
  SECTION("closing the connection releases it") {
    held.reset();
    // A session that took the key itself and then hangs up without unlocking.
    auto third = test::pg::connect(url);
    const auto schema = third->query("SELECT current_schema()").rows.at(0).at(0).value_or("");
    third->query("SELECT pg_advisory_lock(" +
                 std::to_string(PostgresDialect::lock_key(schema, version_table)) + ")");
    REQUIRE_FALSE(d.try_lock(*second, version_table));
    third.reset();
    // The server ends the session asynchronously after the client hangs up.
    std::unique_ptr<dialects::HeldLock> acquired;
    for (int i = 0; i < 250 && !acquired; ++i) {
      acquired = d.try_lock(*second, version_table);
      if (!acquired) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    CHECK(acquired);
  }
  SECTION("another version table, or another schema, is another lock") {
    CHECK(d.try_lock(*second, version_table + "_other"));
    const std::string schema = "lock_" + test::pg::random_suffix();
    second->exec("CREATE SCHEMA " + schema);
    second->exec("SET search_path TO " + schema);
    CHECK(d.try_lock(*second, version_table));
    second->exec("SET search_path TO public");
    second->exec("DROP SCHEMA " + schema);
  }
}
