// Index entries that are SQL expressions ("lower(email)") on a real SQLite file: rendered as
// SQL rather than quoted as a column name, enforced, and read back by introspection exactly as
// the model writes them, also after a table rebuild.
#include "sqlite_helpers.h"

#include "migrate/diff.h"
#include "schema/apply.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using schema::Table;

namespace {

Table accounts_table() {
  Table t;
  t.name = "accounts";
  t.columns = {pk("id", "integer", true), col("org_id", "integer", false),
               col("email", "varchar(255)", false), col("name", "text")};
  t.indexes = {{"ix_accounts_org_lower_email",
                {"org_id", "lower(email)"},
                false,
                std::nullopt,
                std::nullopt},
               {"ux_accounts_lower_email", {"lower(email)"}, true, std::nullopt, std::nullopt}};
  return t;
}

std::vector<std::string> sql_of(const std::vector<dialects::Statement>& statements) {
  std::vector<std::string> out;
  for (const auto& s : statements) {
    out.push_back(s.sql);
  }
  return out;
}

// The unique index on lower(email) is there and enforced: other emails go in, a duplicate
// differing only in case does not.
void check_case_insensitive_unique(SqliteDb& db) {
  db.exec("DELETE FROM accounts");
  db.exec("INSERT INTO accounts (org_id, email) VALUES (1, 'ann@example.com')");
  db.exec("INSERT INTO accounts (org_id, email) VALUES (1, 'bob@example.com')");
  CHECK_THROWS_WITH(db.exec("INSERT INTO accounts (org_id, email) VALUES (2, 'ANN@Example.com')"),
                    Catch::Contains("SQLITE_CONSTRAINT_UNIQUE"));
  CHECK(db.rows("SELECT email FROM accounts ORDER BY id") ==
        std::vector<std::string>{"ann@example.com", "bob@example.com"});
}

// No difference between the live schema and `model`: what `check` reports.
void check_clean(SqliteDb& db, const Table& model) {
  schema::Database desired;
  desired.tables = {model};
  const auto result = migrate::diff(db.schema(), desired, {});
  for (const auto& op : result.upgrade) {
    INFO(migrate::describe(op));
  }
  CHECK(result.upgrade.empty());
}

} // namespace

TEST_CASE("expression index entries are rendered as SQL, column names quoted",
          "[sqlite][ops][expression-index]") {
  const Table t = accounts_table();
  schema::Database before;
  before.tables = {t};
  auto render_index = [&](std::vector<std::string> columns, bool unique = false) {
    const schema::Index idx{"ix", schema::parse_index_parts(columns), unique, std::nullopt,
                            std::nullopt};
    return sql_of(sqlite_dialect().render(schema::CreateIndex{"accounts", idx}, before)).at(0);
  };
  CHECK(render_index({"lower(email)"}, true) ==
        "CREATE UNIQUE INDEX \"ix\" ON \"accounts\" (lower(email))");
  CHECK(render_index({"org_id", "lower(email)"}) ==
        "CREATE INDEX \"ix\" ON \"accounts\" (\"org_id\", lower(email))");
  // An operator expression is parenthesized; one already in parentheses is not again.
  CHECK(render_index({"email || name"}) == "CREATE INDEX \"ix\" ON \"accounts\" ((email || name))");
  CHECK(render_index({"(org_id + 1)"}) == "CREATE INDEX \"ix\" ON \"accounts\" ((org_id + 1))");
  CHECK(render_index({"(a) + (b)"}) == "CREATE INDEX \"ix\" ON \"accounts\" (((a) + (b)))");
  // A trailing COLLATE / ASC / DESC stays outside the parentheses.
  CHECK(render_index({"email || name DESC"}) ==
        "CREATE INDEX \"ix\" ON \"accounts\" ((email || name) DESC)");
  CHECK(render_index({"lower(email) COLLATE NOCASE ASC"}) ==
        "CREATE INDEX \"ix\" ON \"accounts\" (lower(email) COLLATE NOCASE ASC)");
  CHECK(render_index({"email DESC"}) == "CREATE INDEX \"ix\" ON \"accounts\" (\"email\" DESC)");

  // Without the table's definition: a bare name is a column, anything else is SQL.
  const schema::Index idx{
      "ix", {"email", "lower(email)", "a+b"}, false, std::nullopt, std::nullopt};
  CHECK(sqlite_dialect().create_index_sql("accounts", idx) ==
        "CREATE INDEX \"ix\" ON \"accounts\" (\"email\", lower(email), (a+b))");

  // A column whose name is not a bare word is still a column when the table has it.
  Table odd;
  odd.name = "odd";
  odd.columns = {pk("id"), col("e-mail", "text")};
  schema::Database with_odd;
  with_odd.tables = {odd};
  const schema::Index odd_idx{"ix_odd", {"e-mail"}, false, std::nullopt, std::nullopt};
  CHECK(sql_of(sqlite_dialect().render(schema::CreateIndex{"odd", odd_idx}, with_odd)).at(0) ==
        "CREATE INDEX \"ix_odd\" ON \"odd\" (\"e-mail\")");
}

TEST_CASE("a unique index on lower(email) is enforced and introspects as the model wrote it",
          "[sqlite][ops][introspect][expression-index]") {
  SqliteDb db;
  const Table model = accounts_table();
  db.run(schema::CreateTable{model});

  check_case_insensitive_unique(db);
  const Table live = db.table("accounts");
  CHECK(live.indexes == model.indexes);
  CHECK(live == model);
  check_clean(db, model);

  SECTION("created by create_index on an existing table") {
    SqliteDb db2;
    Table plain = model;
    plain.indexes.clear();
    db2.run(schema::CreateTable{plain});
    for (const auto& idx : model.indexes) {
      db2.run(schema::CreateIndex{"accounts", idx});
    }
    CHECK(db2.table("accounts") == model);
    check_case_insensitive_unique(db2);
  }
}

TEST_CASE("introspection reads expression entries from the CREATE INDEX text",
          "[sqlite][introspect][expression-index]") {
  SqliteDb db;
  db.exec(R"sql(
    CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, "Mixed Case" TEXT);
    CREATE INDEX ix_paren ON t (((lower(a))));
    CREATE INDEX ix_concat ON t ((a || b) DESC, b);
    CREATE INDEX ix_collate ON t (b, lower(a) COLLATE NOCASE DESC);
    CREATE INDEX ix_spaced ON t ( substr( a , 1, 3 ) /* prefix */ , "Mixed Case" );
    CREATE INDEX ix_not_outer ON t ((a) + (b));
    CREATE INDEX ix_quoted ON t (lower("Mixed Case"), (a));
  )sql");
  const Table t = db.table("t");
  CHECK(t.indexes ==
        read_with_columns(
            t, {
                   {"ix_collate", {"b", "lower(a) DESC"}, false, std::nullopt, std::nullopt},
                   {"ix_concat", {"a || b DESC", "b"}, false, std::nullopt, std::nullopt},
                   {"ix_not_outer", {"(a) + (b)"}, false, std::nullopt, std::nullopt},
                   {"ix_paren", {"lower(a)"}, false, std::nullopt, std::nullopt},
                   {"ix_quoted", {"lower(\"Mixed Case\")", "a"}, false, std::nullopt, std::nullopt},
                   {"ix_spaced",
                    {"substr( a , 1, 3 )", "Mixed Case"},
                    false,
                    std::nullopt,
                    std::nullopt},
               }));

  // What introspection returns renders back to an index SQLite accepts, and reads back the same.
  SqliteDb copy;
  copy.run(schema::CreateTable{t});
  CHECK(copy.table("t") == t);
}

TEST_CASE("a table rebuild keeps expression indexes intact", "[sqlite][ops][expression-index]") {
  SqliteDb db;
  Table model = accounts_table();
  db.run(schema::CreateTable{model});
  db.exec("INSERT INTO accounts (org_id, email, name) VALUES (1, 'ann@example.com', 'Ann'), "
          "(1, 'bob@example.com', 'Bob')");

  SECTION("alter_column nullable on another column") {
    schema::AlterColumn a;
    a.table = "accounts";
    a.column = "name";
    a.nullable = false;
    const auto statements = sql_of(db.run(a));
    CHECK(std::find(statements.begin(), statements.end(),
                    "CREATE UNIQUE INDEX \"ux_accounts_lower_email\" ON \"accounts\" "
                    "(lower(email))") != statements.end());
    model.columns[3].nullable = false;
    CHECK(db.table("accounts") == model);
    check_clean(db, model);
    CHECK(db.rows("SELECT email, name FROM accounts ORDER BY id") ==
          std::vector<std::string>{"ann@example.com|Ann", "bob@example.com|Bob"});
    db.exec("UPDATE accounts SET name = 'x'");
    CHECK_THROWS_WITH(
        db.exec("INSERT INTO accounts (org_id, email, name) VALUES (2, 'BOB@example.com', 'B')"),
        Catch::Contains("SQLITE_CONSTRAINT_UNIQUE"));
  }
  SECTION("drop_column of a column no index uses keeps them; of one an expression uses drops it") {
    db.run(schema::AddColumn{"accounts", col("note", "text")});
    db.run(schema::CreateIndex{
        "accounts", {"ix_accounts_note", {"upper(note)"}, false, std::nullopt, std::nullopt}});
    db.run(schema::DropColumn{"accounts", "name", std::nullopt});
    Table live = db.table("accounts");
    CHECK(live.indexes.size() == 3);
    db.run(schema::DropColumn{"accounts", "note", std::nullopt}); // rebuild: the index goes
    live = db.table("accounts");
    CHECK(live.indexes == model.indexes);
    check_case_insensitive_unique(db);
  }
  SECTION("rename and retype the indexed column: the expression follows the rename") {
    schema::Database state = db.schema();
    schema::AlterColumn a;
    a.table = "accounts";
    a.column = "email";
    a.new_name = "mail";
    a.type = "text";
    db.run(a, state);
    schema::apply(state, a);
    const Table live = db.table("accounts");
    REQUIRE(live.indexes.size() == 2);
    CHECK(schema::index_part_texts(live.indexes[0].parts).at(1) == "lower(\"mail\")");
    CHECK(schema::index_part_texts(live.indexes[1].parts) ==
          std::vector<std::string>{"lower(\"mail\")"});
    CHECK(migrate::diff(db.schema(), state, {}).upgrade.empty());
    CHECK_THROWS_WITH(db.exec("INSERT INTO accounts (org_id, mail) VALUES (3, 'Ann@Example.com')"),
                      Catch::Contains("SQLITE_CONSTRAINT_UNIQUE"));
  }
}
