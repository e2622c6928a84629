// The SQLite connection, the dialect registry and the dialect defaults.
#include "sqlite_helpers.h"

#include "dialects/sqlite/sql_text.h"
#include "util/error.h"
#include "util/url.h"

#include <catch2/catch.hpp>
#include <limits>

using namespace migratecpp;
using namespace migratecpp::test;
using dialects::sqlite::SqliteConnection;

TEST_CASE("SqliteConnection: opening", "[sqlite][connection]") {
  TempDir dir;
  SECTION("a new file is created") {
    SqliteConnection c((dir / "new.db").string());
    c.exec("CREATE TABLE t (x)");
    CHECK(std::filesystem::exists(dir / "new.db"));
  }
  SECTION("in memory") {
    SqliteConnection c(":memory:");
    c.exec("CREATE TABLE t (x)");
    SqliteConnection d("");
    CHECK(d.query("SELECT count(*) FROM sqlite_master").rows[0][0] == "0");
  }
  SECTION("a missing directory is named") {
    const std::string path = (dir / "nope" / "app.db").string();
    CHECK_THROWS_WITH(SqliteConnection(path), "cannot open SQLite database '" + path +
                                                  "': directory '" + (dir / "nope").string() +
                                                  "' does not exist");
  }
  SECTION("a directory is not a database") {
    CHECK_THROWS_WITH(SqliteConnection(dir.path().string()), Catch::Contains("it is a directory"));
  }
  SECTION("a file that is not a database fails when opened") {
    write_file(dir / "junk.db", std::string(4096, 'x'));
    CHECK_THROWS_WITH(SqliteConnection((dir / "junk.db").string()),
                      Catch::StartsWith("cannot open SQLite database '") &&
                          Catch::Contains("junk.db': file is not a database"));
  }
  SECTION("relative paths are relative to the working directory") {
    const auto old = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    {
      SqliteConnection c("rel.db");
      c.exec("CREATE TABLE t (x)");
    }
    std::filesystem::current_path(old);
    CHECK(std::filesystem::exists(dir / "rel.db"));
  }
  SECTION("through the dialect and a URL") {
    const auto url = util::parse_url("sqlite:///" + (dir / "u.db").string());
    auto c = sqlite_dialect().connect(url);
    c->exec("CREATE TABLE migratecpp_version (version_num VARCHAR(32))");
    CHECK(sqlite_dialect().table_exists(*c, "migratecpp_version"));
    CHECK_FALSE(sqlite_dialect().table_exists(*c, "other"));
  }
}

TEST_CASE("SqliteConnection: statements, errors and transactions", "[sqlite][connection]") {
  SqliteDb db;
  auto& c = db.conn();
  const std::size_t start = c.statements_sent();
  c.exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE);\n"
                "INSERT INTO t VALUES (1, 'a'); -- trailing comment\n"
                "INSERT INTO t VALUES (2, NULL);");
  const auto rows = c.query("SELECT id, v FROM t WHERE id >= ?1 OR v = ?2 ORDER BY id",
                            {std::string("1"), std::nullopt});
  CHECK(rows.columns == std::vector<std::string>{"id", "v"});
  REQUIRE(rows.rows.size() == 2);
  CHECK(rows.rows[0] == std::vector<std::optional<std::string>>{"1", "a"});
  CHECK(rows.rows[1] == std::vector<std::optional<std::string>>{"2", std::nullopt});
  CHECK(c.statements_sent() - start == 2);

  SECTION("a failing statement: SQLite message, extended code, the statement") {
    try {
      c.exec_script("INSERT INTO t VALUES (3, 'c'); INSERT INTO t VALUES (4, 'a'); SELECT 1");
      FAIL("no error");
    } catch (const dialects::DatabaseError& e) {
      CHECK(e.db_message() == "UNIQUE constraint failed: t.v");
      CHECK(e.sqlstate() == "SQLITE_CONSTRAINT_UNIQUE");
      CHECK(e.sql() == "INSERT INTO t VALUES (4, 'a')");
      CHECK(std::string(e.what()) == "UNIQUE constraint failed: t.v [SQLSTATE "
                                     "SQLITE_CONSTRAINT_UNIQUE]\n  while running: INSERT INTO t "
                                     "VALUES …(row values not shown)");
    }
    CHECK_THROWS_WITH(c.query("SELECT nope FROM t"),
                      Catch::Contains("no such column: nope") && Catch::Contains("SQLITE_ERROR"));
  }
  SECTION("exec runs exactly one statement: a second one is refused before the first runs") {
    c.exec("INSERT INTO t VALUES (5, 'e'); -- a comment after it is fine\n/* so is this */");
    CHECK_THROWS_WITH(c.exec("INSERT INTO t VALUES (6, 'f'); DROP TABLE t"),
                      Catch::Contains("more than one statement"));
    CHECK_THROWS_WITH(c.exec("INSERT INTO t VALUES (7, 'g');;SELECT 1"),
                      Catch::Contains("more than one statement"));
    CHECK(c.query("SELECT count(*) FROM t").rows[0][0] == "3");
  }
  SECTION("in_transaction follows BEGIN, COMMIT and a COMMIT inside free-form SQL") {
    CHECK_FALSE(c.in_transaction());
    c.begin();
    CHECK(c.in_transaction());
    c.exec_script("INSERT INTO t VALUES (8, 'h'); COMMIT");
    CHECK_FALSE(c.in_transaction());
  }
  SECTION("rollback undoes, commit keeps") {
    c.begin();
    c.exec("DELETE FROM t");
    c.rollback();
    CHECK(c.query("SELECT count(*) FROM t").rows[0][0] == "2");
    c.begin();
    c.exec("DELETE FROM t WHERE id = 2");
    c.commit();
    CHECK(c.query("SELECT count(*) FROM t").rows[0][0] == "1");
    c.rollback(); // nothing open: harmless
  }
  SECTION("foreign-key enforcement is off on migration connections") {
    CHECK(c.query("PRAGMA foreign_keys").rows[0][0] == "0");
  }
}

TEST_CASE("result code names", "[sqlite][connection]") {
  CHECK(dialects::sqlite::result_code_name(19) == "SQLITE_CONSTRAINT");
  CHECK(dialects::sqlite::result_code_name(2067) == "SQLITE_CONSTRAINT_UNIQUE");
  CHECK(dialects::sqlite::result_code_name(10 | (99 << 8)) == "SQLITE_IOERR(25354)");
  CHECK(dialects::sqlite::result_code_name(200) == "200");
}

TEST_CASE("dialect registry", "[sqlite][dialect]") {
  CHECK(dialects::dialect_for_scheme("sqlite").name() == "sqlite");
  CHECK(dialects::dialect_for_scheme("SQLite").name() == "sqlite");
  CHECK(dialects::dialect_by_name("sqlite").name() == "sqlite");
  // The other dialects arrive one by one: until then each scheme says so.
  for (auto [scheme, name] : {std::pair{"postgresql", "postgresql"},
                              {"postgres", "postgresql"},
                              {"mysql", "mysql"},
                              {"mariadb", "mysql"}}) {
    INFO(scheme);
    std::string got;
    try {
      got = std::string(dialects::dialect_for_scheme(scheme).name());
      CHECK(std::string(dialects::dialect_by_name(name).name()) == got);
    } catch (const util::Error& e) {
      got = e.message();
    }
    CHECK((got == name ||
           got == std::string("the ") + name + " dialect is not available in this build yet"));
  }
  CHECK_THROWS_WITH(dialects::dialect_for_scheme("sqllite"),
                    "unknown database URL scheme 'sqllite': expected sqlite, postgresql, "
                    "postgres, mysql or mariadb (did you mean 'sqlite'?)");
  CHECK_THROWS_WITH(dialects::dialect_for_scheme("oracle"),
                    "unknown database URL scheme 'oracle': expected sqlite, postgresql, "
                    "postgres, mysql or mariadb");
  CHECK_THROWS_WITH(dialects::dialect_by_name("sqlit"),
                    "unknown dialect 'sqlit': expected sqlite, postgresql or mysql (did you "
                    "mean 'sqlite'?)");
}

TEST_CASE("dialect defaults: quoting, literals, the version table", "[sqlite][dialect]") {
  const auto& d = sqlite_dialect();
  CHECK(d.quote_ident("a\"b") == "\"a\"\"b\"");
  CHECK(d.quote_string("it's") == "'it''s'");
  CHECK(d.literal(schema::Null{}) == "NULL");
  CHECK(d.literal(true) == "1");
  CHECK(d.literal(false) == "0");
  CHECK(d.literal(std::int64_t{-42}) == "-42");
  CHECK(d.literal(0.1) == "0.1");
  CHECK(d.literal(1.0) == "1.0");
  CHECK(d.literal(1e300) == "1e+300");
  CHECK(d.literal(std::string("a'b")) == "'a''b'");
  CHECK_THROWS_WITH(d.literal(std::numeric_limits<double>::infinity()),
                    "cannot write infinity as an SQL literal");
  // The base class spells booleans as keywords.
  CHECK(d.dialects::Dialect::literal(true) == "TRUE");
  CHECK(d.create_version_table_sql("migratecpp_version") ==
        "CREATE TABLE IF NOT EXISTS \"migratecpp_version\" (version_num VARCHAR(32) NOT NULL, "
        "CONSTRAINT "
        "\"migratecpp_version_pkc\" PRIMARY KEY (version_num))");
  CHECK(d.transactional_ddl());
  // Every type is written as declared, in its case (SQLite stores the declared type, and
  // clients read it).
  CHECK(d.type_sql(schema::ColumnType("integer")) == "integer");
  CHECK(d.type_sql(schema::ColumnType("VARCHAR(255)")) == "VARCHAR(255)");
  CHECK(d.type_sql(schema::ColumnType("numeric(12,2)")) == "numeric(12,2)");
  CHECK(d.type_sql(schema::ColumnType("timestamptz")) == "timestamptz");
  CHECK(d.type_sql(schema::ColumnType("int4")) == "int4");
  CHECK(d.type_sql(schema::ColumnType("character varying(255)")) == "character varying(255)");
  CHECK(d.type_sql(schema::ColumnType("decimal(12, 2)")) == "decimal(12, 2)");
  CHECK(d.type_sql(schema::ColumnType("jsonb")) == "jsonb");
  CHECK(d.type_sql(schema::ColumnType("DateTime")) ==
        "DateTime"); // not a timestamp: stored as declared

  SqliteDb db;
  db.exec(d.create_version_table_sql("migratecpp_version"));
  db.exec("INSERT INTO migratecpp_version VALUES ('abc')");
  CHECK_THROWS_AS(db.exec("INSERT INTO migratecpp_version VALUES ('abc')"),
                  dialects::DatabaseError);
}

TEST_CASE("sql text helpers", "[sqlite][dialect]") {
  using namespace dialects::sqlite;
  const auto tokens =
      tokenize("SELECT \"a\"\"b\", [c d], `e`, 'it''s', x'00', 1.5e3 -- c\n/* d */");
  REQUIRE(tokens.size() == 14);
  CHECK(identifier_value(tokens[1]) == "a\"b");
  CHECK(identifier_value(tokens[3]) == "c d");
  CHECK(identifier_value(tokens[5]) == "e");
  CHECK(tokens[7].kind == TokenKind::string);
  CHECK(tokens[9].kind == TokenKind::blob);
  CHECK(tokens[11].kind == TokenKind::number);
  CHECK(tokens[12].kind == TokenKind::comment);
  CHECK(mentions_identifier("\"Age\" > 0", "age"));
  CHECK_FALSE(mentions_identifier("'age' = x -- age", "age"));
  CHECK(rename_identifier("age > 0 AND [age] < 'age'", "age", "years") ==
        "\"years\" > 0 AND \"years\" < 'age'");
  for (std::string text : {"", "plain", "a */ b", "back\\slash", "*\\/", "multi\nline", "*"}) {
    const std::string c = metadata_comment("comment", text);
    REQUIRE(tokenize(c).size() == 1);
    CHECK(parse_metadata_comment(c, "comment") == text);
    CHECK_FALSE(parse_metadata_comment(c, "type").has_value());
  }
}
