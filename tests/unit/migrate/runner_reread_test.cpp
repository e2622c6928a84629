// The runner reads the live schema again after `execute` ops only when a later op of the run
// consults it (issue 13): a revision of many execute ops reads it no time at all, and a rebuild
// after an execute reads it once and keeps what the execute made. Counted through
// RunOptions::reread_schema on a real SQLite file, under both failure strategies.
#include "migrate/runner.h"
#include "runner_support.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace migratecpp;
using namespace migratecpp::test;
using namespace migratecpp::test::runner;
using migrate::RevisionFile;
using migrate::Step;

namespace {

// A rebuild on SQLite: ALTER TABLE cannot make a column NOT NULL.
schema::AlterColumn name_not_null() {
  schema::AlterColumn o;
  o.table = "items";
  o.column = "name";
  o.nullable = false;
  o.existing_nullable = true;
  o.existing_type = "text";
  return o;
}

// A database at r1: items(id, name) with two rows. Counts the re-reads of the live schema.
struct Fixture {
  SqliteDb db;
  migrate::VersionTable versions{sqlite_dialect(), "migratecpp_version"};
  std::ostringstream data;
  std::ostringstream diag;
  util::Output out{data, diag};
  int rereads = 0;

  Fixture() {
    versions.ensure(db.conn());
    schema::Table t;
    t.name = "items";
    t.columns = {pk("id"), col("name", "text")};
    db.run(schema::CreateTable{t});
    db.exec("INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two')");
    db.exec("INSERT INTO migratecpp_version (version_num) VALUES ('r1')");
  }

  void run(const dialects::Dialect& dialect, const std::vector<Step>& steps) {
    migrate::ConnectionSink sink(db.conn());
    migrate::RunOptions options;
    options.reread_schema = [&] {
      ++rereads;
      return db.schema();
    };
    options.rows_now = [&] { return versions.read(db.conn()); };
    schema::Database state = db.schema();
    migrate::run_steps(dialect, sink, versions, steps, state, options, out);
  }
};

} // namespace

TEST_CASE("a revision of execute ops alone never reads the schema again", "[runner][reread]") {
  for (const auto* dialect : both_strategies()) {
    Fixture f;
    std::vector<schema::Op> ops;
    for (int i = 0; i < 1000; ++i) {
      ops.push_back(execute("UPDATE items SET name = name || 'x' WHERE id = 1"));
    }
    const auto r2 = revision("r2", {"r1"}, ops);
    const auto r3 = revision("r3", {"r2"}, {execute("ALTER TABLE items ADD COLUMN extra int")});
    f.run(*dialect, {step(r2, {"r1"}, {"r2"}), step(r3, {"r2"}, {"r3"})});
    CHECK(f.rereads == 0);
    CHECK(f.db.rows("SELECT length(name) FROM items WHERE id = 1") ==
          std::vector<std::string>{"1003"});
    CHECK(f.db.rows("SELECT version_num FROM migratecpp_version") ==
          std::vector<std::string>{"r3"});
  }
}

TEST_CASE("a rebuild after execute ops reads the schema once and keeps the execute's column",
          "[runner][reread]") {
  for (const auto* dialect : both_strategies()) {
    Fixture f;
    std::vector<schema::Op> ops{execute("ALTER TABLE items ADD COLUMN extra int"),
                                execute("UPDATE items SET extra = id * 10")};
    for (int i = 0; i < 100; ++i) {
      ops.push_back(execute("UPDATE items SET extra = extra + 1"));
    }
    ops.push_back(name_not_null()); // a rebuild: it restates the table, `extra` included
    ops.push_back(execute("UPDATE items SET extra = extra + 1"));
    const auto r2 = revision("r2", {"r1"}, ops);
    f.run(*dialect, {step(r2, {"r1"}, {"r2"})});
    CHECK(f.rereads == 1);
    CHECK(f.db.rows("SELECT id, name, extra FROM items ORDER BY id") ==
          std::vector<std::string>{"1|one|111", "2|two|121"});
    CHECK(f.db.rows("SELECT \"notnull\" FROM pragma_table_info('items') WHERE name = 'name'") ==
          std::vector<std::string>{"1"});
  }
}

TEST_CASE("an execute in one revision is read again for a rebuild in a later one",
          "[runner][reread]") {
  for (const auto* dialect : both_strategies()) {
    Fixture f;
    const auto r2 = revision(
        "r2", {"r1"},
        {execute("ALTER TABLE items ADD COLUMN extra int"), execute("UPDATE items SET extra = 7")});
    const auto r3 = revision("r3", {"r2"}, {name_not_null()});
    const auto r4 = revision("r4", {"r3"}, {execute("UPDATE items SET extra = extra + 1")});
    f.run(*dialect, {step(r2, {"r1"}, {"r2"}), step(r3, {"r2"}, {"r3"}), step(r4, {"r3"}, {"r4"})});
    CHECK(f.rereads == 1);
    CHECK(f.db.rows("SELECT id, extra FROM items ORDER BY id") ==
          std::vector<std::string>{"1|8", "2|8"});
  }
}

TEST_CASE("a table an execute made is read again only when an op touches it", "[runner][reread]") {
  for (const auto* dialect : both_strategies()) {
    Fixture f;
    const auto r2 = revision(
        "r2", {"r1"},
        {execute("CREATE TABLE made (id integer PRIMARY KEY, v text)"),
         execute("INSERT INTO made (id, v) VALUES (1, 'a')"),
         schema::CreateIndex{"made", {"ix_made_v", {"v"}, false, std::nullopt, std::nullopt}},
         execute("UPDATE made SET v = 'b'")});
    f.run(*dialect, {step(r2, {"r1"}, {"r2"})});
    CHECK(f.rereads == 1); // before the create_index, which names a table no model knows
    CHECK(f.db.rows("SELECT name FROM sqlite_master WHERE name = 'ix_made_v'") ==
          std::vector<std::string>{"ix_made_v"});
  }
}

TEST_CASE("compensating: a failure after execute ops is undone against the live schema",
          "[runner][reread]") {
  Fixture f;
  // The columns as they were (a rebuild undone restates the table: its text may differ).
  const std::string columns = "SELECT name, type, \"notnull\" FROM pragma_table_info('items')";
  const auto before = f.db.rows(columns);
  schema::Execute add = execute("ALTER TABLE items ADD COLUMN extra int");
  add.reverse_sql[""] = "ALTER TABLE items DROP COLUMN extra";
  const auto r2 =
      revision("r2", {"r1"}, {add, name_not_null(), execute("SELECT nope FROM nowhere")});
  try {
    f.run(compensating(), {step(r2, {"r1"}, {"r2"})});
    FAIL("the run did not fail");
  } catch (const util::Error& e) {
    CHECK_THAT(e.message(), Catch::Contains("undone: the database is at r1"));
  }
  CHECK(f.db.rows(columns) == before);
  CHECK(f.db.rows("SELECT id, name FROM items ORDER BY id") ==
        std::vector<std::string>{"1|one", "2|two"});
}
