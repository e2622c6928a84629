#include "schema/apply.h"
#include "schema/model.h"
#include "support/fixtures.h"

#include <catch2/catch.hpp>

#include <string>

using namespace migratecpp::schema;

namespace {

Table table(std::string name) {
  Table t;
  t.name = std::move(name);
  t.columns = {migratecpp::test::files::pk("id", "integer")};
  return t;
}

// Every name in `names` is found where a scan finds it, and `absent` is not found.
void check_agrees_with_scan(const Database& indexed, const std::vector<std::string>& names,
                            const std::string& absent) {
  Database scanned = indexed; // a copy is unarmed: it scans
  REQUIRE_FALSE(scanned.table_index.armed());
  for (const auto& n : names) {
    const Table* a = indexed.find_table(n);
    const Table* b = scanned.find_table(n);
    REQUIRE(a != nullptr);
    REQUIRE(b != nullptr);
    CHECK(a->name == n);
    CHECK(a - indexed.tables.data() == b - scanned.tables.data());
  }
  CHECK(indexed.find_table(absent) == nullptr);
}

} // namespace

TEST_CASE("table index: follows create, rename and drop through apply", "[table_index]") {
  Database db;
  db.index_tables();
  REQUIRE(db.table_index.armed());
  CHECK(db.find_table("t1") == nullptr);
  for (int i = 1; i <= 50; ++i) {
    apply(db, CreateTable{table("t" + std::to_string(i))});
  }
  check_agrees_with_scan(db, {"t1", "t25", "t50"}, "t51");

  // A lookup between creates, then more creates: the new ones are found, none twice.
  CHECK(db.find_table("t10") != nullptr);
  apply(db, CreateTable{table("t51")});
  CHECK(db.find_table("t51") == &db.tables.back());
  CHECK_THROWS(apply(db, CreateTable{table("t51")}));

  apply(db, RenameTable{"t10", "renamed"});
  CHECK(db.find_table("t10") == nullptr);
  REQUIRE(db.find_table("renamed") != nullptr);
  CHECK(db.find_table("renamed")->name == "renamed");
  CHECK_THROWS(apply(db, CreateTable{table("renamed")}));
  apply(db, CreateTable{table("t10")}); // the old name is free again
  CHECK(db.find_table("t10") == &db.tables.back());

  // Drops shift every later position: each lookup still lands on its own table.
  apply(db, DropTable{"t1", std::nullopt});
  apply(db, DropTable{"t30", std::nullopt});
  CHECK(db.find_table("t1") == nullptr);
  CHECK(db.find_table("t30") == nullptr);
  check_agrees_with_scan(db, {"t2", "t29", "t31", "t51", "renamed", "t10"}, "t30");

  // A drop and a create keep the count: the new table is still found.
  apply(db, DropTable{"t2", std::nullopt});
  apply(db, CreateTable{table("fresh")});
  CHECK(db.find_table("fresh") == &db.tables.back());
  CHECK(db.find_table("t2") == nullptr);
}

TEST_CASE("table index: copies and assignments are unarmed and compare equal", "[table_index]") {
  Database db;
  apply(db, CreateTable{table("a")});
  db.index_tables();
  CHECK(db.find_table("a") != nullptr);
  Database copy = db;
  CHECK_FALSE(copy.table_index.armed());
  CHECK(copy == db);
  copy.tables[0].name = "b"; // an unarmed Database may be edited directly
  CHECK(copy.find_table("b") != nullptr);
  CHECK(copy.find_table("a") == nullptr);
  db = copy;
  CHECK_FALSE(db.table_index.armed());
  CHECK(db.find_table("b") != nullptr);
}
