// A table rebuild carries over what the schema model does not describe (triggers, COLLATE,
// generated columns, STRICT, WITHOUT ROWID) and what it does (named keys, deferrable foreign
// keys), refuses what it cannot (ON CONFLICT, a DEFERRABLE the model does not know of) before
// changing anything, and never leaves a foreign key pointing nowhere.
#include "sqlite_helpers.h"

#include "util/error.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;

namespace {

std::string table_sql(SqliteDb& db, const std::string& name) {
  const auto r =
      db.rows("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'");
  return r.empty() ? "" : r[0];
}

schema::AlterColumn make_not_null(const std::string& table, const std::string& column) {
  schema::AlterColumn op;
  op.table = table;
  op.column = column;
  op.nullable = false;
  op.default_expr = "''";
  return op;
}

} // namespace

TEST_CASE("a rebuild keeps the table's triggers", "[sqlite][rebuild]") {
  SqliteDb db;
  db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT)");
  db.exec("CREATE TABLE audit (what TEXT)");
  db.exec("CREATE TRIGGER trg_users_ins AFTER INSERT ON users BEGIN "
          "INSERT INTO audit (what) VALUES ('ins ' || NEW.email); END");
  db.exec("CREATE TRIGGER trg_users_upd AFTER UPDATE OF email ON users BEGIN "
          "INSERT INTO audit (what) VALUES ('upd ' || NEW.email); END");
  db.exec("INSERT INTO users (id, email, name) VALUES (1, 'a@x', 'Ann')");

  SECTION("alter_column") {
    db.run(make_not_null("users", "name"));
  }
  SECTION("alter_column that also renames the column the trigger reads") {
    auto op = make_not_null("users", "email");
    op.new_name = "mail";
    db.run(op);
    db.exec("UPDATE users SET mail = 'b@x'");
    CHECK(db.rows("SELECT what FROM audit ORDER BY rowid").back() == "upd b@x");
    db.exec("UPDATE users SET mail = 'a@x'");
    db.exec("ALTER TABLE users RENAME COLUMN mail TO email");
  }
  SECTION("create_check") {
    db.run(schema::CreateCheck{"users", {"ck_users_id", "id > 0"}});
  }
  CHECK(db.rows("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name") ==
        std::vector<std::string>{"trg_users_ins", "trg_users_upd"});
  db.exec("INSERT INTO users (id, email, name) VALUES (2, 'c@x', 'Cy')");
  CHECK(db.rows("SELECT what FROM audit ORDER BY rowid").back() == "ins c@x");
}

TEST_CASE("a rebuild keeps COLLATE, generated columns, STRICT and WITHOUT ROWID",
          "[sqlite][rebuild]") {
  SqliteDb db;
  db.exec("CREATE TABLE items (code TEXT NOT NULL COLLATE NOCASE PRIMARY KEY, qty INTEGER, "
          "price INTEGER, total INTEGER GENERATED ALWAYS AS (qty * price) STORED, "
          "label TEXT AS (upper(code)) VIRTUAL) STRICT, WITHOUT ROWID");
  db.exec("INSERT INTO items (code, qty, price) VALUES ('ab', 2, 3), ('cd', 4, 5)");

  db.run(make_not_null("items", "qty"));

  const std::string sql = table_sql(db, "items");
  CHECK(sql.find("COLLATE NOCASE") != std::string::npos);
  CHECK(sql.find("GENERATED ALWAYS AS (qty * price) STORED") != std::string::npos);
  CHECK(sql.find("AS (upper(code)) VIRTUAL") != std::string::npos);
  CHECK(sql.find("STRICT, WITHOUT ROWID") != std::string::npos);
  CHECK(db.rows("SELECT code, qty, total, label FROM items ORDER BY code") ==
        std::vector<std::string>{"ab|2|6|AB", "cd|4|20|CD"});
  // COLLATE NOCASE still decides equality of the key; STRICT still refuses text in qty.
  CHECK(db.rows("SELECT qty FROM items WHERE code = 'AB'") == std::vector<std::string>{"2"});
  CHECK_THROWS_AS(db.exec("INSERT INTO items (code, qty, price) VALUES ('x', 'many', 1)"),
                  dialects::DatabaseError);

  // A generated column that uses a dropped column: refused, nothing changed (by SQLite itself
  // for a plain DROP COLUMN, by the rebuild when the column is also in a constraint).
  CHECK_THROWS_WITH(db.run(schema::DropColumn{"items", "price", std::nullopt}),
                    Catch::Contains("price"));
  db.exec("CREATE INDEX ix_items_price ON items (price)");
  const std::string with_index = table_sql(db, "items");
  CHECK_THROWS_WITH(db.run(schema::DropColumn{"items", "price", std::nullopt}),
                    Catch::Contains("generated column 'total' uses column 'price'"));
  CHECK(table_sql(db, "items") == with_index);
}

// Issue 11: the model has deferrable foreign keys and named keys; the rebuild writes them.
TEST_CASE("a rebuild keeps deferrable foreign keys and the key's order and name",
          "[sqlite][rebuild]") {
  SqliteDb db;
  db.exec("CREATE TABLE parents (id INTEGER PRIMARY KEY)");
  db.exec("CREATE TABLE t (a TEXT, b INTEGER NOT NULL, note TEXT, p INTEGER CONSTRAINT fk_t_p "
          "REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED, CONSTRAINT t_key PRIMARY KEY "
          "(b, a))");
  db.exec("INSERT INTO t (a, b, note) VALUES ('x', 1, 'n')");
  db.run(make_not_null("t", "note"));
  CHECK(table_sql(db, "t").find("\"note\" TEXT NOT NULL") != std::string::npos);
  const std::string sql = table_sql(db, "t");
  CHECK(sql.find("DEFERRABLE INITIALLY DEFERRED") != std::string::npos);
  CHECK(sql.find("CONSTRAINT \"t_key\" PRIMARY KEY (\"b\", \"a\")") != std::string::npos);
  CHECK(db.rows("SELECT name FROM pragma_table_info('t') WHERE pk > 0 ORDER BY pk") ==
        std::vector<std::string>{"b", "a"});
  CHECK(db.rows("SELECT a, b FROM t") == std::vector<std::string>{"x|1"});
}

TEST_CASE("a rebuild refuses ON CONFLICT, and DEFERRABLE the model does not know, before "
          "changing anything",
          "[sqlite][rebuild]") {
  SqliteDb db;
  db.exec("CREATE TABLE parents (id INTEGER PRIMARY KEY)");
  bool stale_model = false;
  SECTION("ON CONFLICT") {
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, UNIQUE (a) ON CONFLICT REPLACE)");
  }
  SECTION("DEFERRABLE, the model without it") {
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, p INTEGER REFERENCES parents (id) "
            "DEFERRABLE INITIALLY DEFERRED)");
    stale_model = true;
  }
  const std::string before = table_sql(db, "t");
  db.exec("INSERT INTO t (id, a) VALUES (1, 'x')");
  schema::Database model = db.schema();
  if (stale_model) {
    for (auto& fk : model.find_table("t")->foreign_keys) {
      fk.deferrable = false;
      fk.initially_deferred = false;
    }
  }
  try {
    db.run(make_not_null("t", "a"), model);
    FAIL("the rebuild ran");
  } catch (const util::Error& e) {
    const std::string msg = e.what();
    CHECK(msg.find("cannot rebuild table 't'") != std::string::npos);
    CHECK((msg.find("ON CONFLICT") != std::string::npos ||
           msg.find("DEFERRABLE") != std::string::npos));
  }
  CHECK(table_sql(db, "t") == before);
  CHECK(db.rows("SELECT id, a FROM t") == std::vector<std::string>{"1|x"});
}

TEST_CASE("create_foreign_key over orphan rows fails naming the table and the row count",
          "[sqlite][rebuild]") {
  SqliteDb db;
  db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY)");
  db.exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER)");
  db.exec("INSERT INTO users VALUES (1)");
  db.exec("INSERT INTO orders VALUES (10, 1), (11, 7), (12, 8)");
  const std::string before = table_sql(db, "orders");
  schema::CreateForeignKey op{"orders", {"fk_orders_user", {"user_id"}, "users", {"id"}, "", ""}};
  CHECK_THROWS_WITH(db.run(op), Catch::Contains("orders") && Catch::Contains("2 rows"));
  CHECK(table_sql(db, "orders") == before);
  CHECK(db.rows("SELECT count(*) FROM orders") == std::vector<std::string>{"3"});

  // Without orphans it goes through, and a rebuild of the parent checks the children.
  db.exec("DELETE FROM orders WHERE id > 10");
  db.run(op);
  db.exec("INSERT INTO orders VALUES (13, 5)"); // enforcement is off on this connection
  CHECK_THROWS_WITH(db.run(schema::CreateCheck{"users", {"ck_users_id", "id > 0"}}),
                    Catch::Contains("orders") && Catch::Contains("1 row"));
}
