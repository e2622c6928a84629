// The bounded, announced wait for the migration lock, apart from any database (the e2e tests
// test_locks*.sh drive it against real ones).
#include "migrate/migration_lock.h"

#include <catch2/catch.hpp>

#include <chrono>

using namespace migratecpp;
using std::chrono::milliseconds;

namespace {
class Token : public dialects::HeldLock {};
} // namespace

TEST_CASE("wait_for_lock: takes a free lock at once, without a word", "[migration_lock]") {
  int tries = 0;
  int announced = 0;
  auto held = migrate::wait_for_lock(
      [&] {
        ++tries;
        return std::make_unique<Token>();
      },
      milliseconds(1000), milliseconds(0), [&] { ++announced; });
  CHECK(held);
  CHECK(tries == 1);
  CHECK(announced == 0);
}

TEST_CASE("wait_for_lock: waits for the holder to let go, announcing once", "[migration_lock]") {
  int tries = 0;
  int announced = 0;
  const auto start = std::chrono::steady_clock::now();
  auto held = migrate::wait_for_lock(
      [&]() -> std::unique_ptr<dialects::HeldLock> {
        if (++tries < 5) {
          return nullptr;
        }
        return std::make_unique<Token>();
      },
      milliseconds(10000), milliseconds(100), [&] { ++announced; });
  CHECK(held);
  CHECK(tries == 5);
  CHECK(announced == 1); // 50+100+200+400 ms of waiting: past 100 ms once, said once
  CHECK(std::chrono::steady_clock::now() - start >= milliseconds(700));
}

TEST_CASE("wait_for_lock: gives up when the time runs out", "[migration_lock]") {
  int tries = 0;
  const auto start = std::chrono::steady_clock::now();
  auto held = migrate::wait_for_lock(
      [&]() -> std::unique_ptr<dialects::HeldLock> {
        ++tries;
        return nullptr;
      },
      milliseconds(300), milliseconds(10000), [] { FAIL("announced before a second"); });
  CHECK_FALSE(held);
  CHECK(tries >= 2);
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= milliseconds(300));
  CHECK(waited < milliseconds(3000));
}

TEST_CASE("wait_for_lock: a timeout of 0 tries exactly once", "[migration_lock]") {
  int tries = 0;
  auto held = migrate::wait_for_lock(
      [&]() -> std::unique_ptr<dialects::HeldLock> {
        ++tries;
        return nullptr;
      },
      milliseconds(0), milliseconds(0), [] {});
  CHECK_FALSE(held);
  CHECK(tries == 1);
}
