// What SQLite introspection leaves out is named (Dialect::unmanaged_objects): virtual tables
// whose module this SQLite lacks (views, triggers and the other virtual tables are modelled),
// those of excluded tables and of the version table left out.
#include "sqlite_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using dialects::UnmanagedObject;

TEST_CASE("unmanaged objects: virtual tables of a module not loaded (views, triggers and "
          "FTS tables are modelled)",
          "[sqlite][introspect]") {
  SqliteDb db;
  db.exec(R"sql(
    CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);
    CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
    CREATE TABLE vendor (id INTEGER PRIMARY KEY);
    CREATE VIEW active_users AS SELECT id FROM users;
    CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN INSERT INTO audit (what) VALUES ('x'); END;
    CREATE TRIGGER vendor_audit AFTER INSERT ON vendor BEGIN SELECT 1; END;
    CREATE VIRTUAL TABLE docs USING fts5(body);
    -- What a tool with more modules made (the sqlite3 shell's zipfile): SQLite reads the
    -- schema, but nothing here can create, read or drop it.
    PRAGMA writable_schema = ON;
    INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql)
      VALUES ('table', 'zipped', 'zipped', 0, 'CREATE VIRTUAL TABLE zipped USING zipfile(''z.zip'')');
    PRAGMA writable_schema = RESET;
  )sql");
  introspect::Options options;
  options.exclude_tables = {"VENDOR"};
  const auto objects = sqlite_dialect().unmanaged_objects(db.conn(), options);
  // Views and triggers are modelled (issue 11): the model has users_audit, not vendor_audit.
  CHECK(objects == std::vector<UnmanagedObject>{{"virtual table", "zipped", ""}});
  CHECK(dialects::describe(objects[0]) == "virtual table 'zipped'");
  const auto live = db.schema(options);
  REQUIRE(live.triggers.size() == 1);
  CHECK(live.triggers[0].name == "users_audit");
  CHECK(live.triggers[0].table == "users");
  CHECK(live.triggers[0].timing == "after");
  CHECK(live.triggers[0].events == std::vector<std::string>{"insert"});
  CHECK(live.triggers[0].body == "BEGIN INSERT INTO audit (what) VALUES ('x'); END");
  // Still none of the others in the model.
  CHECK(live.find_table("active_users") == nullptr);
  // The view is the models' now.
  REQUIRE(live.find_view("active_users") != nullptr);
  CHECK(live.find_view("active_users")->definition == "SELECT id FROM users");
  CHECK(live.find_table("docs") == nullptr);
  // The FTS table is the models' (issue 11), the other not.
  REQUIRE(live.virtual_tables.size() == 1);
  CHECK(live.virtual_tables[0] == schema::VirtualTable{"docs", "fts5", {"body"}});
  // Nor the tables the virtual table keeps its data in (fts5: docs_data, docs_idx, ...): they
  // are the virtual table's, which a model cannot make.
  for (const auto& t : live.tables) {
    INFO(t.name);
    CHECK(t.name.rfind("docs_", 0) != 0);
  }
}

TEST_CASE("unmanaged objects: none in a database of tables only", "[sqlite][introspect]") {
  SqliteDb db;
  db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY)");
  CHECK(sqlite_dialect().unmanaged_objects(db.conn(), {}).empty());
}
