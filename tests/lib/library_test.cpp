// The library's public API (include/migratecpp/), linked as a consumer links it: only the
// public headers and libmigratecpp, against real databases (a SQLite file always; PostgreSQL
// and MariaDB when TEST_PG_URL / TEST_MYSQL_URL are set, skipped otherwise).
#include <migratecpp/migratecpp.h>

#include "migratecpp_embedded/migrations.h"
#include "support/skip.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <random>
#include <thread>

namespace fs = std::filesystem;
using migratecpp::test::read_file;
using migratecpp::test::run_cli;
using migratecpp::test::TempDir;
using migratecpp::test::write_file;

namespace {

std::string random_suffix() {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  static const char* k_hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 8; ++i) {
    s.push_back(k_hex[gen() % 16]);
  }
  return s;
}

// One revision creating table `table`, after `down` ("" for a root).
std::string revision_text(const std::string& id, const std::string& down, const std::string& table,
                          const std::string& message) {
  return "revision = \"" + id + "\"\ndown_revision = \"" + down +
         "\"\nbranch_labels = []\ndepends_on = []\nmessage = \"" + message +
         "\"\ncreate_date = \"2026-12-06T03:00:00Z\"\n\n"
         "[[upgrade]]\nop = \"create_table\"\ntable = \"" +
         table +
         "\"\ncolumns = [\n  { name = \"id\", type = \"bigint\", primary_key = true },\n"
         "  { name = \"name\", type = \"varchar(50)\", nullable = false },\n]\n\n"
         "[[downgrade]]\nop = \"drop_table\"\ntable = \"" +
         table + "\"\n";
}

// Where a test runs: a fresh SQLite file, or a server from the environment with table and
// version-table names of its own (a random suffix), so that runs never meet.
struct Database {
  std::string name;
  std::string url;
  std::string suffix = random_suffix();
  std::string table(const std::string& base) const { return "lib_" + suffix + "_" + base; }
  std::string version_table() const { return "lib_" + suffix + "_version"; }
};

std::optional<Database> database(const std::string& kind, const TempDir& dir) {
  if (kind == "sqlite") {
    return Database{"sqlite", "sqlite:///" + (dir / "app.db").string()};
  }
  const char* url = std::getenv(kind == "postgresql" ? "TEST_PG_URL" : "TEST_MYSQL_URL");
  if (url == nullptr || *url == '\0') {
    return std::nullopt;
  }
  return Database{kind, url};
}

// Three revisions a -> b -> c, each creating one table.
std::vector<migratecpp::MigrationFile> three_revisions(const Database& db) {
  return {
      {"mig/versions/a1_first.toml", revision_text("a1000000000a", "", db.table("one"), "first")},
      {"mig/versions/b2_second.toml",
       revision_text("b2000000000b", "a1000000000a", db.table("two"), "second")},
      {"mig/versions/c3_third.toml",
       revision_text("c3000000000c", "b2000000000b", db.table("three"), "third")},
  };
}

migratecpp::ProjectSettings settings_for(const Database& db) {
  migratecpp::ProjectSettings s;
  s.url = db.url;
  s.version_table = db.version_table();
  s.migrations = three_revisions(db);
  return s;
}

std::vector<std::string> ids(const std::vector<migratecpp::Revision>& revisions) {
  std::vector<std::string> out;
  for (const auto& r : revisions) {
    out.push_back(r.id);
  }
  return out;
}

using Strings = std::vector<std::string>;

void from_values_flow(const std::string& kind) {
  TempDir dir;
  const auto db = database(kind, dir);
  if (!db) {
    MIGRATECPP_SKIP_TEST(kind + " server not configured");
  }
  auto project = migratecpp::Project::from_settings(settings_for(*db));
  CHECK(ids(project.heads()) == Strings{"c3000000000c"});
  CHECK(ids(project.history()) == Strings{"c3000000000c", "b2000000000b", "a1000000000a"});
  CHECK(project.history().back().file == "mig/versions/a1_first.toml");
  CHECK(project.current().empty());

  std::vector<std::string> log;
  project.on_log([&](const std::string& line) { log.push_back(line); });
  project.upgrade("b2000000000b");
  CHECK(ids(project.current()) == Strings{"b2000000000b"});
  CHECK(log == Strings{"Running upgrade  -> a1000000000a, first",
                       "Running upgrade a1000000000a -> b2000000000b, second"});
  project.upgrade("head");
  const auto current = project.current();
  REQUIRE(current.size() == 1);
  CHECK(current[0].id == "c3000000000c");
  CHECK(current[0].is_head);
  CHECK(current[0].message == "third");
  CHECK(current[0].down_revisions == Strings{"b2000000000b"});

  log.clear();
  project.upgrade("head"); // nothing to do
  CHECK(log == Strings{"Nothing to do: the database is at c3000000000c"});

  const auto verified = project.verify();
  CHECK(verified.ok);
  CHECK(verified.verified == 3);
  CHECK(verified.problems.empty());

  CHECK(ids(project.history("b2000000000b:")) == Strings{"c3000000000c", "b2000000000b"});
  CHECK(ids(project.history("current:")) == Strings{"c3000000000c"});

  project.downgrade("-1");
  CHECK(ids(project.current()) == Strings{"b2000000000b"});

  // An applied revision whose ops changed: verify names it, upgrade refuses.
  auto edited = settings_for(*db);
  edited.version_table = db->version_table();
  auto& text = edited.migrations[0].text;
  text.replace(text.find("varchar(50)"), 11, "varchar(60)");
  auto changed = migratecpp::Project::from_settings(edited);
  const auto problems = changed.verify();
  CHECK_FALSE(problems.ok);
  REQUIRE(problems.problems.size() == 1);
  CHECK(problems.problems[0].revision == "a1000000000a");
  CHECK(problems.problems[0].problem == "ops changed");
  CHECK(problems.problems[0].file == "mig/versions/a1_first.toml");
  try {
    changed.upgrade("head");
    FAIL("upgrade ran over a changed applied revision");
  } catch (const migratecpp::Error& e) {
    CHECK(e.exit_code() == 1);
    CHECK(std::string(e.what()).find("mig/versions/a1_first.toml") != std::string::npos);
  }

  project.downgrade("base");
  CHECK(project.current().empty());
}

} // namespace

TEST_CASE("library: from values on sqlite") {
  from_values_flow("sqlite");
}
TEST_CASE("library: from values on postgresql") {
  from_values_flow("postgresql");
}
TEST_CASE("library: from values on mysql") {
  from_values_flow("mysql");
}

TEST_CASE("library: progress events in order, with a failure") {
  TempDir dir;
  const auto db = *database("sqlite", dir);
  auto settings = settings_for(db);
  // The third revision fails: its table already exists.
  settings.migrations[2].text =
      revision_text("c3000000000c", "b2000000000b", db.table("one"), "third");
  auto project = migratecpp::Project::from_settings(settings);
  std::vector<std::string> events;
  project.on_progress([&](const migratecpp::ProgressEvent& e) {
    static const char* k_phase[] = {"started", "finished", "skipped", "failed"};
    events.push_back(std::string(k_phase[static_cast<int>(e.phase)]) + " " + e.revision + " " +
                     e.message + " " + std::to_string(e.index) + "/" + std::to_string(e.total) +
                     (e.direction == migratecpp::Direction::upgrade ? " up" : " down") +
                     (e.elapsed_ms >= 0 ? "" : " negative-time"));
  });
  REQUIRE_THROWS_AS(project.upgrade("head"), migratecpp::Error);
  CHECK(events == Strings{"started a1000000000a first 1/3 up", "finished a1000000000a first 1/3 up",
                          "started b2000000000b second 2/3 up",
                          "finished b2000000000b second 2/3 up",
                          "started c3000000000c third 3/3 up", "failed c3000000000c third 3/3 up"});
  CHECK(ids(project.current()) == Strings{"b2000000000b"});
  events.clear();
  project.downgrade("base");
  CHECK(events ==
        Strings{"started b2000000000b second 1/2 down", "finished b2000000000b second 1/2 down",
                "started a1000000000a first 2/2 down", "finished a1000000000a first 2/2 down"});
}

TEST_CASE("library: an embedded file that does not parse is named") {
  TempDir dir;
  const auto db = *database("sqlite", dir);
  auto settings = settings_for(db);
  settings.migrations.push_back({"mig/versions/d4_bad.toml", "revision = \"d4\"\nmessage = [\n"});
  auto project = migratecpp::Project::from_settings(settings);
  try {
    project.upgrade("head");
    FAIL("a bad embedded file was accepted");
  } catch (const migratecpp::Error& e) {
    CHECK(e.exit_code() == 1);
    CHECK(std::string(e.what()).rfind("mig/versions/d4_bad.toml:", 0) == 0);
  }
  // The files are read before the database is opened: nothing was created.
  CHECK_FALSE(fs::exists(dir / "app.db"));
}

TEST_CASE("library: bad settings and arguments are usage errors (exit 2)") {
  try {
    migratecpp::Project::from_settings({});
    FAIL("no URL accepted");
  } catch (const migratecpp::Error& e) {
    CHECK(e.exit_code() == 2);
    CHECK(std::string(e.what()) == "no database URL: ProjectSettings::url is empty");
  }
  TempDir dir;
  auto project = migratecpp::Project::from_settings(settings_for(*database("sqlite", dir)));
  try {
    project.upgrade("a1:b2");
    FAIL("a range accepted online");
  } catch (const migratecpp::Error& e) {
    CHECK(e.exit_code() == 2);
  }
}

namespace {

// A project on disk, as `migratecpp init` lays it out, with one revision and its model.
template <class Dir> void write_project(const Dir& dir) {
  write_file(dir / "migratecpp.toml", "[database]\nurl = \"sqlite:///app.db\"\n"
                                      "[migrations]\nscript_location = \"migrations\"\n"
                                      "[models]\npaths = [\"models/*.toml\"]\n");
  fs::create_directories(dir / "migrations" / "versions");
  write_file(dir / "migrations" / "versions" / "a1_first.toml",
             revision_text("a1000000000a", "", "one", "first"));
  fs::create_directories(dir / "models");
  write_file(dir / "models" / "schema.toml",
             "[[table]]\nname = \"one\"\ncolumns = [\n"
             "  { name = \"id\", type = \"bigint\", primary_key = true },\n"
             "  { name = \"name\", type = \"varchar(50)\", nullable = false },\n]\n");
}

} // namespace

TEST_CASE("library: from a config file, check, and the CLI agrees") {
  TempDir dir;
  write_project(dir);
  const std::string url = "sqlite:///" + (dir / "app.db").string();
  auto project = migratecpp::Project::from_file((dir / "migratecpp.toml").string(), url);
  auto before = project.check();
  CHECK_FALSE(before.clean);
  CHECK(before.description == "add table one\n");
  project.upgrade("head");
  const auto after = project.check();
  CHECK(after.clean);
  CHECK(after.description.empty());
  const auto cli = run_cli(dir.path(), "current");
  CHECK(cli.exit_code == 0);
  CHECK(cli.out == "a1000000000a (head)\n");
}

// The CLI turns SQLite's memory statistics off (dialects::tune_for_command_process); the
// library must not: a program embedding it may rely on them (sqlite3_soft_heap_limit64 works
// from them). ctest runs each test case in a process of its own, so SQLite starts here.
TEST_CASE("library: the embedding program's SQLite keeps its memory statistics") {
  TempDir dir;
  write_project(dir);
  const std::string url = "sqlite:///" + (dir / "app.db").string();
  auto project = migratecpp::Project::from_file((dir / "migratecpp.toml").string(), url);
  project.upgrade("head");
  sqlite3_int64 current = 0;
  sqlite3_int64 highest = 0;
  REQUIRE(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0) == SQLITE_OK);
  CHECK(highest > 0);
}

// A directory whose path holds no word a test URL's password may be (the passwords of URLs
// a process has used are scrubbed from all its messages, and the MariaDB test user's password
// is "migratecpp", which TempDir's names hold).
struct PlainDir {
  fs::path path = fs::temp_directory_path() / ("lib-errors-" + random_suffix());
  PlainDir() { fs::create_directories(path); }
  ~PlainDir() { fs::remove_all(path); }
  fs::path operator/(const std::string& rel) const { return path / rel; }
};

TEST_CASE("library: errors carry the CLI's message and exit code") {
  PlainDir dir;
  write_project(dir);
  // A revision that names a parent that does not exist.
  write_file(dir / "migrations" / "versions" / "b2_orphan.toml",
             revision_text("b2000000000b", "ffff00000000", "two", "orphan"));
  auto project = migratecpp::Project::from_file((dir / "migratecpp.toml").string(),
                                                "sqlite:///" + (dir / "app.db").string());
  std::string message;
  int code = 0;
  try {
    project.upgrade("head");
  } catch (const migratecpp::Error& e) {
    message = e.what();
    code = e.exit_code();
  }
  REQUIRE_FALSE(message.empty());
  const auto cli = run_cli(dir.path, "upgrade head");
  CHECK(cli.exit_code == code);
  CHECK(cli.err == "migratecpp: error: " + message + "\n");

  // A config file that does not exist: the CLI's message too.
  try {
    migratecpp::Project::from_file((dir / "nope.toml").string());
    FAIL("a missing config file was accepted");
  } catch (const migratecpp::Error& e) {
    const auto missing = run_cli(dir.path, "-c " + (dir / "nope.toml").string() + " current");
    CHECK(missing.err == "migratecpp: error: " + std::string(e.what()) + "\n");
    CHECK(missing.exit_code == e.exit_code());
  }
}

TEST_CASE("library: migrations embedded by migratecpp_embed_migrations") {
  const auto files = migratecpp::embedded::migrations();
  REQUIRE(files.size() == 3);
  CHECK(files[0].name == "migrations/versions/e1a000000001_create_notes.toml");
  TempDir dir;
  migratecpp::ProjectSettings settings;
  settings.url = "sqlite:///" + (dir / "app.db").string();
  settings.migrations = files;
  auto project = migratecpp::Project::from_settings(settings);
  project.upgrade("head");
  CHECK(ids(project.current()) == Strings{"e1a000000003"});
}

TEST_CASE("library: two threads, each on its own project, at once") {
  TempDir dir_a;
  TempDir dir_b;
  const auto db_a = *database("sqlite", dir_a);
  const auto db_b = *database("sqlite", dir_b);
  std::atomic<int> failures{0};
  auto work = [&failures](const Database& db) {
    try {
      auto project = migratecpp::Project::from_settings(settings_for(db));
      for (int round = 0; round < 5; ++round) {
        project.upgrade("head");
        project.downgrade("base");
      }
      project.upgrade("head");
      if (project.current().at(0).id != "c3000000000c") {
        ++failures;
      }
    } catch (const std::exception&) {
      ++failures;
    }
  };
  std::thread a(work, db_a);
  std::thread b(work, db_b);
  a.join();
  b.join();
  CHECK(failures == 0);
}

TEST_CASE("library: version") {
  CHECK(std::string(migratecpp::version()) == MIGRATECPP_EXPECTED_VERSION);
}
