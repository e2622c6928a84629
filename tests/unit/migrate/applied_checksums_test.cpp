// Comparing the history table's records with the migrations folder: which applied revisions
// changed, vanished, match, or have no record yet; and the history rows of a runner step.
#include "migrate/applied_checksums.h"
#include "migrate/revision_checksum.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using Ids = std::vector<std::string>;

namespace {

std::string rev_text(const std::string& id, const std::string& down, const std::string& table) {
  return "revision = \"" + id + "\"\ndown_revision = \"" + down +
         "\"\n\n[[upgrade]]\nop = \"create_table\"\ntable = \"" + table +
         "\"\ncolumns = [ { name = \"id\", type = \"integer\", primary_key = true } ]\n";
}

struct Folder {
  TempDir dir;
  migrate::Config config;
  Folder() {
    config.dir = dir.path();
    config.file = dir / "migratecpp.toml";
    config.script_location = dir / "migrations";
    std::filesystem::create_directories(config.script_location / "versions");
  }
  void write(const std::string& name, const std::string& text) {
    write_file(config.script_location / "versions" / name, text);
  }
  migrate::ScriptDirectory load() const { return migrate::ScriptDirectory::load(config); }
};

migrate::HistoryEntry entry(std::int64_t seq, std::string rev, std::string_view direction,
                            std::string checksum) {
  migrate::HistoryEntry e;
  e.seq = seq;
  e.revision = std::move(rev);
  e.direction = std::string(direction);
  e.checksum = std::move(checksum);
  e.started_at = "2026-12-05T02:40:00.000Z";
  return e;
}

} // namespace

TEST_CASE("check_applied: matching, changed, vanished and unrecorded revisions",
          "[applied_checksums]") {
  Folder f;
  f.write("r1.toml", rev_text("r1", "", "a"));
  f.write("r2.toml", rev_text("r2", "r1", "b"));
  f.write("r3.toml", rev_text("r3", "r2", "c"));
  const auto scripts = f.load();
  const std::string c1 = migrate::ops_checksum(scripts.file("r1"));
  const std::string c2 = migrate::ops_checksum(scripts.file("r2"));

  SECTION("all recorded and matching") {
    const std::vector<migrate::HistoryEntry> h = {entry(1, "r1", migrate::k_history_upgrade, c1),
                                                  entry(2, "r2", migrate::k_history_upgrade, c2)};
    const auto result = migrate::check_applied(scripts, {"r2"}, h);
    CHECK(result.problems.empty());
    CHECK(result.unrecorded.empty());
    CHECK(result.verified == 2);
  }
  SECTION("a recorded checksum that differs names the file") {
    const std::vector<migrate::HistoryEntry> h = {
        entry(1, "r1", migrate::k_history_upgrade, c1),
        entry(2, "r2", migrate::k_history_upgrade, std::string(64, '0'))};
    const auto result = migrate::check_applied(scripts, {"r2"}, h);
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].revision == "r2");
    CHECK_FALSE(result.problems[0].vanished());
    CHECK(migrate::describe(result.problems[0]).find("r2.toml (revision r2)") != std::string::npos);
  }
  SECTION("the latest row counts: an accepted edit, a downgrade, a forget") {
    const std::vector<migrate::HistoryEntry> h = {
        entry(1, "r1", migrate::k_history_upgrade, c1),
        entry(2, "r2", migrate::k_history_upgrade, std::string(64, '0')),
        entry(3, "r2", migrate::k_history_accept, c2),
        entry(4, "r3", migrate::k_history_upgrade, "x"),
        entry(5, "r3", migrate::k_history_downgrade, "x"),
        entry(6, "gone", migrate::k_history_upgrade, "y"),
        entry(7, "gone", migrate::k_history_forget, "")};
    const auto result = migrate::check_applied(scripts, {"r2"}, h);
    CHECK(result.problems.empty());
    CHECK(result.verified == 2);
  }
  SECTION("a begin marker says nothing of what is applied (an interrupted downgrade of r2)") {
    const std::vector<migrate::HistoryEntry> h = {
        entry(1, "r1", migrate::k_history_upgrade, c1),
        entry(2, "r2", migrate::k_history_upgrade, c2),
        entry(3, "r2", migrate::k_history_begin_downgrade, c2)};
    const auto result = migrate::check_applied(scripts, {"r2"}, h);
    CHECK(result.problems.empty());
    CHECK(result.unrecorded.empty()); // not "unrecorded": r2's upgrade row still counts
    CHECK(result.verified == 2);
  }
  SECTION("no record: unrecorded, not a problem") {
    const auto result = migrate::check_applied(scripts, {"r2"}, {});
    CHECK(result.problems.empty());
    CHECK(result.unrecorded == Ids{"r1", "r2"});
  }
  SECTION("a history-applied revision or a version row without a file: vanished") {
    const std::vector<migrate::HistoryEntry> h = {entry(1, "r1", migrate::k_history_upgrade, c1),
                                                  entry(2, "old", migrate::k_history_upgrade, "z")};
    const auto result = migrate::check_applied(scripts, {"r1", "nofile"}, h);
    REQUIRE(result.problems.size() == 2);
    CHECK(result.problems[0].revision == "nofile");
    CHECK(result.problems[0].vanished());
    CHECK(result.problems[1].revision == "old");
    CHECK(migrate::describe(result.problems[1]).find("its file is gone") != std::string::npos);
  }
}

TEST_CASE("history_statements: one row per revision step, stamp and unstamp rows for a stamp",
          "[applied_checksums]") {
  Folder f;
  f.write("r1.toml", rev_text("r1", "", "a"));
  f.write("r2.toml", rev_text("r2", "r1", "b"));
  const auto scripts = f.load();
  const migrate::HistoryTable table(dialects::dialect_by_name("sqlite"), "v");

  migrate::Step up;
  up.file = &scripts.file("r2");
  up.rows_before = {"r1"};
  up.rows_after = {"r2"};
  const auto one = migrate::history_statements(table, scripts, up, std::nullopt);
  REQUIRE(one.size() == 1);
  CHECK(one[0].sql.find("'r2', 'upgrade', '" + migrate::ops_checksum(scripts.file("r2")) + "'") !=
        std::string::npos);

  migrate::Step stamp;
  stamp.rows_before = {"r1"};
  stamp.rows_after = {};
  auto rows = migrate::history_statements(table, scripts, stamp, std::nullopt);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].sql.find("'r1', 'unstamp'") != std::string::npos);
  stamp.rows_before = {};
  stamp.rows_after = {"r2"};
  rows = migrate::history_statements(table, scripts, stamp, std::nullopt);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].sql.find("'r1', 'stamp'") != std::string::npos);
  CHECK(rows[1].sql.find("'r2', 'stamp'") != std::string::npos);
}

TEST_CASE("ops_checksum_of: the checksum of a file not parsed yet, without keeping the parse",
          "[applied_checksums]") {
  Folder f;
  f.write("r1.toml", rev_text("r1", "", "a"));
  const std::string was = migrate::ops_checksum(f.load().file("r1"));
  const auto scripts = f.load();
  CHECK(scripts.ops_checksum_of("r1") == was);
  // Not kept: the file is read again when its ops are asked for (an upgrade checks every
  // applied revision, and keeping each parse held them all, a large bulk_insert too).
  f.write("r1.toml", rev_text("r1", "", "b"));
  const auto& file = scripts.file("r1");
  REQUIRE(file.upgrade.size() == 1);
  CHECK(std::get<schema::CreateTable>(file.upgrade[0]).table.name == "b");
  // Once parsed, the kept parse is what it hashes.
  CHECK(scripts.ops_checksum_of("r1") == migrate::ops_checksum(file));
  CHECK(scripts.ops_checksum_of("r1") != was);
  CHECK_THROWS_WITH(scripts.ops_checksum_of("nope"), Catch::Contains("nope"));
}
