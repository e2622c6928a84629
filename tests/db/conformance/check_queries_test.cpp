// Conformance: `check` reads the catalog with a fixed number of statements, whatever the
// number of tables. The whole command runs (migrate::check: models loaded, the database opened,
// introspected and compared), against a database of 10 tables and one of 2000, each table with
// a default, a check, a unique constraint and a foreign key, and models that match it (written by
// `inspect`, so the check is clean). The count is the process-wide statement counter of the
// connections (dialects::Connection::statements_sent_by_process): exact and per process, where
// the servers' own counters are per session (the command's session is gone when it returns)
// or global (other tests run beside this one), and performance_schema may be off.
#include "dialects/connection.h"
#include "migrate/commands.h"
#include "migrate/config.h"
#include "support/scratch_database.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace migratecpp;

namespace {

// `count` tables t0..t<count-1>, each referring to the one before it, made in a few scripts
// of many statements (one round trip each), each script its own transaction where DDL has
// them: not one for all, whose thousands of locks would fill PostgreSQL's shared lock table
// and make other sessions on the server fail ("out of shared memory").
void create_tables(test::ScratchDatabase& db, int count) {
  const int k_per_script = 100;
  for (int first = 0; first < count; first += k_per_script) {
    db.conn().begin();
    std::string script;
    for (int i = first; i < count && i < first + k_per_script; ++i) {
      const std::string t = "t" + std::to_string(i);
      // Constraints only, no CREATE INDEX: a statement less per table (DDL is slow on
      // MariaDB), and the unique constraint is an index all the same.
      script += "CREATE TABLE " + t +
                " (id INTEGER NOT NULL PRIMARY KEY, v VARCHAR(20) NOT NULL DEFAULT 'x', "
                "p INTEGER, CONSTRAINT uq_" +
                t + "_v UNIQUE (v), CONSTRAINT ck_" + t + " CHECK (id > 0)" +
                (i > 0 ? ", CONSTRAINT fk_" + t + " FOREIGN KEY (p) REFERENCES t" +
                             std::to_string(i - 1) + " (id)"
                       : std::string()) +
                ");\n";
    }
    db.conn().exec_script(script);
    db.conn().commit();
  }
}

// Drops what create_tables made, newest first (each table is referred to by the next one),
// in the same chunks: the scratch database's DROP SCHEMA would otherwise take every lock at once.
void drop_tables(test::ScratchDatabase& db, int count) {
  const int k_per_script = 100;
  for (int last = count - 1; last >= 0; last -= k_per_script) {
    std::string script;
    for (int i = last; i >= 0 && i > last - k_per_script; --i) {
      script += "DROP TABLE t" + std::to_string(i) + ";\n";
    }
    db.conn().begin();
    db.conn().exec_script(script);
    db.conn().commit();
  }
}

// The statements one `check` sends, on a database of `tables` tables whose models match it.
std::size_t statements_of_check(test::ScratchDatabase& db, int tables) {
  create_tables(db, tables);
  test::TempDir dir;
  std::string config = "[database]\nurl = \"" + db.url() + "\"\n";
  if (!db.schema().empty()) {
    config += "schema = \"" + db.schema() + "\"\n";
  }
  config += "[models]\npaths = [\"models/*.toml\"]\n";
  test::write_file(dir / "migratecpp.toml", config);
  migrate::Project project;
  project.config = migrate::load_config(dir / "migratecpp.toml");
  project.url = db.url();

  std::ostringstream models;
  std::ostringstream diag;
  util::Output inspect_out(models, diag);
  migrate::inspect(project, {}, inspect_out);
  std::filesystem::create_directories(dir / "models");
  test::write_file(dir / "models" / "schema.toml", models.str());

  std::ostringstream data;
  util::Output out(data, diag);
  const std::size_t before = dialects::Connection::statements_sent_by_process();
  const bool clean = migrate::check(project, out);
  const std::size_t sent = dialects::Connection::statements_sent_by_process() - before;
  INFO(tables << " tables: " << data.str() << diag.str());
  CHECK(clean);
  drop_tables(db, tables);
  return sent;
}

} // namespace

TEST_CASE("check: as many statements at 2000 tables as at 10", "[conformance][check]") {
  MIGRATECPP_SCRATCH_DATABASE_OR_SKIP(small);
  MIGRATECPP_SCRATCH_DATABASE_OR_SKIP(large);
  const std::size_t at_10 = statements_of_check(*small, 10);
  const std::size_t at_2000 = statements_of_check(*large, 2000);
  INFO("statements sent by check: " << at_10 << " at 10 tables, " << at_2000 << " at 2000");
  CHECK(at_10 == at_2000);
  WARN("statements sent by check: " << at_10 << " at 10 tables, " << at_2000 << " at 2000");
}
