// The statement sinks: a script exactly as --sql prints it, and a live SQLite connection.
#include "db/sqlite/sqlite_helpers.h"
#include "migrate/statement_sink.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace migratecpp;
using namespace migratecpp::test;

TEST_CASE("script sink writes statements, transactions and comments", "[statement_sink]") {
  std::ostringstream data;
  std::ostringstream diag;
  util::Output out(data, diag);
  migrate::ScriptSink sink(sqlite_dialect(), out);
  CHECK_FALSE(sink.online());
  sink.comment("Running upgrade a -> b\nsecond line");
  sink.begin();
  sink.execute({"CREATE TABLE t (x INTEGER)", "create table t", "DROP TABLE t"});
  sink.rollback(); // a script has nothing to roll back: writes nothing
  sink.commit();
  CHECK(data.str() == "-- Running upgrade a -> b\n"
                      "-- second line\n"
                      "\n"
                      "BEGIN;\n\n"
                      "CREATE TABLE t (x INTEGER);\n\n"
                      "COMMIT;\n\n");
  CHECK(diag.str().empty());
}

TEST_CASE("connection sink runs statements on the connection", "[statement_sink]") {
  SqliteDb db;
  migrate::ConnectionSink sink(db.conn());
  CHECK(sink.online());
  sink.comment("ignored online");
  sink.execute({"CREATE TABLE t (x INTEGER)", "create table t"});
  sink.begin();
  sink.execute({"INSERT INTO t VALUES (1)", "insert"});
  sink.commit();
  sink.begin();
  sink.execute({"INSERT INTO t VALUES (2)", "insert"});
  sink.rollback();
  CHECK(db.rows("SELECT x FROM t") == std::vector<std::string>{"1"});
  CHECK_THROWS_AS(sink.execute({"INSERT INTO nowhere VALUES (1)", "insert"}),
                  dialects::DatabaseError);
  sink.rollback(); // no transaction open: does nothing, does not throw
}
