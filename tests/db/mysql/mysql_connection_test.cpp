// MysqlConnection on the real server: connecting (URL parts, socket, failures without the
// password), one statement per exec, execute scripts, parameters that cannot inject, errors
// with the server's error number and SQLSTATE, transactions, sql_mode.
#include "dialects/dialect.h"
#include "dialects/mysql/mysql_connection.h"
#include "mysql_test_support.h"
#include "util/error.h"

using namespace migratecpp;
using dialects::DatabaseError;
using dialects::mysql::MysqlError;
using test::mysql::TestDatabase;

TEST_CASE("errors carry the error number, SQLSTATE and the statement", "[mysql]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "conn");
  try {
    db.conn().exec("SELECT * FROM no_such_table");
    FAIL("no error");
  } catch (const MysqlError& e) {
    CHECK(e.error_number() == 1146);
    CHECK(e.sqlstate() == "42S02");
    CHECK_THAT(e.message(), Catch::Contains("(MySQL error 1146) [SQLSTATE 42S02]"));
    CHECK_THAT(e.message(), Catch::Contains("while running: SELECT * FROM no_such_table"));
  }
  // A query's error the same way.
  CHECK_THROWS_WITH(db.conn().query("SELEC 1"), Catch::Contains("[SQLSTATE 42000]"));
}

TEST_CASE("exec runs exactly one statement and exec_script several", "[mysql]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "conn");
  db.conn().exec("CREATE TABLE t (id INT PRIMARY KEY)");
  // A second statement is a syntax error, and the first one did not run either.
  CHECK_THROWS_AS(db.conn().exec("INSERT INTO t VALUES (1); DROP TABLE t"), DatabaseError);
  CHECK(db.rows("SELECT COUNT(*) FROM t") == std::vector<std::string>{"0"});
  CHECK_THROWS_AS(db.conn().exec("DROP TABLE t; SELECT 1"), DatabaseError);
  // A trailing semicolon and comment are not a second statement.
  db.conn().exec("SELECT 1; -- done");
  CHECK(db.rows("SHOW TABLES") == std::vector<std::string>{"t"});
  // Free-form SQL of an execute op: every statement, every result read.
  db.conn().exec_script("INSERT INTO t VALUES (1); SELECT 1; INSERT INTO t VALUES (2);");
  CHECK(db.rows("SELECT id FROM t ORDER BY id") == std::vector<std::string>{"1", "2"});
  // The first failing statement stops the script; the session is usable afterwards, and
  // multi-statements are off again.
  CHECK_THROWS_AS(db.conn().exec_script("INSERT INTO t VALUES (3); INSERT INTO t VALUES (3); "
                                        "INSERT INTO t VALUES (4)"),
                  DatabaseError);
  CHECK(db.rows("SELECT id FROM t ORDER BY id") == std::vector<std::string>{"1", "2", "3"});
  CHECK_THROWS_AS(db.conn().exec("INSERT INTO t VALUES (5); INSERT INTO t VALUES (6)"),
                  DatabaseError);
  CHECK(db.rows("SELECT COUNT(*) FROM t") == std::vector<std::string>{"3"});
}

TEST_CASE("query parameters cannot inject", "[mysql]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "conn");
  db.conn().exec("CREATE TABLE t (v TEXT)");
  const std::vector<std::string> hostile = {
      "x' OR '1'='1", "a\\", "\\'; DROP TABLE t; --", "é ünï 💥", std::string("nul\0byte", 8), "?",
      "\"q\""};
  for (const auto& value : hostile) {
    db.conn().query("INSERT INTO t (v) VALUES (?)", {value});
    const auto rows = db.conn().query("SELECT v FROM t WHERE v = ?", {value});
    REQUIRE(rows.rows.size() == 1);
    CHECK(rows.rows[0][0] == value);
    db.conn().query("DELETE FROM t WHERE v = ?", {value});
  }
  CHECK(db.rows("SELECT COUNT(*) FROM t") == std::vector<std::string>{"0"});
  // NULL, and a ? inside a literal or a comment is no placeholder.
  const auto rows = db.conn().query("SELECT ?, '?', ? /* ? */", {std::nullopt, "b"});
  CHECK(rows.rows.at(0) == std::vector<std::optional<std::string>>{std::nullopt, "?", "b"});
  CHECK_THROWS_WITH(db.conn().query("SELECT ?", {}), Catch::Contains("SQLSTATE"));
  CHECK_THROWS_WITH(db.conn().query("SELECT ?", {"a", "b"}),
                    Catch::Contains("2 parameters for 1 ?"));
}

TEST_CASE("the session's sql_mode fits the dialect's quoting", "[mysql]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "conn");
  // Even where the server's default has them, ANSI_QUOTES and NO_BACKSLASH_ESCAPES are off.
  db.conn().exec("SET SESSION sql_mode = 'ANSI,NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES'");
  auto other = db.connect_other();
  const auto mode = other->query("SELECT @@SESSION.sql_mode").rows.at(0).at(0).value_or("");
  CHECK(mode.find("ANSI_QUOTES") == std::string::npos);
  CHECK(mode.find("NO_BACKSLASH_ESCAPES") == std::string::npos);
  const std::string text = "a\\b'c";
  const auto& d = test::mysql::my_dialect();
  CHECK(other->query("SELECT " + d.quote_string(text)).rows.at(0).at(0) == text);
}

TEST_CASE("transactions and in_transaction", "[mysql]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "conn");
  db.conn().exec("CREATE TABLE t (id INT PRIMARY KEY)");
  CHECK_FALSE(db.conn().in_transaction());
  db.conn().begin();
  CHECK(db.conn().in_transaction());
  db.conn().exec("INSERT INTO t VALUES (1)");
  db.conn().rollback();
  CHECK_FALSE(db.conn().in_transaction());
  CHECK(db.rows("SELECT COUNT(*) FROM t") == std::vector<std::string>{"0"});
  db.conn().begin();
  db.conn().exec("INSERT INTO t VALUES (2)");
  // DDL commits the transaction by itself: the connection says so.
  db.conn().exec("CREATE TABLE u (id INT)");
  CHECK_FALSE(db.conn().in_transaction());
  db.conn().rollback();
  CHECK(db.rows("SELECT id FROM t") == std::vector<std::string>{"2"});
  // An execute op that commits: the runner asks.
  db.conn().begin();
  db.conn().exec_script("INSERT INTO t VALUES (3); COMMIT");
  CHECK_FALSE(db.conn().in_transaction());
}

TEST_CASE("a failed connection names the server, never the password", "[mysql]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  auto parsed = dialects::parse_url(url);
  const std::string wrong = "mysql://" + parsed.user + ":Wr0ng-pass-w0rd@" + parsed.host + ":" +
                            std::to_string(parsed.port) + "/" + parsed.database;
  try {
    test::mysql::connect(wrong);
    FAIL("connected with a wrong password");
  } catch (const util::Error& e) {
    CHECK_THAT(e.message(), Catch::Contains("Access denied"));
    CHECK_THAT(e.message(), Catch::Contains("(MySQL error 1045)"));
    CHECK(e.message().find("Wr0ng-pass-w0rd") == std::string::npos);
  }
  // Nothing listens there: a clear error, quickly (connect_timeout).
  CHECK_THROWS_WITH(
      test::mysql::connect("mysql://u:Wr0ng-pass-w0rd@127.0.0.1:1/db?connect_timeout=2"),
      !Catch::Contains("Wr0ng-pass-w0rd") && Catch::Contains("127.0.0.1"));
  // A database that does not exist.
  CHECK_THROWS_WITH(test::mysql::connect(test::mysql::with_database(url, "t_no_such_db_x")),
                    Catch::Contains("Unknown database 't_no_such_db_x'"));
}

TEST_CASE("unix_socket: connects through the socket, or says it cannot", "[mysql]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  auto parsed = dialects::parse_url(url);
  // The test server's socket (scripts/test-databases.sh); the server tells where it is.
  TestDatabase db(url, "conn");
  const std::string socket = db.conn().query("SELECT @@socket").rows.at(0).at(0).value_or("");
  const std::string user = parsed.user + (parsed.has_password ? ":" + parsed.password : "");
  if (::access(socket.c_str(), F_OK) == 0) {
    auto conn =
        test::mysql::connect("mysql://" + user + "@/" + db.name() + "?unix_socket=" + socket);
    CHECK(conn->query("SELECT DATABASE()").rows.at(0).at(0) == db.name());
  }
  CHECK_THROWS_WITH(
      test::mysql::connect("mysql://" + user + "@/db?unix_socket=/nonexistent/mysqld.sock"),
      Catch::Contains("/nonexistent/mysqld.sock") &&
          (parsed.has_password && parsed.password.size() >= 3 ? !Catch::Contains(parsed.password)
                                                              : !Catch::Contains("\x01")));
}

TEST_CASE("the MariaDB server is recognized", "[mysql]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  auto conn = test::mysql::connect(url);
  auto& my = dynamic_cast<dialects::mysql::MysqlConnection&>(*conn);
  const auto version = conn->query("SELECT VERSION()").rows.at(0).at(0).value_or("");
  CHECK(my.is_mariadb() == (version.find("MariaDB") != std::string::npos));
  CHECK(my.server_version() >= 50700);
}
