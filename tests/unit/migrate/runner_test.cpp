// The runner on real SQLite files, under both failure strategies: the transactional one that
// SQLite really has, and the compensating one (built for MySQL) through a SQLite dialect that
// reports no transactional DDL. Whatever fails where, the database must end exactly as before
// the revision, and the error's last line must say so truthfully.
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

// A sink on a live connection that counts the transaction calls.
class CountingSink : public migrate::ConnectionSink {
public:
  using ConnectionSink::ConnectionSink;
  void begin() override {
    ++begins;
    ConnectionSink::begin();
  }
  void commit() override {
    ++commits;
    ConnectionSink::commit();
  }
  int begins = 0;
  int commits = 0;
};

schema::Row row(std::int64_t id, std::optional<std::string> name = std::nullopt) {
  schema::Row r{{"id", id}};
  if (name) {
    r.emplace_back("name", *name);
  }
  return r;
}

schema::Table items_table() {
  schema::Table t;
  t.name = "items";
  t.columns = {pk("id"), col("name", "text")};
  return t;
}

schema::CreateIndex name_index() {
  return {"items", {"ix_items_name", {"name"}, false, std::nullopt, std::nullopt}};
}

schema::AddColumn price_column() {
  return {"items", col("price", "integer")};
}

// A database at revision r1: items(id, name) with two rows.
struct Fixture {
  SqliteDb db;
  migrate::VersionTable versions{sqlite_dialect(), "migratecpp_version"};
  std::ostringstream data;
  std::ostringstream diag;
  util::Output out{data, diag};
  int begins = 0;
  int commits = 0;

  Fixture() {
    versions.ensure(db.conn());
    db.run(schema::CreateTable{items_table()});
    db.exec("INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two')");
    db.exec("INSERT INTO migratecpp_version (version_num) VALUES ('r1')");
  }

  // Everything a failure must leave as it was: the schema (as SQLite stores its text), the
  // rows of items and the version rows.
  std::vector<std::string> snapshot() {
    auto s = db.rows("SELECT type, name, sql FROM sqlite_master ORDER BY name");
    for (const auto& r : db.rows("SELECT * FROM items ORDER BY id")) {
      s.push_back("items: " + r);
    }
    for (const auto& r : db.rows("SELECT version_num FROM migratecpp_version")) {
      s.push_back("version: " + r);
    }
    return s;
  }

  void run(const dialects::Dialect& dialect, const std::vector<Step>& steps, bool per_step = true) {
    CountingSink sink(db.conn());
    migrate::RunOptions options;
    options.transaction_per_migration = per_step;
    options.reread_schema = [&] { return db.schema(); };
    options.read_rows = [&] { return versions.read_existing(db.conn()); };
    options.rows_now = [&] { return versions.read(db.conn()); };
    schema::Database state = db.schema();
    try {
      migrate::run_steps(dialect, sink, versions, steps, state, options, out);
    } catch (...) {
      begins = sink.begins;
      commits = sink.commits;
      throw;
    }
    begins = sink.begins;
    commits = sink.commits;
  }

  // Runs `steps`, which must fail; returns the error's message.
  std::string fail(const dialects::Dialect& dialect, const std::vector<Step>& steps,
                   bool per_step = true) {
    try {
      run(dialect, steps, per_step);
    } catch (const util::Error& e) {
      return e.message();
    }
    FAIL("the run did not fail");
    return "";
  }
};

} // namespace

TEST_CASE("failure strategy follows the dialect's transactional DDL", "[runner]") {
  CHECK(migrate::failure_strategy(sqlite_dialect()) == migrate::FailureStrategy::transactional);
  CHECK(migrate::failure_strategy(compensating()) == migrate::FailureStrategy::compensating);
}

TEST_CASE("runner applies revisions and writes the version row after each", "[runner]") {
  for (const dialects::Dialect* dialect :
       {static_cast<const dialects::Dialect*>(&sqlite_dialect()),
        static_cast<const dialects::Dialect*>(&compensating())}) {
    Fixture f;
    const auto r2 = revision("r2", {"r1"}, {price_column(), name_index()});
    const auto r3 = revision("r3", {"r2"}, {schema::BulkInsert{"items", {row(3, "three")}}});
    f.run(*dialect, {step(r2, {"r1"}, {"r2"}), step(r3, {"r2"}, {"r3"})});
    CHECK(f.db.rows("SELECT version_num FROM migratecpp_version") ==
          std::vector<std::string>{"r3"});
    CHECK(f.db.rows("SELECT id, price FROM items ORDER BY id") ==
          std::vector<std::string>{"1|NULL", "2|NULL", "3|NULL"});
    CHECK(f.diag.str() == "Running upgrade r1 -> r2\nRunning upgrade r2 -> r3\n");
    // Compensating: no transaction at all (MySQL would commit each DDL statement anyway).
    CHECK(f.begins == (dialect == &compensating() ? 0 : 2));
    CHECK(f.commits == f.begins);
  }
}

TEST_CASE("transactional: a failing third op rolls the revision back", "[runner]") {
  Fixture f;
  const auto before = f.snapshot();
  const auto r2 = revision("r2", {"r1"}, {price_column(), name_index(), execute("SELECT nope")});
  const auto message = f.fail(sqlite_dialect(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::StartsWith("revision r2: upgrade op #3 (execute) failed"));
  CHECK(last_line(message) == "rolled back: the database is still at r1");
  CHECK(f.snapshot() == before);
}

TEST_CASE("transactional: an execute op that commits is reported, not called rolled back",
          "[runner]") {
  Fixture f;
  const auto r2 =
      revision("r2", {"r1"}, {price_column(), execute("UPDATE items SET price = 5; COMMIT")});
  const auto message = f.fail(sqlite_dialect(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::StartsWith("revision r2: upgrade op #2 (execute) ended the "
                                        "revision's transaction itself"));
  // The last line agrees with the version table, which still says r1; the committed column
  // and rows are not called rolled back.
  CHECK(last_line(message) == "not rolled back: the statements before the transaction ended "
                              "stay; the version table says the database is at r1");
  CHECK(f.db.rows("SELECT version_num FROM migratecpp_version") == std::vector<std::string>{"r1"});
  CHECK(f.db.rows("SELECT DISTINCT price FROM items") == std::vector<std::string>{"5"});
}

TEST_CASE("transactional: the last line is read from the version table", "[runner]") {
  Fixture f;
  // Another migrator left the table at a revision this run does not expect.
  f.db.exec("UPDATE migratecpp_version SET version_num = 'zz'");
  const auto r2 = revision("r2", {"r1"}, {price_column()});
  const auto message = f.fail(sqlite_dialect(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::Contains("the version table changed while migrating (now zz"));
  CHECK(last_line(message) ==
        "rolled back: the database is at zz (another migratecpp moved it while this one ran)");
}

TEST_CASE("one transaction for the run: work another migratecpp finished is not an error",
          "[runner]") {
  Fixture f;
  // The other process took the database from r1 to r3 while this one waited for the lock.
  f.db.exec("UPDATE migratecpp_version SET version_num = 'r3'");
  const auto before = f.snapshot();
  const auto r2 = revision("r2", {"r1"}, {price_column()});
  const auto r3 = revision("r3", {"r2"}, {name_index()});
  f.run(sqlite_dialect(), {step(r2, {"r1"}, {"r2"}), step(r3, {"r2"}, {"r3"})}, false);
  CHECK_THAT(f.diag.str(), Catch::Contains("already applied by another migratecpp: the database "
                                           "is at r3; nothing left to do"));
  CHECK(f.snapshot() == before);
}

TEST_CASE("compensating: a failing third op undoes the two before it", "[runner]") {
  Fixture f;
  const auto before = f.snapshot();
  const auto r2 = revision("r2", {"r1"}, {price_column(), name_index(), execute("SELECT nope")});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::StartsWith("revision r2: upgrade op #3 (execute) failed"));
  CHECK(last_line(message) ==
        "undone: the database is at r1; undid (newest first): r2 upgrade op #2 (create_index on "
        "'items'), r2 upgrade op #1 (add_column on 'items'); could not undo: nothing");
  CHECK(f.snapshot() == before);
  CHECK(f.begins == 0);
}

TEST_CASE("compensating: a render failure undoes the ops before it", "[runner]") {
  Fixture f;
  const auto before = f.snapshot();
  const auto r2 = revision(
      "r2", {"r1"},
      {price_column(), name_index(), schema::DropConstraint{"items", "no_such", {}, {}, {}}});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::Contains("upgrade op #3 (drop_constraint on 'items'): constraint "
                                      "'no_such' does not exist"));
  CHECK_THAT(last_line(message), Catch::StartsWith("undone: the database is at r1; "));
  CHECK(f.snapshot() == before);
}

TEST_CASE("compensating: an op failing partway undoes the statements that ran", "[runner]") {
  Fixture f;
  const auto before = f.snapshot();
  // CREATE TABLE more runs, CREATE INDEX fails (index names are global in SQLite).
  schema::Table more;
  more.name = "more";
  more.columns = {pk("id")};
  more.indexes = {{"ix_items_name", {"id"}, false, std::nullopt, std::nullopt}};
  const auto r2 = revision("r2", {"r1"}, {name_index(), schema::CreateTable{more}});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::Contains("upgrade op #2 (create_table on 'more') failed"));
  CHECK(last_line(message) ==
        "undone: the database is at r1; undid (newest first): r2 upgrade op #2 (create_table on "
        "'more') (the statement that ran), r2 upgrade op #1 (create_index on 'items'); could not "
        "undo: nothing");
  CHECK(f.snapshot() == before);
}

TEST_CASE("compensating: a table rebuild failing at the copy is undone", "[runner]") {
  Fixture f;
  const auto before = f.snapshot();
  schema::AlterColumn not_null;
  not_null.table = "items";
  not_null.column = "name";
  not_null.nullable = false;
  const auto r2 =
      revision("r2", {"r1"}, {schema::BulkInsert{"items", {row(3)}}, schema::Op{not_null}});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::Contains("NOT NULL constraint failed"));
  CHECK_THAT(last_line(message), Catch::StartsWith("undone: the database is at r1; "));
  CHECK(f.snapshot() == before);
}

TEST_CASE("compensating: a bulk_insert failing partway deletes the rows it inserted", "[runner]") {
  Fixture f;
  const auto before = f.snapshot();
  // Three INSERTs (the rows name other columns); the third hits the existing id 1.
  const auto r2 =
      revision("r2", {"r1"},
               {schema::BulkInsert{"items", {row(3, "three")}},
                schema::BulkInsert{"items", {row(4, "four"), row(5), row(1, "one again")}}});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::Contains("UNIQUE constraint failed"));
  CHECK(last_line(message) ==
        "undone: the database is at r1; undid (newest first): r2 upgrade op #2 (bulk_insert on "
        "'items') (the 2 statements that ran), r2 upgrade op #1 (bulk_insert on 'items'); "
        "could not undo: nothing");
  CHECK(f.snapshot() == before);
}

TEST_CASE("compensating: rows inserted into a table without a primary key are reported",
          "[runner]") {
  Fixture f;
  f.db.exec("CREATE TABLE log (msg TEXT)");
  const auto before = f.snapshot();
  const auto r2 = revision(
      "r2", {"r1"},
      {price_column(), schema::BulkInsert{"log", {{{"msg", "hello"}}}}, execute("SELECT nope")});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"})});
  CHECK(last_line(message) ==
        "partly undone: the database is at r1, with changes left that no revision describes; "
        "undid (newest first): r2 upgrade op #1 (add_column on 'items'); could not undo: r2 "
        "upgrade op #2 (bulk_insert on 'log'): the rows it inserted cannot be told from others "
        "(no primary key given in the rows)");
  CHECK(f.db.rows("SELECT msg FROM log") == std::vector<std::string>{"hello"});
  CHECK(f.db.rows("SELECT version_num FROM migratecpp_version") == std::vector<std::string>{"r1"});
}

TEST_CASE("compensating: execute ops are undone by their reverse or reported", "[runner]") {
  Fixture f;
  const auto r2 = revision("r2", {"r1"},
                           {execute("CREATE TABLE a (x INTEGER)", "DROP TABLE a"),
                            execute("CREATE TABLE b (x INTEGER)"), execute("SELECT nope")});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(last_line(message),
             Catch::EndsWith("undid (newest first): r2 upgrade op #1 (execute); could not undo: "
                             "r2 upgrade op #2 (execute): operation is not reversible: execute "
                             "without reverse_sql"));
  CHECK(f.db.rows("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')") ==
        std::vector<std::string>{"b"});
}

TEST_CASE("compensating: a failed version-row write undoes the revision", "[runner]") {
  Fixture f;
  f.db.exec("CREATE TRIGGER frozen BEFORE UPDATE ON migratecpp_version "
            "BEGIN SELECT RAISE(ABORT, 'frozen'); END");
  const auto before = f.snapshot();
  const auto r2 =
      revision("r2", {"r1"}, {price_column(), schema::BulkInsert{"items", {row(3, "three")}}});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"})});
  CHECK_THAT(message, Catch::Contains("frozen"));
  CHECK(last_line(message) ==
        "undone: the database is at r1; undid (newest first): r2 upgrade op #2 (bulk_insert on "
        "'items'), r2 upgrade op #1 (add_column on 'items'); could not undo: nothing");
  CHECK(f.snapshot() == before);
}

TEST_CASE("compensating: nothing to undo when the first statement fails", "[runner]") {
  Fixture f;
  const auto before = f.snapshot();
  const auto r2 = revision("r2", {"r1"}, {execute("SELECT nope")});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"})});
  CHECK(last_line(message) == "nothing to undo: the database is at r1 (nothing of it had run)");
  CHECK(f.snapshot() == before);
}

TEST_CASE("compensating: earlier revisions stay applied, per revision", "[runner]") {
  Fixture f;
  const auto r2 = revision("r2", {"r1"}, {price_column()});
  const auto r3 = revision("r3", {"r2"}, {name_index(), execute("SELECT nope")});
  const auto message = f.fail(compensating(), {step(r2, {"r1"}, {"r2"}), step(r3, {"r2"}, {"r3"})});
  CHECK_THAT(last_line(message), Catch::StartsWith("undone: the database is at r2; "));
  CHECK(f.db.rows("SELECT version_num FROM migratecpp_version") == std::vector<std::string>{"r2"});
  CHECK(f.db.rows("SELECT name FROM sqlite_master WHERE name = 'ix_items_name'").empty());
  CHECK(f.db.table("items").find_column("price") != nullptr);
}

TEST_CASE("compensating: one unit for the whole run without transaction_per_migration",
          "[runner]") {
  Fixture f;
  const auto before = f.snapshot();
  const auto r2 = revision("r2", {"r1"}, {price_column()});
  const auto r3 = revision("r3", {"r2"}, {name_index(), execute("SELECT nope")});
  const auto message =
      f.fail(compensating(), {step(r2, {"r1"}, {"r2"}), step(r3, {"r2"}, {"r3"})}, false);
  CHECK(last_line(message) ==
        "undone: the database is at r1; undid (newest first): r3 upgrade op #1 (create_index on "
        "'items'), version table r1 -> r2 (the statement that ran), r2 upgrade op #1 "
        "(add_column on 'items'); could not undo: nothing");
  CHECK(f.snapshot() == before);
}

TEST_CASE("scripts keep their transactions whatever the strategy", "[runner]") {
  const auto r2 = revision("r2", {"r1"}, {price_column()});
  auto script = [&](const dialects::Dialect& dialect) {
    std::ostringstream data;
    std::ostringstream diag;
    util::Output out(data, diag);
    migrate::ScriptSink sink(dialect, out);
    migrate::VersionTable versions(dialect, "migratecpp_version");
    schema::Database state;
    state.tables.push_back(items_table());
    migrate::run_steps(dialect, sink, versions, {step(r2, {"r1"}, {"r2"})}, state, {}, out);
    return data.str();
  };
  const std::string expected = "-- Running upgrade r1 -> r2\n\n"
                               "BEGIN;\n\n"
                               "ALTER TABLE \"items\" ADD COLUMN \"price\" integer;\n\n"
                               "UPDATE \"migratecpp_version\" SET version_num='r2' WHERE "
                               "\"migratecpp_version\".version_num = 'r1';\n\n"
                               "COMMIT;\n\n";
  CHECK(script(sqlite_dialect()) == expected);
  CHECK(script(compensating()) == expected);
}
