// PgConnection: connecting (parameters, failures without the password), statements, errors
// with SQLSTATE, transactions.
#include "dialects/dialect.h"
#include "dialects/postgresql/pg_connection.h"
#include "pg_test_support.h"
#include "util/error.h"

#include <algorithm>

using namespace migratecpp;
using dialects::DatabaseError;
using dialects::postgresql::connection_parameters;

namespace {

std::optional<std::string> param(const std::vector<std::pair<std::string, std::string>>& params,
                                 const std::string& key) {
  std::optional<std::string> out;
  for (const auto& [k, v] : params) {
    if (k == key) {
      out = v; // the last one wins, as in libpq
    }
  }
  return out;
}

// TEST_PG_URL with the query string `query` appended (and its own query string dropped).
std::string with_query(const std::string& url, const std::string& query) {
  return url.substr(0, url.find('?')) + "?" + query;
}

} // namespace

TEST_CASE("connection parameters come from the URL", "[postgresql]") {
  SECTION("components, password only when given, default connect_timeout") {
    const auto p = connection_parameters(
        util::parse_url("postgresql://bob:s%40cret@db.example:6543/app?sslmode=require"));
    CHECK(param(p, "host") == "db.example");
    CHECK(param(p, "port") == "6543");
    CHECK(param(p, "user") == "bob");
    CHECK(param(p, "password") == "s@cret");
    CHECK(param(p, "dbname") == "app");
    CHECK(param(p, "sslmode") == "require");
    CHECK(param(p, "connect_timeout") == "10");
  }
  SECTION("no password in the URL leaves it to PGPASSWORD / ~/.pgpass") {
    const auto p = connection_parameters(util::parse_url("postgres://bob@localhost/app"));
    CHECK_FALSE(param(p, "password"));
    CHECK_FALSE(param(p, "port"));
  }
  SECTION("every query parameter passes through; connect_timeout is not overridden") {
    const auto p = connection_parameters(util::parse_url(
        "postgresql://h/db?connect_timeout=3&application_name=x&options=-c%20work_mem%3D8MB"));
    CHECK(param(p, "connect_timeout") == "3");
    CHECK(std::count_if(p.begin(), p.end(),
                        [](const auto& kv) { return kv.first == "connect_timeout"; }) == 1);
    CHECK(param(p, "application_name") == "x");
    CHECK(param(p, "options") == "-c work_mem=8MB");
  }
}

TEST_CASE("the dialect is registered under both schemes", "[postgresql]") {
  CHECK(dialects::dialect_for_scheme("postgresql").name() == "postgresql");
  CHECK(dialects::dialect_for_scheme("postgres").name() == "postgresql");
  CHECK(dialects::dialect_by_name("postgresql").transactional_ddl());
}

TEST_CASE("connecting with a wrong password fails without showing it", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  const util::Url good = util::parse_url(url);
  const std::string secret = "Wr0ng-s3cret-pw";
  const std::string bad = "postgresql://" + good.user + ":" + secret + "@" + good.host + ":" +
                          std::to_string(good.port) + "/" + good.database;
  try {
    test::pg::connect(bad);
    FAIL("connecting with a wrong password succeeded");
  } catch (const util::Error& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(message.find(secret) == std::string::npos);
    CHECK(message.find("password authentication failed") != std::string::npos);
  }
}

TEST_CASE("connection failures are util::Error with libpq's message", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  SECTION("an unknown libpq keyword") {
    CHECK_THROWS_WITH(test::pg::connect(with_query(url, "no_such_option=1")),
                      Catch::Contains("no_such_option"));
  }
  SECTION("nothing listening") {
    // Port 1 on loopback: refused at once, no timeout to wait for.
    CHECK_THROWS_WITH(test::pg::connect("postgresql://u:pw@127.0.0.1:1/db"),
                      Catch::Contains("127.0.0.1") && !Catch::Contains(":pw@"));
  }
}

TEST_CASE("PostgreSQL URLs are read by libpq: several hosts, IPv6, sockets", "[postgresql]") {
  SECTION("host:port,host:port") {
    const auto p = connection_parameters(
        dialects::parse_url("postgresql://u:p@h1:5432,h2:5433/db?target_session_attrs=any"));
    CHECK(param(p, "host") == "h1,h2");
    CHECK(param(p, "port") == "5432,5433");
    CHECK(param(p, "user") == "u");
    CHECK(param(p, "password") == "p");
    CHECK(param(p, "dbname") == "db");
    CHECK(param(p, "target_session_attrs") == "any");
  }
  SECTION("IPv6 hosts, a port on one only") {
    const auto p =
        connection_parameters(dialects::parse_url("postgres://u@[::1]:5432,[fe80::2]/db"));
    CHECK(param(p, "host") == "::1,fe80::2");
    CHECK(param(p, "port") == "5432,");
  }
  SECTION("a socket directory as a parameter, percent-encoded parts decoded") {
    const auto p = connection_parameters(dialects::parse_url(
        "postgresql://b%40b:s%2Fcr%3Ft@/app?host=/var/run/postgresql&application_name=a%20b"));
    CHECK(param(p, "host") == "/var/run/postgresql");
    CHECK(param(p, "user") == "b@b");
    CHECK(param(p, "password") == "s/cr?t");
    CHECK(param(p, "application_name") == "a b");
  }
  SECTION("a raw '@' in the password, as the generic parser took it") {
    const auto p = connection_parameters(dialects::parse_url("postgresql://u:p@ss@h/db"));
    CHECK(param(p, "password") == "p@ss");
    CHECK(param(p, "host") == "h");
  }
  SECTION("libpq's own errors, without the password") {
    CHECK_THROWS_WITH(dialects::parse_url("postgresql://u:Hunter-pw@h/db?no_such_option=1"),
                      Catch::Contains("no_such_option") && !Catch::Contains("Hunter-pw"));
    CHECK(dialects::parse_url("postgresql://u:Hunter pw@h/db").password == "Hunter pw");
    CHECK_THROWS_WITH(dialects::parse_url("postgresql://u:Hunter-pw@[::1/db"),
                      Catch::StartsWith("invalid database URL 'postgresql://u:***@[::1/db': ") &&
                          !Catch::Contains("Hunter"));
    CHECK_THROWS_WITH(dialects::parse_url("postgresql://u:Hunter%zzpw@h/db"),
                      !Catch::Contains("Hunter"));
    CHECK_THROWS_WITH(dialects::parse_url("postgresql://u:pw@h:99999/db"),
                      "invalid database URL 'postgresql://u:***@h:99999/db': port '99999' is not "
                      "a number from 1 to 65535");
    CHECK_THROWS_WITH(dialects::parse_url("postgresql://u:pw@h1:5432,h2:x/db"),
                      "invalid database URL 'postgresql://u:***@h1:5432,h2:x/db': port 'x' is "
                      "not a number from 1 to 65535");
  }
}

TEST_CASE("a multi-host URL connects to the first host that answers", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  const util::Url good = util::parse_url(url);
  // Port 1 on loopback refuses at once; libpq goes on to the next host.
  const std::string multi = "postgresql://" + good.user + ":" + good.password + "@127.0.0.1:1," +
                            good.host + ":" + std::to_string(good.port) + "/" + good.database;
  auto conn = test::pg::connect(multi);
  const auto rows = conn->query("SELECT inet_server_port()");
  REQUIRE(rows.rows.size() == 1);
  CHECK(rows.rows[0][0] == std::to_string(good.port));
}

TEST_CASE("URL parameters reach the server", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  auto conn = test::pg::connect(with_query(
      url,
      "sslmode=disable&application_name=migratecpp-pg-test&options=-c%20statement_timeout%3D4321"));
  auto one = [&](const std::string& sql) {
    const auto rows = conn->query(sql);
    REQUIRE(rows.rows.size() == 1);
    return rows.rows[0][0].value_or("<null>");
  };
  CHECK(one("SELECT current_setting('application_name')") == "migratecpp-pg-test");
  CHECK(one("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == "false");
  CHECK(one("SHOW statement_timeout") == "4321ms");
}

TEST_CASE("exec, query, parameters and statement counting", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  test::pg::TestSchema s(url);
  auto& conn = s.conn();
  const auto before = conn.statements_sent();
  // Several statements in one exec_script; the NOTICE of IF EXISTS goes nowhere.
  conn.exec_script("DROP TABLE IF EXISTS nothing_here; CREATE TABLE t (id integer, name text); "
                   "INSERT INTO t VALUES (1, 'a'), (2, NULL);");
  const auto rows = conn.query("SELECT id, name FROM t WHERE id >= $1 ORDER BY id", {"1"});
  CHECK(conn.statements_sent() == before + 2);
  REQUIRE(rows.columns == std::vector<std::string>{"id", "name"});
  REQUIRE(rows.rows.size() == 2);
  CHECK(rows.rows[0][0] == "1");
  CHECK(rows.rows[0][1] == "a");
  CHECK_FALSE(rows.rows[1][1].has_value());

  // COPY with the client is refused without leaving the session stuck in the copy protocol.
  CHECK_THROWS_WITH(conn.exec("COPY t FROM STDIN"), Catch::Contains("COPY"));
  CHECK_THROWS_WITH(conn.exec("COPY t TO STDOUT"), Catch::Contains("COPY"));
  CHECK_THROWS_WITH(conn.query("COPY t FROM STDIN"), Catch::Contains("COPY"));
  CHECK(s.scalar("SELECT count(*) FROM t") == "2");

  const auto nulls = conn.query("SELECT $1::text IS NULL", {std::nullopt});
  CHECK(nulls.rows[0][0] == "t");
  // A statement without a result set is fine through query() too.
  CHECK(conn.query("UPDATE t SET name = $1 WHERE id = 2", {"b"}).rows.empty());
  CHECK(s.scalar("SELECT name FROM t WHERE id = 2") == "b");
}

TEST_CASE("errors carry the server message, SQLSTATE and statement", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  test::pg::TestSchema s(url);
  auto& conn = s.conn();
  SECTION("missing table: 42P01") {
    try {
      conn.query("SELECT * FROM missing_table");
      FAIL("no error");
    } catch (const DatabaseError& e) {
      CHECK(e.sqlstate() == "42P01");
      CHECK(e.db_message() == "relation \"missing_table\" does not exist");
      CHECK(e.sql() == "SELECT * FROM missing_table");
      CHECK(std::string(e.what()).find("[SQLSTATE 42P01]") != std::string::npos);
    }
    CHECK_THROWS_AS(conn.exec("DROP TABLE missing_table;"), DatabaseError);
  }
  SECTION("syntax error: 42601") {
    try {
      conn.exec("CREATE TABEL x (id int)");
      FAIL("no error");
    } catch (const DatabaseError& e) {
      CHECK(e.sqlstate() == "42601");
      CHECK(e.sql() == "CREATE TABEL x (id int)");
    }
  }
  SECTION("unique violation: 23505 with DETAIL") {
    conn.exec_script("CREATE TABLE u (id integer PRIMARY KEY); INSERT INTO u VALUES (1)");
    try {
      conn.exec("INSERT INTO u VALUES (1)");
      FAIL("no error");
    } catch (const DatabaseError& e) {
      CHECK(e.sqlstate() == "23505");
      CHECK(e.db_message().find("DETAIL: Key (id)=(1) already exists.") != std::string::npos);
    }
  }
  SECTION("exec runs exactly one statement: a second one is refused before the first runs") {
    conn.exec("CREATE TABLE one_only (id integer)");
    CHECK_THROWS_WITH(conn.exec("INSERT INTO one_only VALUES (1); DROP TABLE one_only"),
                      Catch::Contains("cannot insert multiple commands"));
    CHECK(s.scalar("SELECT count(*) FROM one_only") == "0");
  }
  SECTION("in_transaction follows BEGIN, COMMIT and a COMMIT inside free-form SQL") {
    CHECK_FALSE(conn.in_transaction());
    conn.begin();
    CHECK(conn.in_transaction());
    conn.exec_script("CREATE TABLE tx_end (id integer); COMMIT");
    CHECK_FALSE(conn.in_transaction());
  }
  SECTION("a HINT is kept") {
    try {
      conn.query("SELECT lenght('x')");
      FAIL("no error");
    } catch (const DatabaseError& e) {
      CHECK(e.sqlstate() == "42883");
      CHECK(e.db_message().find("\nHINT: ") != std::string::npos);
    }
  }
}

TEST_CASE("transactions", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  test::pg::TestSchema s(url);
  auto& conn = s.conn();
  conn.exec("CREATE TABLE t (id integer)");
  SECTION("rollback undoes DDL and rows") {
    conn.begin();
    conn.exec_script("INSERT INTO t VALUES (1); CREATE TABLE t2 (x int)");
    conn.rollback();
    CHECK(s.scalar("SELECT count(*) FROM t") == "0");
    CHECK_FALSE(test::pg::pg_dialect().table_exists(conn, "t2"));
  }
  SECTION("commit keeps them") {
    conn.begin();
    conn.exec("INSERT INTO t VALUES (1)");
    conn.commit();
    CHECK(s.scalar("SELECT count(*) FROM t") == "1");
  }
  SECTION("commit of a failed transaction is an error, not a silent rollback") {
    conn.begin();
    conn.exec("INSERT INTO t VALUES (1)");
    CHECK_THROWS_AS(conn.exec("INSERT INTO t VALUES ('x')"), DatabaseError);
    try {
      conn.commit();
      FAIL("commit succeeded");
    } catch (const DatabaseError& e) {
      CHECK(e.sqlstate() == "25P02");
    }
    conn.rollback(); // nothing open any more: a no-op
    CHECK(s.scalar("SELECT count(*) FROM t") == "0");
  }
  SECTION("rollback without a transaction does nothing") {
    const auto before = conn.statements_sent();
    conn.rollback();
    CHECK(conn.statements_sent() == before);
  }
}

TEST_CASE("table_exists looks in the current schema", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  test::pg::TestSchema s(url);
  const auto& d = test::pg::pg_dialect();
  CHECK_FALSE(d.table_exists(s.conn(), "migratecpp_version"));
  s.conn().exec(d.create_version_table_sql("migratecpp_version"));
  CHECK(d.table_exists(s.conn(), "migratecpp_version"));
  CHECK_FALSE(d.table_exists(s.conn(), "Migratecpp_Version"));
  // A table of that name in another schema does not count.
  test::pg::TestSchema other(url);
  CHECK_FALSE(d.table_exists(other.conn(), "migratecpp_version"));
}
