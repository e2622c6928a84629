// Introspection of SQLite databases written by hand, the way other tools and people write them.
#include "sqlite_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using schema::Column;
using schema::Table;

TEST_CASE("introspect: inline and named constraints, quoting, comments", "[sqlite][introspect]") {
  SqliteDb db;
  db.exec(R"sql(
    CREATE TABLE orgs (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE NOT NULL);
    CREATE TABLE [user accounts] /* comment: people, "quoted" */ (
      `id` integer primary key autoincrement,
      "org id" INT NOT NULL CONSTRAINT fk_org REFERENCES orgs (id) ON DELETE CASCADE,
      email character varying(255) NOT NULL UNIQUE, -- a plain comment, not ours
      nick VARCHAR(20) CONSTRAINT uq_nick UNIQUE /* comment: shown (to others), it's */,
      age int2 CHECK (age >= 0 AND age < 200) DEFAULT 18,
      status TEXT DEFAULT 'new' CONSTRAINT ck_status CHECK (status IN ('new', 'old')),
      created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
      "weird ""name""" decimal(10, 2),
      parent INTEGER REFERENCES [user accounts],
      CONSTRAINT uq_org_email UNIQUE ("org id", email),
      UNIQUE (nick, age),
      CHECK (length(email) > 3),
      CONSTRAINT "fk parent" FOREIGN KEY (parent, "org id") REFERENCES orgs (id, name)
        ON UPDATE SET NULL
    );
    CREATE UNIQUE INDEX ix_email_lower ON [user accounts] (lower(email));
    CREATE INDEX "ix partial" ON [user accounts] (status, "org id" DESC) WHERE status <> 'old';
    CREATE TABLE keyed (a TEXT, b TEXT, c BLOB, PRIMARY KEY (b, a)) WITHOUT ROWID;
  )sql");

  const auto live = db.schema();
  REQUIRE(live.tables.size() == 3);
  CHECK(live.tables[0].name == "keyed");
  CHECK(live.tables[1].name == "orgs");
  const Table& t = live.tables[2];
  CHECK(t.name == "user accounts");
  CHECK(t.comment == "people, \"quoted\"");

  // Declared types as written, in their case (SQLite keeps them so, and clients read them).
  Column id = pk("id", "integer", true);
  Column org = col("org id", "INT", false);
  Column email = col("email", "character varying(255)", false);
  Column nick = col("nick", "VARCHAR(20)");
  nick.comment = "shown (to others), it's";
  Column age = col("age", "int2");
  age.default_expr = "18";
  Column status = col("status", "TEXT");
  status.default_expr = "'new'";
  Column created = col("created", "timestamp with time zone");
  created.default_expr = "CURRENT_TIMESTAMP";
  Column weird = col("weird \"name\"", "decimal(10, 2)");
  Column parent = col("parent", "INTEGER");
  CHECK(t.columns ==
        std::vector<Column>{id, org, email, nick, age, status, created, weird, parent});

  CHECK(t.indexes ==
        read_with_columns(
            t, {{"ix partial", {"status", "org id DESC"}, false, "status <> 'old'", std::nullopt},
                {"ix_email_lower", {"lower(email)"}, true, std::nullopt, std::nullopt}}));
  CHECK(t.uniques == std::vector<schema::UniqueConstraint>{{"", {"email"}},
                                                           {"", {"nick", "age"}},
                                                           {"uq_nick", {"nick"}},
                                                           {"uq_org_email", {"org id", "email"}}});
  CHECK(t.checks ==
        std::vector<schema::CheckConstraint>{{"", "age >= 0 AND age < 200"},
                                             {"", "length(email) > 3"},
                                             {"ck_status", "status IN ('new', 'old')"}});
  CHECK(t.foreign_keys ==
        std::vector<schema::ForeignKey>{
            {"", {"parent"}, "user accounts", {"id"}, "", ""},
            {"fk parent", {"parent", "org id"}, "orgs", {"id", "name"}, "", "set null"},
            {"fk_org", {"org id"}, "orgs", {"id"}, "cascade", ""}});

  const Table& orgs = live.tables[1];
  CHECK(orgs.columns == std::vector<Column>{pk("id", "INTEGER", true), col("name", "TEXT", false)});
  CHECK(orgs.uniques == std::vector<schema::UniqueConstraint>{{"", {"name"}}});

  // A composite key in another order than the columns: both flagged, never nullable, in the
  // key's own order (issue 11: it came back in column order, (a, b)).
  const Table& keyed = live.tables[0];
  CHECK(keyed.primary_key() == std::vector<std::string>{"b", "a"});
  CHECK_FALSE(keyed.columns[0].nullable);
  CHECK(keyed.columns[2] == col("c", "BLOB"));
  CHECK(keyed.indexes.empty());
  CHECK(keyed.uniques.empty());
}

TEST_CASE("introspect leaves out internal, version, excluded and rebuild tables",
          "[sqlite][introspect]") {
  SqliteDb db;
  db.exec("CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);"
          "CREATE TABLE migratecpp_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
          "CREATE TABLE secret (x TEXT);"
          "CREATE TABLE _migratecpp_new_a (id INTEGER);"
          "CREATE TABLE \"Zeta\" (x TEXT);"
          "CREATE VIEW v AS SELECT * FROM a;");
  introspect::Options opts;
  opts.version_table = "migratecpp_version";
  opts.exclude_tables = {"SECRET"};
  const auto live = db.schema(opts);
  std::vector<std::string> names;
  for (const auto& t : live.tables) {
    names.push_back(t.name);
  }
  CHECK(names == std::vector<std::string>{"Zeta", "a"});
  CHECK(live.enums.empty());
  CHECK(db.schema().tables.size() == 4);
}

TEST_CASE("introspect through the dialect-neutral entry point", "[sqlite][introspect]") {
  SqliteDb db;
  db.exec("CREATE TABLE t (x TEXT)");
  const auto live = introspect::introspect(db.conn(), sqlite_dialect(), {});
  REQUIRE(live.tables.size() == 1);
  CHECK(live.tables[0].columns == std::vector<Column>{col("x", "TEXT")});
}

namespace {

std::size_t statements_for_introspection(std::size_t tables) {
  SqliteDb db;
  std::string sql;
  for (std::size_t i = 0; i < tables; ++i) {
    const std::string n = "t" + std::to_string(i);
    sql += "CREATE TABLE " + n + " (id INTEGER PRIMARY KEY, ref INTEGER REFERENCES t0 (id), " +
           "v TEXT UNIQUE CHECK (v <> ''));CREATE INDEX ix_" + n + " ON " + n + " (ref);";
  }
  db.exec("BEGIN;" + sql + "COMMIT;"); // one transaction: one sync, not a thousand
  const std::size_t before = db.conn().statements_sent();
  const auto live = db.schema();
  REQUIRE(live.tables.size() == tables);
  CHECK(live.tables[0].indexes.size() == 1);
  CHECK(live.tables[0].foreign_keys.size() == 1);
  return db.conn().statements_sent() - before;
}

} // namespace

TEST_CASE("introspection sends as many statements for 500 tables as for 10",
          "[sqlite][introspect]") {
  const std::size_t small = statements_for_introspection(10);
  const std::size_t large = statements_for_introspection(500);
  CHECK(small == large);
  // objects, columns, indexes, foreign keys, views, triggers, virtual tables
  CHECK(small <= 7);
}

TEST_CASE("a chain of 500 tables, each referencing the previous one", "[sqlite][introspect]") {
  SqliteDb db;
  schema::Database state;
  db.conn().begin();
  for (int i = 0; i < 500; ++i) {
    Table t;
    t.name = "t" + std::to_string(i);
    t.columns = {pk("id"), col("prev_id", "integer", i == 0), col("v", "text")};
    if (i > 0) {
      t.foreign_keys = {{"fk_" + t.name + "_prev",
                         {"prev_id"},
                         "t" + std::to_string(i - 1),
                         {"id"},
                         "cascade",
                         ""}};
      t.indexes = {{"ix_" + t.name + "_prev", {"prev_id"}, false, std::nullopt, std::nullopt}};
    }
    for (const auto& s : sqlite_dialect().render(schema::CreateTable{t}, state)) {
      dialects::run_statement(db.conn(), s);
    }
    state.tables.push_back(t);
    db.exec("INSERT INTO " + t.name + " (id, prev_id, v) VALUES (1, 1, 'row " + std::to_string(i) +
            "')");
  }
  db.conn().commit();
  std::sort(state.tables.begin(), state.tables.end(),
            [](const Table& a, const Table& b) { return a.name < b.name; });
  CHECK(db.schema() == state);

  // Rebuild a table in the middle of the chain; both neighbours' links still hold.
  schema::AlterColumn a;
  a.table = "t250";
  a.column = "v";
  a.nullable = false;
  db.run(a);
  auto app = db.app_connection();
  CHECK(app->query("PRAGMA foreign_key_check").rows.empty());
  CHECK_THROWS_AS(app->exec("INSERT INTO t251 (id, prev_id) VALUES (2, 99)"),
                  dialects::DatabaseError);
  app->exec("DELETE FROM t250 WHERE id = 1"); // cascades down the rest of the chain
  CHECK(app->query("SELECT count(*) FROM t499").rows[0][0] == "0");
  CHECK(app->query("SELECT count(*) FROM t249").rows[0][0] == "1");
}
