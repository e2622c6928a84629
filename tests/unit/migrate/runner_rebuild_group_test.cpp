// One rebuild per SQLite table per revision (issue 13): consecutive ops of a revision that each
// rebuild the same table run as one rebuild, rows copied once, ending exactly where the ops'
// separate rebuilds ended; a failure inside the group takes everything back under both failure
// strategies and names the ops; anything else in between (an execute, another table, a rename)
// is a barrier. Real SQLite files, the runner's own entry point.
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

// A sink on a live connection that counts the rows copies: a rebuild's INSERT into its new
// table (k_rebuild_prefix).
class CopyCountingSink : public migrate::ConnectionSink {
public:
  using ConnectionSink::ConnectionSink;
  void execute(const dialects::Statement& statement) override {
    if (statement.sql.rfind("INSERT INTO \"" + std::string(dialects::sqlite::k_rebuild_prefix),
                            0) == 0) {
      ++copies;
    }
    ConnectionSink::execute(statement);
  }
  int copies = 0;
};

schema::DropConstraint drop_check() {
  schema::DropConstraint o;
  o.table = "items";
  o.name = "ck_qty";
  o.check = schema::CheckConstraint{"ck_qty", "qty >= 0"};
  return o;
}

schema::CreateCheck add_check(std::string table = "items", std::string expression = "qty > 0") {
  return {std::move(table), {"ck_qty_pos", std::move(expression)}};
}

schema::AlterColumn name_not_null() {
  schema::AlterColumn o;
  o.table = "items";
  o.column = "name";
  o.nullable = false;
  o.existing_nullable = true;
  o.existing_type = "TEXT";
  return o;
}

// A column whose default is an expression: ALTER TABLE ADD COLUMN refuses it, a rebuild adds it.
schema::AddColumn bonus_column() {
  schema::Column c;
  c.name = "bonus";
  c.type = schema::ColumnType("INTEGER");
  c.default_expr = "(1 + 1)";
  return {"items", c};
}

// A database at revision r1: items (STRICT, a check, an index, a trigger writing into log)
// with three rows, and a second table other.
struct Fixture {
  SqliteDb db;
  migrate::VersionTable versions{sqlite_dialect(), "migratecpp_version"};
  std::ostringstream data;
  std::ostringstream diag;
  util::Output out{data, diag};
  int copies = 0;

  Fixture() {
    versions.ensure(db.conn());
    db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER CONSTRAINT ck_qty "
            "CHECK (qty >= 0)) STRICT;"
            "CREATE INDEX ix_items_name ON items (name);"
            "CREATE TABLE log (what TEXT);"
            "CREATE TABLE other (id INTEGER PRIMARY KEY, qty INTEGER);"
            "CREATE TRIGGER trg_items_log AFTER INSERT ON items BEGIN INSERT INTO log VALUES "
            "(NEW.name); END;"
            "INSERT INTO items VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3);"
            "INSERT INTO migratecpp_version (version_num) VALUES ('r1')");
  }

  std::vector<std::string> snapshot() {
    auto s = db.rows("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
    for (const auto& r : db.rows("SELECT * FROM items ORDER BY id")) {
      s.push_back("items: " + r);
    }
    for (const auto& r : db.rows("SELECT * FROM log")) {
      s.push_back("log: " + r);
    }
    for (const auto& r : db.rows("SELECT version_num FROM migratecpp_version")) {
      s.push_back("version: " + r);
    }
    return s;
  }

  void run(const dialects::Dialect& dialect, const std::vector<Step>& steps) {
    CopyCountingSink sink(db.conn());
    migrate::RunOptions options;
    options.reread_schema = [&] { return db.schema(); };
    options.read_rows = [&] { return versions.read_existing(db.conn()); };
    options.rows_now = [&] { return versions.read(db.conn()); };
    schema::Database state = db.schema();
    try {
      migrate::run_steps(dialect, sink, versions, steps, state, options, out);
    } catch (...) {
      copies = sink.copies;
      throw;
    }
    copies = sink.copies;
  }

  std::string fail(const dialects::Dialect& dialect, const std::vector<Step>& steps) {
    try {
      run(dialect, steps);
    } catch (const util::Error& e) {
      return e.message();
    }
    FAIL("the run did not fail");
    return "";
  }
};

const dialects::Dialect* const k_both[] = {&sqlite_dialect(), &compensating()};

} // namespace

TEST_CASE("consecutive rebuilding ops on one table copy the rows once, ending as separate "
          "rebuilds did",
          "[runner][rebuild]") {
  for (const dialects::Dialect* dialect : k_both) {
    // The old behaviour, one rebuild per op: each op in a revision of its own.
    Fixture separate;
    const auto a = revision("r2a", {"r1"}, {drop_check()});
    const auto b = revision("r2b", {"r2a"}, {add_check()});
    const auto c = revision("r2c", {"r2b"}, {name_not_null()});
    const auto d = revision("r2", {"r2c"}, {bonus_column()});
    separate.run(*dialect, {step(a, {"r1"}, {"r2a"}), step(b, {"r2a"}, {"r2b"}),
                            step(c, {"r2b"}, {"r2c"}), step(d, {"r2c"}, {"r2"})});
    CHECK(separate.copies == 4);

    Fixture grouped;
    const auto r2 =
        revision("r2", {"r1"}, {drop_check(), add_check(), name_not_null(), bonus_column()});
    grouped.run(*dialect, {step(r2, {"r1"}, {"r2"})});
    CHECK(grouped.copies == 1);
    CHECK(grouped.snapshot() == separate.snapshot());
    // STRICT, the index and the trigger are there (the snapshot compares their SQL).
    CHECK(grouped.db.rows("SELECT count(*) FROM sqlite_master WHERE name IN ('ix_items_name', "
                          "'trg_items_log') OR sql LIKE '%) STRICT'") ==
          std::vector<std::string>{"3"});
  }
}

TEST_CASE("a failure inside a rebuild group takes it all back and names the group's ops",
          "[runner][rebuild]") {
  for (const dialects::Dialect* dialect : k_both) {
    Fixture f;
    const auto before = f.snapshot();
    // The rows have qty 1..3: qty > 2 fails in the group's one copy.
    const auto r2 =
        revision("r2", {"r1"}, {drop_check(), add_check("items", "qty > 2"), name_not_null()});
    const auto message = f.fail(*dialect, {step(r2, {"r1"}, {"r2"})});
    CHECK_THAT(message, Catch::StartsWith("revision r2: upgrade ops #1-#3 (drop_constraint, "
                                          "create_check, alter_column on 'items', run as one) "
                                          "failed"));
    CHECK_THAT(message, Catch::Contains("ck_qty_pos"));
    CHECK(f.snapshot() == before);
    if (dialect == &compensating()) {
      CHECK_THAT(last_line(message), Catch::StartsWith("undone: the database is at r1"));
    } else {
      CHECK(last_line(message) == "rolled back: the database is still at r1");
    }
  }
}

TEST_CASE("a failure after a rebuild group undoes the group too", "[runner][rebuild]") {
  for (const dialects::Dialect* dialect : k_both) {
    Fixture f;
    const auto before = f.snapshot();
    const auto r2 = revision("r2", {"r1"},
                             {drop_check(), add_check(), name_not_null(), execute("SELECT nope")});
    const auto schema_before = f.db.schema();
    const auto message = f.fail(*dialect, {step(r2, {"r1"}, {"r2"})});
    CHECK_THAT(message, Catch::StartsWith("revision r2: upgrade op #4 (execute) failed"));
    if (dialect == &compensating()) {
      // Undone by the ops' reverses, newest first: three rebuilds, each keeping what the model
      // does not say (STRICT, the trigger as stored); the table's text is migratecpp's.
      CHECK_THAT(last_line(message), Catch::EndsWith("could not undo: nothing"));
      CHECK(f.db.schema() == schema_before);
      CHECK(f.db.rows("SELECT * FROM items ORDER BY id") ==
            std::vector<std::string>{"1|one|1", "2|two|2", "3|three|3"});
      CHECK(f.db.rows("SELECT sql FROM sqlite_master WHERE name = 'trg_items_log'") ==
            std::vector<std::string>{"CREATE TRIGGER trg_items_log AFTER INSERT ON items BEGIN "
                                     "INSERT INTO log VALUES (NEW.name); END"});
      CHECK(f.db.rows("SELECT sql LIKE '%) STRICT' FROM sqlite_master WHERE name = 'items'") ==
            std::vector<std::string>{"1"});
    } else {
      CHECK(f.snapshot() == before);
    }
  }
}

TEST_CASE("a refusal inside a rebuild group names the op that cannot be rebuilt, before "
          "anything runs",
          "[runner][rebuild]") {
  Fixture f;
  const auto before = f.snapshot();
  // The third op names a column that does not exist: the group is the first two ops, and the
  // third, rendered on its own, is named.
  schema::AlterColumn missing = name_not_null();
  missing.column = "nope";
  const auto r2 = revision("r2", {"r1"}, {drop_check(), add_check(), missing});
  const auto message = f.fail(sqlite_dialect(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::StartsWith("revision r2: upgrade op #3 (alter_column on 'items')"));
  CHECK(f.snapshot() == before);

  // A table with a clause no rebuild can keep: the first op of the group is named, as when
  // each op rebuilt the table alone.
  Fixture g;
  g.db.exec("CREATE TABLE conflict (id INTEGER PRIMARY KEY ON CONFLICT REPLACE, qty INTEGER "
            "CONSTRAINT ck_qty CHECK (qty >= 0))");
  schema::DropConstraint drop = drop_check();
  drop.table = "conflict";
  const auto r3 = revision("r2", {"r1"}, {drop, add_check("conflict")});
  const auto refused = g.fail(sqlite_dialect(), {step(r3, {"r1"}, {"r2"})});
  CHECK_THAT(refused,
             Catch::StartsWith("revision r2: upgrade op #1 (drop_constraint on 'conflict')"));
  CHECK_THAT(refused, Catch::Contains("ON CONFLICT"));
}

TEST_CASE("an execute, another table or a rename between rebuilding ops is a barrier",
          "[runner][rebuild]") {
  {
    Fixture f;
    const auto r2 = revision("r2", {"r1"}, {drop_check(), execute("SELECT 1"), add_check()});
    f.run(sqlite_dialect(), {step(r2, {"r1"}, {"r2"})});
    CHECK(f.copies == 2);
  }
  {
    Fixture f;
    const auto r2 = revision("r2", {"r1"}, {drop_check(), add_check("other"), add_check()});
    f.run(sqlite_dialect(), {step(r2, {"r1"}, {"r2"})});
    CHECK(f.copies == 3);
    CHECK(f.db.rows("SELECT name FROM sqlite_master WHERE sql LIKE '%ck_qty_pos%' ORDER BY "
                    "name") == std::vector<std::string>{"items", "other"});
  }
  {
    Fixture f;
    const auto r2 = revision(
        "r2", {"r1"}, {drop_check(), schema::RenameTable{"items", "goods"}, add_check("goods")});
    f.run(sqlite_dialect(), {step(r2, {"r1"}, {"r2"})});
    CHECK(f.copies == 2);
    CHECK(f.db.rows("SELECT count(*) FROM goods") == std::vector<std::string>{"3"});
  }
}

TEST_CASE("a column dropped and added again in one group is not copied", "[runner][rebuild]") {
  Fixture f;
  // qty is in use (a check): its drop rebuilds; the new qty starts empty, as after two
  // separate rebuilds.
  schema::DropColumn drop;
  drop.table = "items";
  drop.column = "qty";
  schema::Column qty;
  qty.name = "qty";
  qty.type = schema::ColumnType("INTEGER");
  qty.default_expr = "(7)";
  const auto r2 = revision("r2", {"r1"}, {drop, schema::AddColumn{"items", qty}});
  f.run(sqlite_dialect(), {step(r2, {"r1"}, {"r2"})});
  CHECK(f.copies == 1);
  CHECK(f.db.rows("SELECT id, qty FROM items ORDER BY id") ==
        std::vector<std::string>{"1|7", "2|7", "3|7"});
}
