// The advisory lock that keeps two migrators from running revisions at the same time.
#include "dialects/postgresql/pg_dialect.h"
#include "pg_test_support.h"

#include <chrono>
#include <future>
#include <thread>

using namespace migratecpp;
using dialects::postgresql::PostgresDialect;

namespace {

bool try_lock(dialects::Connection& conn, std::int64_t key) {
  const auto rows = conn.query("SELECT pg_try_advisory_lock(" + std::to_string(key) + ")");
  return rows.rows.at(0).at(0) == "t";
}

void release(dialects::Connection& conn, std::int64_t key) {
  conn.query("SELECT pg_advisory_unlock(" + std::to_string(key) + ")");
}

} // namespace

TEST_CASE("the advisory lock excludes a second connection", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  const auto& d = test::pg::pg_dialect();
  // A version table of its own, so that tests running in parallel do not share the key.
  const std::string version_table = "version_" + test::pg::random_suffix();
  const std::int64_t key = PostgresDialect::lock_key(version_table);
  auto first = test::pg::connect(url);
  auto second = test::pg::connect(url);

  d.lock(*first, version_table);
  CHECK_FALSE(try_lock(*second, key));
  // The lock is per session: transactions on the holder do not release it.
  first->begin();
  first->exec("SELECT 1");
  first->rollback();
  CHECK_FALSE(try_lock(*second, key));

  d.unlock(*first, version_table);
  CHECK(try_lock(*second, key));
  release(*second, key);

  SECTION("lock() waits until the holder lets go") {
    d.lock(*first, version_table);
    auto waiting = std::async(std::launch::async, [&] { d.lock(*second, version_table); });
    CHECK(waiting.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
    d.unlock(*first, version_table);
    REQUIRE(waiting.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    waiting.get();
    CHECK_FALSE(try_lock(*first, key));
    d.unlock(*second, version_table);
    CHECK(try_lock(*first, key));
    release(*first, key);
  }
  SECTION("closing the connection releases it") {
    d.lock(*first, version_table);
    first.reset();
    // The server ends the session asynchronously after the client hangs up.
    bool acquired = false;
    for (int i = 0; i < 250 && !acquired; ++i) {
      acquired = try_lock(*second, key);
      if (!acquired) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    CHECK(acquired);
    release(*second, key);
  }
  SECTION("another version table is another lock") {
    d.lock(*first, version_table);
    CHECK(try_lock(*second, PostgresDialect::lock_key(version_table + "_other")));
    release(*second, PostgresDialect::lock_key(version_table + "_other"));
    d.unlock(*first, version_table);
  }
}
