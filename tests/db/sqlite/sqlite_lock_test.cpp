// The SQLite migration lock: flock(2) on "<database>-migratecpp-lock", naming its holder.
#include "sqlite_helpers.h"

#include "util/process_identity.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

using namespace migratecpp;
using namespace migratecpp::test;
using dialects::sqlite::SqliteConnection;

TEST_CASE("SQLite migration lock: one holder per database file", "[sqlite][lock]") {
  TempDir dir;
  const std::string db = (dir / "app.db").string();
  SqliteConnection first(db);
  SqliteConnection second(db);
  const auto& d = sqlite_dialect();

  auto held = d.try_lock(first, "migratecpp_version");
  REQUIRE(held);
  CHECK(std::filesystem::exists(db + "-migratecpp-lock"));
  CHECK_FALSE(d.try_lock(second, "migratecpp_version"));
  // The holder is named for whoever waits: this process, on this machine, since when.
  CHECK_THAT(d.lock_holder(second, "migratecpp_version"),
             Catch::StartsWith(util::this_process() + ", since "));
  CHECK_THAT(d.lock_name(second, "migratecpp_version"), Catch::Contains("app.db-migratecpp-lock"));

  held.reset();
  CHECK(d.lock_holder(second, "migratecpp_version").empty());
  auto next = d.try_lock(second, "migratecpp_version");
  CHECK(next);
  CHECK_FALSE(d.try_lock(first, "migratecpp_version"));
}

TEST_CASE("SQLite migration lock: a killed holder leaves no lock behind", "[sqlite][lock]") {
  TempDir dir;
  const std::string db = (dir / "app.db").string();
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    SqliteConnection c(db);
    auto held = sqlite_dialect().try_lock(c, "v");
    const char ok = held ? 'y' : 'n';
    [[maybe_unused]] auto w = write(ready[1], &ok, 1);
    pause(); // until killed, holding the lock
    _exit(0);
  }
  char ok = 0;
  REQUIRE(read(ready[0], &ok, 1) == 1);
  REQUIRE(ok == 'y');
  SqliteConnection mine(db);
  CHECK_FALSE(sqlite_dialect().try_lock(mine, "v"));
  CHECK_THAT(sqlite_dialect().lock_holder(mine, "v"),
             Catch::StartsWith("pid " + std::to_string(child)));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  close(ready[0]);
  close(ready[1]);
  CHECK(sqlite_dialect().try_lock(mine, "v"));
}

TEST_CASE("SQLite migration lock: an in-memory database has nothing to lock", "[sqlite][lock]") {
  SqliteConnection first(":memory:");
  auto a = sqlite_dialect().try_lock(first, "v");
  auto b = sqlite_dialect().try_lock(first, "v");
  CHECK(a);
  CHECK(b);
}
