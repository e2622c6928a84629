// Every op on a real SQLite file: render against the schema as it stands, run, then check the
// rows survived and introspection shows the expected schema.
#include "sqlite_helpers.h"

#include "schema/apply.h"
#include "util/error.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using schema::Column;
using schema::Table;

namespace {

Table users_table() {
  Table t;
  t.name = "users";
  t.comment = "registered users";
  t.columns = {pk("id", "bigint", true), col("email", "varchar(255)", false), col("name", "text"),
               col("age", "integer")};
  t.columns[1].comment = "the login";
  t.columns[3].default_expr = "0";
  t.indexes = {{"ix_users_email", {"email"}, true, std::nullopt, std::nullopt},
               {"ix_users_name", {"name"}, false, std::nullopt, std::nullopt}};
  t.checks = {{"ck_users_age", "age >= 0"}};
  return t;
}

Table orders_table() {
  Table t;
  t.name = "orders";
  t.columns = {pk("id"), col("user_id", "integer", false), col("total", "numeric(12,2)")};
  t.foreign_keys = {{"fk_orders_user", {"user_id"}, "users", {"id"}, "cascade", ""}};
  t.indexes = {{"ix_orders_user", {"user_id"}, false, std::nullopt, std::nullopt}};
  return t;
}

// users with three rows, orders with two rows pointing at them.
void setup(SqliteDb& db) {
  db.run(schema::CreateTable{users_table()});
  db.run(schema::CreateTable{orders_table()});
  db.exec("INSERT INTO users (id, email, name, age) VALUES "
          "(1, 'a@x', 'Ann', 30), (2, 'b@x', NULL, 40), (3, 'c@x', 'Cy''s', 50)");
  db.exec("INSERT INTO orders (id, user_id, total) VALUES (10, 1, 9.5), (11, 3, 100.25)");
}

const std::vector<std::string> k_users_rows = {"1|a@x|Ann|30", "2|b@x|NULL|40", "3|c@x|Cy's|50"};
const std::vector<std::string> k_orders_rows = {"10|1|9.5", "11|3|100.25"};

std::vector<std::string> sql_of(const std::vector<dialects::Statement>& statements) {
  std::vector<std::string> out;
  for (const auto& s : statements) {
    out.push_back(s.sql);
  }
  return out;
}

// Foreign keys into and out of the rebuilt users table still hold, for an application that
// turns enforcement on. Leaves the data as it was.
void check_foreign_keys_work(SqliteDb& db, const std::string& user_key = "id") {
  auto app = db.app_connection();
  CHECK(app->query("PRAGMA foreign_key_check").rows.empty());
  CHECK_THROWS_AS(app->exec("INSERT INTO orders (id, user_id) VALUES (99, 42)"),
                  dialects::DatabaseError);
  app->begin();
  app->exec("DELETE FROM users WHERE " + user_key + " = 1"); // cascades
  CHECK(app->query("SELECT id FROM orders ORDER BY id").rows.size() == 1);
  app->rollback();
}

} // namespace

TEST_CASE("create_table round-trips through introspection", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);
  const auto live = db.schema();
  REQUIRE(live.tables.size() == 2);
  CHECK(live.tables[0] == orders_table());
  CHECK(live.tables[1] == users_table());
  // The rendered text: autoincrement key as SQLite requires it, comments in the fixed form.
  const auto sql = db.rows("SELECT sql FROM sqlite_master WHERE name = 'users'");
  CHECK(sql[0] == "CREATE TABLE \"users\" /* comment: registered users */ (\n"
                  "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL /* type: bigint */,\n"
                  "  \"email\" varchar(255) NOT NULL /* comment: the login */,\n"
                  "  \"name\" text,\n"
                  "  \"age\" integer DEFAULT 0,\n"
                  "  CONSTRAINT \"ck_users_age\" CHECK (age >= 0)\n"
                  ")");
}

TEST_CASE("create_table: composite key, every portable type, defaults, unnamed constraints",
          "[sqlite][ops]") {
  SqliteDb db;
  Table t;
  t.name = "all types";
  for (const char* type : {"smallint", "integer", "bigint", "boolean", "real", "double",
                           "numeric(12,2)", "varchar(20)", "char(2)", "text", "date", "time",
                           "timestamp", "timestamptz", "json", "uuid", "blob"}) {
    t.columns.push_back(col(std::string("c_") + type, type));
  }
  t.columns[0].primary_key = true;
  t.columns[0].nullable = false;
  t.columns[1].primary_key = true;
  t.columns[1].nullable = false;
  t.columns[9].default_expr = "'it''s'";
  t.columns[10].default_expr = "CURRENT_DATE";
  t.columns[4].default_expr = "-1.5";
  t.columns[2].default_expr = "abs(-3)"; // not a literal: SQLite needs it in parentheses
  t.uniques = {{"", {"c_text"}}, {"uq_named", {"c_uuid", "c_date"}}};
  t.checks = {{"", "c_real < 10"}};
  t.foreign_keys = {{"", {"c_bigint"}, "all types", {"c_integer"}, "set null", "restrict"}};
  db.run(schema::CreateTable{t});
  CHECK(db.schema().tables.at(0) == t);
}

// SQLite stores the declared type: DATETIME stays DATETIME, distinct from timestamp, each
// in its case.
TEST_CASE("create_table: datetime and timestamp stay distinct", "[sqlite][ops]") {
  SqliteDb db;
  Table t;
  t.name = "ev";
  t.columns = {pk("id"), col("at", "DATETIME"), col("ts", "timestamp")};
  db.run(schema::CreateTable{t});
  const auto sql = db.rows("SELECT sql FROM sqlite_master WHERE name = 'ev'");
  CHECK(sql[0].find("\"at\" DATETIME,") != std::string::npos);
  CHECK(sql[0].find("\"ts\" timestamp\n") != std::string::npos);
  const auto live = db.schema().tables.at(0);
  CHECK(live.columns.at(1).type.declared() == "DATETIME");
  CHECK(live.columns.at(2).type.declared() == "timestamp");
}

TEST_CASE("drop_table", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);
  db.run(schema::DropTable{"orders", std::nullopt});
  const auto live = db.schema();
  REQUIRE(live.tables.size() == 1);
  CHECK(live.tables[0].name == "users");
  CHECK(db.rows("SELECT name FROM sqlite_master WHERE name = 'ix_orders_user'").empty());
}

TEST_CASE("rename_table keeps rows and the foreign keys pointing at it", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);
  const auto statements = db.run(schema::RenameTable{"users", "accounts"});
  CHECK(sql_of(statements) ==
        std::vector<std::string>{"ALTER TABLE \"users\" RENAME TO \"accounts\""});
  CHECK(db.rows("SELECT id, email, name, age FROM accounts ORDER BY id") == k_users_rows);
  const auto live = db.schema();
  CHECK(live.find_table("users") == nullptr);
  Table expected = users_table();
  expected.name = "accounts";
  CHECK(*live.find_table("accounts") == expected);
  CHECK(live.find_table("orders")->foreign_keys.at(0).ref_table == "accounts");
}

TEST_CASE("add_column", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);

  SECTION("nullable column: plain ALTER TABLE") {
    Column c = col("nickname", "varchar(50)");
    c.comment = "shown to others";
    const auto statements = db.run(schema::AddColumn{"users", c});
    REQUIRE(statements.size() == 1);
    CHECK(statements[0].sql == "ALTER TABLE \"users\" ADD COLUMN \"nickname\" varchar(50) /* "
                               "comment: shown to others */");
    Table expected = users_table();
    expected.columns.push_back(c);
    CHECK(db.table("users") == expected);
  }
  SECTION("NOT NULL with a literal default: plain ALTER TABLE") {
    Column c = col("status", "text", false);
    c.default_expr = "'active'";
    CHECK(db.run(schema::AddColumn{"users", c}).size() == 1);
    CHECK(db.rows("SELECT status FROM users") ==
          std::vector<std::string>{"active", "active", "active"});
    CHECK(*db.table("users").find_column("status") == c);
  }
  SECTION("NOT NULL with a non-constant default: rebuild") {
    Column c = col("created_at", "timestamp", false);
    c.default_expr = "CURRENT_TIMESTAMP";
    CHECK(db.run(schema::AddColumn{"users", c}).size() > 1);
    CHECK(db.rows("SELECT count(*) FROM users WHERE created_at IS NOT NULL") ==
          std::vector<std::string>{"3"});
    Table expected = users_table();
    expected.columns.push_back(c);
    CHECK(db.table("users") == expected);
    check_foreign_keys_work(db);
  }
  SECTION("NOT NULL without default on a table with rows fails and changes nothing") {
    const auto before = db.schema();
    CHECK_THROWS_AS(db.run(schema::AddColumn{"users", col("x", "integer", false)}),
                    dialects::DatabaseError);
    CHECK(db.schema() == before);
  }
  CHECK(db.rows("SELECT id, email, name, age FROM users ORDER BY id") == k_users_rows);
  CHECK(db.rows("SELECT * FROM orders ORDER BY id") == k_orders_rows);
}

TEST_CASE("drop_column", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);

  SECTION("a plain column: ALTER TABLE DROP COLUMN") {
    db.exec("ALTER TABLE users ADD COLUMN extra TEXT /* comment: gone soon */");
    const auto statements = db.run(schema::DropColumn{"users", "extra", std::nullopt});
    CHECK(sql_of(statements) ==
          std::vector<std::string>{"ALTER TABLE \"users\" DROP COLUMN \"extra\""});
    CHECK(db.table("users") == users_table());
  }
  SECTION("an indexed column: rebuild, its index goes, the others stay") {
    const auto statements = db.run(schema::DropColumn{"users", "name", std::nullopt});
    CHECK(statements.size() > 1);
    Table expected = users_table();
    expected.columns.erase(expected.columns.begin() + 2);
    expected.indexes.pop_back();
    CHECK(db.table("users") == expected);
    CHECK(db.rows("SELECT id, email, age FROM users ORDER BY id") ==
          std::vector<std::string>{"1|a@x|30", "2|b@x|40", "3|c@x|50"});
    check_foreign_keys_work(db);
  }
  SECTION("a column in a check: rebuild, the check goes") {
    db.run(schema::DropColumn{"users", "age", std::nullopt});
    Table expected = users_table();
    expected.columns.pop_back();
    expected.checks.clear();
    CHECK(db.table("users") == expected);
  }
  SECTION("a foreign-key column: rebuild, the foreign key goes") {
    db.run(schema::DropColumn{"orders", "user_id", std::nullopt});
    Table expected = orders_table();
    expected.columns.erase(expected.columns.begin() + 1);
    expected.foreign_keys.clear();
    expected.indexes.clear();
    CHECK(db.table("orders") == expected);
    CHECK(db.rows("SELECT * FROM orders ORDER BY id") ==
          std::vector<std::string>{"10|9.5", "11|100.25"});
  }
  SECTION("an unknown column is an error naming it") {
    CHECK_THROWS_WITH(db.run(schema::DropColumn{"users", "nmae", std::nullopt}),
                      "column 'nmae' does not exist in table 'users' (did you mean 'name'?)");
  }
}

TEST_CASE("alter_column", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);
  Table expected = users_table();
  auto alter = [](std::string column) {
    schema::AlterColumn a;
    a.table = "users";
    a.column = std::move(column);
    return a;
  };

  SECTION("nullable=false makes the column NOT NULL") {
    db.exec("UPDATE users SET name = 'Bo' WHERE id = 2");
    auto a = alter("name");
    a.nullable = false;
    db.run(a);
    expected.columns[2].nullable = false;
    CHECK(db.table("users") == expected);
    CHECK(db.rows("SELECT name FROM users ORDER BY id") ==
          std::vector<std::string>{"Ann", "Bo", "Cy's"});
    CHECK_THROWS_AS(db.exec("INSERT INTO users (email) VALUES ('d@x')"), dialects::DatabaseError);
    check_foreign_keys_work(db);
  }
  SECTION("nullable=false over NULL rows fails and leaves everything as it was") {
    auto a = alter("name");
    a.nullable = false;
    const auto before = db.schema();
    CHECK_THROWS_WITH(db.run(a), Catch::Contains("NOT NULL constraint failed") &&
                                     Catch::Contains("SQLITE_CONSTRAINT_NOTNULL"));
    CHECK(db.schema() == before);
    CHECK(db.rows("SELECT id, email, name, age FROM users ORDER BY id") == k_users_rows);
  }
  SECTION("type, default and comment") {
    auto a = alter("email");
    a.type = "varchar(100)";
    a.comment = "";
    db.run(a);
    auto b = alter("age");
    b.default_expr = "18";
    b.comment = "years */ not a comment end";
    db.run(b);
    expected.columns[1].type = schema::ColumnType("varchar(100)");
    expected.columns[1].comment.reset();
    expected.columns[3].default_expr = "18";
    expected.columns[3].comment = "years */ not a comment end";
    CHECK(db.table("users") == expected);
    db.exec("INSERT INTO users (email) VALUES ('d@x')");
    CHECK(db.rows("SELECT age FROM users WHERE email = 'd@x'") == std::vector<std::string>{"18"});
    check_foreign_keys_work(db);
  }
  SECTION("rename only: ALTER TABLE RENAME COLUMN, indexes and checks follow") {
    auto a = alter("age");
    a.new_name = "years";
    const auto statements = db.run(a);
    CHECK(sql_of(statements) ==
          std::vector<std::string>{"ALTER TABLE \"users\" RENAME COLUMN \"age\" TO \"years\""});
    const Table live = db.table("users");
    CHECK(live.columns[3].name == "years");
    CHECK(live.checks.at(0).expression == "\"years\" >= 0");
  }
  SECTION("rename and retype: the foreign keys of other tables follow") {
    auto a = alter("id");
    a.new_name = "user_id";
    a.type = "integer";
    db.run(a);
    const auto live = db.schema();
    CHECK(live.find_table("users")->columns[0] == pk("user_id", "integer", true));
    CHECK(live.find_table("orders")->foreign_keys.at(0).ref_columns ==
          std::vector<std::string>{"user_id"});
    CHECK(db.rows("SELECT user_id, email, name, age FROM users ORDER BY user_id") == k_users_rows);
    check_foreign_keys_work(db, "user_id");
  }
  SECTION("nothing changes: no statements") {
    auto a = alter("email");
    a.type = "character varying(255)";
    CHECK(db.run(a).empty());
  }
  CHECK(db.rows("SELECT * FROM orders ORDER BY id") == k_orders_rows);
}

TEST_CASE("a rebuild keeps the exact statement sequence", "[sqlite][ops]") {
  Table t;
  t.name = "t";
  t.columns = {pk("id"), col("a", "text")};
  t.indexes = {{"ix_t_a", {"a"}, false, std::nullopt, std::nullopt}};
  schema::Database before;
  before.tables = {t};
  schema::AlterColumn a;
  a.table = "t";
  a.column = "a";
  a.nullable = false;
  CHECK(sql_of(sqlite_dialect().render(a, before)) ==
        std::vector<std::string>{
            "CREATE TABLE \"_migratecpp_new_t\" (\n  \"id\" integer PRIMARY KEY NOT NULL,\n  "
            "\"a\" text NOT NULL\n)",
            "INSERT INTO \"_migratecpp_new_t\" (\"id\", \"a\") SELECT \"id\", \"a\" FROM \"t\"",
            "DROP TABLE \"t\"",
            "PRAGMA legacy_alter_table = ON",
            "ALTER TABLE \"_migratecpp_new_t\" RENAME TO \"t\"",
            "PRAGMA legacy_alter_table = OFF",
            "CREATE INDEX \"ix_t_a\" ON \"t\" (\"a\")",
        });
}

TEST_CASE("ops that need the table's definition name a missing table", "[sqlite][ops]") {
  schema::Database before;
  before.tables.push_back(users_table());
  schema::AlterColumn a;
  a.table = "user";
  a.column = "email";
  a.nullable = true;
  CHECK_THROWS_WITH(sqlite_dialect().render(a, before),
                    "table 'user' does not exist (did you mean 'users'?)");
  CHECK_THROWS_WITH(sqlite_dialect().render(schema::CreateCheck{"nope", {"ck", "1"}}, before),
                    "table 'nope' does not exist");
  // Ops SQLite does with plain ALTER TABLE do not need it (offline --sql of partial history).
  CHECK(sqlite_dialect().render(schema::RenameTable{"nope", "other"}, before).size() == 1);
  CHECK(sqlite_dialect().render(schema::AddColumn{"nope", col("x", "text")}, before).size() == 1);
  a.table = "nope";
  a.nullable.reset();
  a.new_name = "mail";
  CHECK(sql_of(sqlite_dialect().render(a, before)) ==
        std::vector<std::string>{"ALTER TABLE \"nope\" RENAME COLUMN \"email\" TO \"mail\""});
}

TEST_CASE("create_index and drop_index", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);
  schema::Index partial{"ix_users_adult", {"name", "age"}, false, "age >= 18", std::nullopt};
  schema::Index expression{
      "ix_users_lower_email", {"lower(email)"}, true, std::nullopt, std::nullopt};
  db.run(schema::CreateIndex{"users", partial});
  db.run(schema::CreateIndex{"users", expression});
  Table expected = users_table();
  expected.indexes = {partial, expected.indexes[0], expression, expected.indexes[1]};
  CHECK(db.table("users") == expected);
  CHECK_THROWS_AS(db.exec("INSERT INTO users (email) VALUES ('A@X')"), dialects::DatabaseError);

  db.run(schema::DropIndex{"users", "ix_users_adult", std::nullopt});
  expected.indexes.erase(expected.indexes.begin());
  CHECK(db.table("users") == expected);
  CHECK(db.rows("SELECT id, email, name, age FROM users ORDER BY id") == k_users_rows);
}

TEST_CASE("create_unique, create_foreign_key, create_check and drop_constraint", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);
  Table expected_orders = orders_table();

  SECTION("unique") {
    db.run(schema::CreateUnique{"orders", {"uq_orders_user_total", {"user_id", "total"}}});
    expected_orders.uniques = {{"uq_orders_user_total", {"user_id", "total"}}};
    CHECK(db.table("orders") == expected_orders);
    CHECK_THROWS_WITH(db.exec("INSERT INTO orders (user_id, total) VALUES (1, 9.5)"),
                      Catch::Contains("SQLITE_CONSTRAINT_UNIQUE"));
    schema::DropConstraint d;
    d.table = "orders";
    d.name = "uq_orders_user_total";
    db.run(d);
    CHECK(db.table("orders") == orders_table());
  }
  SECTION("check") {
    db.run(schema::CreateCheck{"orders", {"ck_orders_total", "total > 0"}});
    expected_orders.checks = {{"ck_orders_total", "total > 0"}};
    CHECK(db.table("orders") == expected_orders);
    CHECK_THROWS_WITH(db.exec("INSERT INTO orders (user_id, total) VALUES (1, -1)"),
                      Catch::Contains("ck_orders_total"));
    schema::DropConstraint d;
    d.table = "orders";
    d.name = "ck_orders_total";
    d.check = schema::CheckConstraint{"ck_orders_total", "total > 0"};
    db.run(d);
    CHECK(db.table("orders") == orders_table());
  }
  SECTION("foreign key") {
    db.run(schema::AddColumn{"users", col("referrer_id", "integer")});
    schema::ForeignKey fk{"fk_users_referrer", {"referrer_id"}, "users", {"id"}, "set null", ""};
    db.run(schema::CreateForeignKey{"users", fk});
    Table expected = users_table();
    expected.columns.push_back(col("referrer_id", "integer"));
    expected.foreign_keys = {fk};
    CHECK(db.table("users") == expected);
    check_foreign_keys_work(db);

    schema::DropConstraint d;
    d.table = "users";
    d.name = "fk_users_referrer";
    db.run(d);
    expected.foreign_keys.clear();
    CHECK(db.table("users") == expected);
  }
  SECTION("the foreign key of orders is dropped and re-created") {
    schema::DropConstraint d;
    d.table = "orders";
    d.name = "fk_orders_user";
    db.run(d);
    expected_orders.foreign_keys.clear();
    CHECK(db.table("orders") == expected_orders);
    db.run(schema::CreateForeignKey{"orders", orders_table().foreign_keys[0]});
    CHECK(db.table("orders") == orders_table());
    check_foreign_keys_work(db);
  }
  SECTION("an unknown constraint is an error naming it") {
    schema::DropConstraint d;
    d.table = "orders";
    d.name = "fk_orders_usr";
    CHECK_THROWS_WITH(db.run(d), "constraint 'fk_orders_usr' does not exist on table 'orders' "
                                 "(did you mean 'fk_orders_user'?)");
  }
  SECTION("a name already taken is an error") {
    CHECK_THROWS_WITH(db.run(schema::CreateCheck{"orders", {"fk_orders_user", "1"}}),
                      "constraint 'fk_orders_user' already exists on table 'orders'");
  }
  CHECK(db.rows("SELECT id, email, name, age FROM users ORDER BY id") == k_users_rows);
}

TEST_CASE("set_table_comment", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);
  db.run(schema::SetTableComment{"users", "people\nwho /* sign */ up \\ here", std::nullopt});
  CHECK(db.table("users").comment == "people\nwho /* sign */ up \\ here");
  CHECK(db.rows("SELECT id, email, name, age FROM users ORDER BY id") == k_users_rows);
  check_foreign_keys_work(db);
  db.run(schema::SetTableComment{"users", "", std::nullopt});
  CHECK_FALSE(db.table("users").comment.has_value());
  // Unchanged: nothing to do.
  CHECK(db.run(schema::SetTableComment{"users", "", std::nullopt}).empty());
}

TEST_CASE("execute picks the sqlite entry, else the generic one", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);
  db.run(schema::Execute{
      {{"", "UPDATE users SET age = 1"}, {"sqlite", "UPDATE users SET age = 2;"}}, {}});
  CHECK(db.rows("SELECT DISTINCT age FROM users") == std::vector<std::string>{"2"});
  db.run(schema::Execute{{{"", "UPDATE users SET age = 3; UPDATE users SET name = 'z';"}}, {}});
  CHECK(db.rows("SELECT DISTINCT age, name FROM users") == std::vector<std::string>{"3|z"});
  CHECK(db.run(schema::Execute{{{"postgresql", "SELECT pg_sleep(1)"}}, {}}).empty());
}

TEST_CASE("bulk_insert: many rows, every value kind, chunks of 500", "[sqlite][ops]") {
  SqliteDb db;
  Table t;
  t.name = "data";
  t.columns = {pk("id"), col("s", "text"), col("d", "double"), col("b", "boolean")};
  db.run(schema::CreateTable{t});
  schema::BulkInsert bi;
  bi.table = "data";
  for (std::int64_t i = 1; i <= 1200; ++i) {
    bi.rows.push_back({{"id", i},
                       {"s", std::string("it's #") + std::to_string(i)},
                       {"d", 0.1 * static_cast<double>(i)},
                       {"b", i % 2 == 0}});
  }
  bi.rows.push_back({{"id", std::int64_t{5000}}, {"s", schema::Null{}}});
  const auto statements = db.run(bi);
  CHECK(statements.size() == 4); // 500 + 500 + 200 with the same keys, then one with others
  CHECK(db.rows("SELECT count(*) FROM data") == std::vector<std::string>{"1201"});
  CHECK(db.rows("SELECT s, d, b FROM data WHERE id IN (3, 1200, 5000) ORDER BY id") ==
        std::vector<std::string>{"it's #3|0.3|0", "it's #1200|120.0|1", "NULL|NULL|NULL"});
  // Doubles are written with round-trip precision: each equals SQLite's own id * 0.1.
  CHECK(db.rows("SELECT count(*) FROM data WHERE d = id * 0.1") ==
        std::vector<std::string>{"1200"});
  CHECK(db.schema().tables.at(0) == t);
}

TEST_CASE("enum ops render nothing; enum columns are TEXT", "[sqlite][ops]") {
  SqliteDb db;
  schema::Database before;
  before.enums.push_back({"mood", {"happy", "sad"}});
  CHECK(sqlite_dialect().render(schema::CreateEnum{{"mood", {"happy", "sad"}}}, {}).empty());
  CHECK(sqlite_dialect().render(schema::DropEnum{"mood", std::nullopt}, before).empty());
  CHECK(sqlite_dialect().render(schema::AddEnumValue{"mood", "ok", std::nullopt}, before).empty());
  Table t;
  t.name = "people";
  t.columns = {pk("id"), col("mood", "mood")};
  db.run(schema::CreateTable{t}, before);
  CHECK(db.rows("SELECT type FROM pragma_table_info('people') WHERE name = 'mood'") ==
        std::vector<std::string>{"TEXT"});
  CHECK(db.table("people") == t); // the declared enum name is kept in the type comment
}

TEST_CASE("a rebuild keeps the autoincrement counter, views and data types", "[sqlite][ops]") {
  SqliteDb db;
  setup(db);
  db.exec("CREATE VIEW adults AS SELECT email FROM users WHERE age >= 18");
  db.exec("INSERT INTO users (email) VALUES ('d@x')"); // id 4
  db.exec("DELETE FROM users WHERE id = 4");
  schema::AlterColumn a;
  a.table = "users";
  a.column = "name";
  a.comment = "display name";
  db.run(a);
  db.exec("INSERT INTO users (email) VALUES ('e@x')");
  CHECK(db.rows("SELECT id FROM users WHERE email = 'e@x'") == std::vector<std::string>{"5"});
  CHECK(db.rows("SELECT count(*) FROM adults") == std::vector<std::string>{"3"});
  CHECK(db.rows("SELECT typeof(total) FROM orders") == std::vector<std::string>{"real", "real"});
}

TEST_CASE("a rebuild of a self-referencing table keeps its foreign key", "[sqlite][ops]") {
  SqliteDb db;
  Table t;
  t.name = "nodes";
  t.columns = {pk("id"), col("parent_id", "integer"), col("label", "text")};
  t.foreign_keys = {{"fk_nodes_parent", {"parent_id"}, "nodes", {"id"}, "cascade", ""}};
  db.run(schema::CreateTable{t});
  db.exec("INSERT INTO nodes VALUES (1, NULL, 'root'), (2, 1, 'child'), (3, 2, 'leaf')");
  schema::AlterColumn a;
  a.table = "nodes";
  a.column = "label";
  a.nullable = false;
  db.run(a);
  t.columns[2].nullable = false;
  CHECK(db.table("nodes") == t);
  auto app = db.app_connection();
  app->exec("DELETE FROM nodes WHERE id = 1");
  CHECK(app->query("SELECT count(*) FROM nodes").rows[0][0] == "0");
}

namespace {

// The model as introspection orders it: tables, indexes and constraints by name.
schema::Database sorted(schema::Database db) {
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::sort(db.tables.begin(), db.tables.end(), by_name);
  for (auto& t : db.tables) {
    std::sort(t.indexes.begin(), t.indexes.end(), by_name);
    std::sort(t.uniques.begin(), t.uniques.end(), by_name);
    std::sort(t.foreign_keys.begin(), t.foreign_keys.end(), by_name);
    std::sort(t.checks.begin(), t.checks.end(), by_name);
  }
  return db;
}

} // namespace

TEST_CASE("after every op the live schema is what schema::apply computes", "[sqlite][ops]") {
  SqliteDb db;
  schema::Database state;
  auto step = [&](const schema::Op& op) {
    INFO(schema::op_name(op));
    db.run(op, state);
    schema::apply(state, op);
    CHECK(db.schema() == sorted(state));
  };
  step(schema::CreateTable{users_table()});
  step(schema::CreateTable{orders_table()});
  db.exec("INSERT INTO users (id, email, name, age) VALUES "
          "(1, 'a@x', 'Ann', 30), (2, 'b@x', NULL, 40), (3, 'c@x', 'Cy''s', 50)");
  db.exec("INSERT INTO orders (id, user_id, total) VALUES (10, 1, 9.5), (11, 3, 100.25)");
  Column status = col("status", "text", false);
  status.default_expr = "'new'";
  step(schema::AddColumn{"users", status});
  step(schema::AddColumn{"orders", col("note", "varchar(40)")});
  step(schema::CreateIndex{"users", {"ix_users_status", {"status"}, false, "status <> 'old'", {}}});
  step(schema::CreateUnique{"orders", {"uq_orders_note", {"note"}}});
  step(schema::CreateCheck{"orders", {"ck_orders_total", "total >= 0"}});
  schema::AlterColumn a;
  a.table = "users";
  a.column = "name";
  a.type = "varchar(80)";
  a.default_expr = "'anon'";
  a.comment = "display name";
  step(a);
  step(schema::SetTableComment{"orders", "what users bought", std::nullopt});
  step(schema::DropIndex{"users", "ix_users_status", std::nullopt});
  schema::DropConstraint d;
  d.table = "orders";
  d.name = "uq_orders_note";
  step(d);
  step(schema::DropColumn{"orders", "note", std::nullopt});
  step(schema::DropColumn{"users", "name", std::nullopt}); // indexed: rebuild
  step(schema::RenameTable{"orders", "purchases"});
  step(schema::BulkInsert{"users", {{{"email", std::string("d@x")}}}});
  step(schema::DropTable{"purchases", std::nullopt});
  CHECK(db.rows("SELECT id, email, age, status FROM users ORDER BY id") ==
        std::vector<std::string>{"1|a@x|30|new", "2|b@x|40|new", "3|c@x|50|new", "4|d@x|0|new"});
}

TEST_CASE("drop_constraint of an unnamed constraint goes by its definition", "[sqlite][ops]") {
  SqliteDb db;
  db.exec("CREATE TABLE t (a INTEGER CHECK (a > 0), b TEXT UNIQUE, CHECK (b <> ''))");
  db.exec("INSERT INTO t VALUES (1, 'x')");
  schema::DropConstraint d;
  d.table = "t";
  d.check = schema::CheckConstraint{"", "a > 0"};
  db.run(d);
  Table t = db.table("t");
  CHECK(t.checks == std::vector<schema::CheckConstraint>{{"", "b <> ''"}});
  CHECK(t.uniques == std::vector<schema::UniqueConstraint>{{"", {"b"}}});
  d.check.reset();
  d.unique = schema::UniqueConstraint{"", {"b"}};
  db.run(d);
  CHECK(db.table("t").uniques.empty());
  db.exec("INSERT INTO t VALUES (-1, 'x')");
  CHECK(db.rows("SELECT count(*) FROM t") == std::vector<std::string>{"2"});
}
