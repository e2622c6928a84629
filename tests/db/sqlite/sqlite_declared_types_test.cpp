// Declared types as SQLite keeps them (pragma table_xinfo): read back as written and written
// back as read, so that a database made from an inspected model declares the same types
// (clients read them; INT PRIMARY KEY is not the rowid, INTEGER PRIMARY KEY is).
#include "sqlite_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;

namespace {

std::vector<std::string> declared(SqliteDb& db, const std::string& table) {
  return db.rows("SELECT name || ':' || type FROM pragma_table_xinfo('" + table + "')");
}

} // namespace

TEST_CASE("declared types survive introspect -> create", "[sqlite][types]") {
  SqliteDb a;
  a.exec(R"sql(
    CREATE TABLE film (
      film_id INT NOT NULL,
      n INTEGER NOT NULL,
      rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99,
      last_update DATETIME,
      stamp TIMESTAMP,
      title NVARCHAR(40),
      description BLOB SUB_TYPE TEXT,
      flag BOOL,
      data BYTEA,
      v VARCHAR(20),
      w varchar(30),
      x text,
      untyped,
      PRIMARY KEY (film_id, n)
    );
  )sql");
  const schema::Table t = a.table("film");
  std::vector<std::string> types;
  for (const auto& c : t.columns) {
    types.push_back(c.type.declared());
  }
  // Every type as declared, in its case (the pragma says TEXT for `text`: the statement's
  // spelling is kept).
  CHECK(types == std::vector<std::string>{"INT", "INTEGER", "DECIMAL(4,2)", "DATETIME", "TIMESTAMP",
                                          "NVARCHAR(40)", "BLOB SUB_TYPE TEXT", "BOOL", "BYTEA",
                                          "VARCHAR(20)", "varchar(30)", "text", ""});
  SqliteDb b;
  b.run(schema::CreateTable{t});
  CHECK(declared(b, "film") == declared(a, "film"));
  CHECK(b.table("film") == t);
}

TEST_CASE("INT PRIMARY KEY stays a column of its own, INTEGER PRIMARY KEY the rowid",
          "[sqlite][types]") {
  SqliteDb db;
  schema::Table t;
  t.name = "t";
  t.columns = {pk("id", "INT"), col("name", "text")};
  db.run(schema::CreateTable{t});
  db.exec("INSERT INTO t (id, name) VALUES (5, 'a')");
  CHECK(db.rows("SELECT rowid, id FROM t") == std::vector<std::string>{"1|5"});
  CHECK(declared(db, "t") == std::vector<std::string>{"id:INT", "name:TEXT"});

  schema::Table u;
  u.name = "u";
  u.columns = {pk("id", "integer"), col("name", "text")};
  db.run(schema::CreateTable{u});
  db.exec("INSERT INTO u (id, name) VALUES (5, 'a')");
  CHECK(db.rows("SELECT rowid, id FROM u") == std::vector<std::string>{"5|5"});
  // Introspection reads each back as what it is.
  CHECK(db.table("t").columns[0].type.declared() == "INT");
  CHECK(db.table("u").columns[0].type.declared() == "integer");
}

TEST_CASE("a type change between INTEGER and INT on a sole key rebuilds with rows kept",
          "[sqlite][types]") {
  SqliteDb db;
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);"
          "INSERT INTO t VALUES (7, 'x');");
  schema::AlterColumn a;
  a.table = "t";
  a.column = "id";
  a.type = "INT";
  a.existing_type = "integer";
  db.run(a);
  CHECK(declared(db, "t") == std::vector<std::string>{"id:INT", "name:TEXT"});
  CHECK(db.rows("SELECT id, name FROM t") == std::vector<std::string>{"7|x"});
  CHECK_FALSE(sqlite_dialect().is_row_alias(db.table("t"), db.table("t").columns[0]));
}
