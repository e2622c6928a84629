#pragma once
// The conformance suite: every op of the spec, written once and run against each database
// listed in tests/CMakeLists.txt. Each case renders an op with the database's dialect, runs it
// on a real database that holds rows, introspects, checks that the diff between the live
// schema and the tracked state (schema::apply) is empty, runs the reverse op, checks again,
// and checks the rows were kept.
#include "dialects/dialect.h"
#include "migrate/diff.h"
#include "schema/model.h"
#include "schema/ops.h"
#include "support/scratch_database.h"
#include "support/skip.h"

#include <string>
#include <utility>
#include <vector>

namespace migratecpp::test::conformance {

// What a round trip may lose: a table name, or "table.column", whose data is not expected
// back after the reverse op (the reverse of a drop restores the structure, not the rows).
struct Expect {
  std::vector<std::string> lost;
};

// True when the dialect keeps enum types as objects of their own (PostgreSQL): enum ops render
// DDL and introspection reads them back.
// TODO(issue 8): ask the Dialect's capability query once the interface has one; until then
// this asks the dialect itself whether create_enum renders any DDL (never its name).
bool enum_types_are_objects(const dialects::Dialect& dialect);

class Fixture {
public:
  explicit Fixture(ScratchDatabase& db);

  // orgs, users and orders, created by create_table ops (each checked like any op), with rows:
  //   orgs(id, name unique)                    2 rows
  //   users(id, org_id -> orgs, email, name, age default 0, check age >= 0, unique index on
  //         email, comments)                   3 rows, one NULL name
  //   orders(id, user_id -> users, total)      2 rows
  void create_tables();

  // Renders `op` against the tracked state, runs it, folds it into the state, and checks that
  // the live schema has no diff against the state.
  void apply(const schema::Op& op);
  // apply(op), then apply(schema::reverse(op)); rows kept after each (see Expect).
  void round_trip(const schema::Op& op, const Expect& expect = {});

  const schema::Database& state() const { return m_state; }
  const schema::Table& table(const std::string& name) const;
  const dialects::Dialect& dialect() const { return m_db.dialect(); }
  // The options autogenerate would diff with on this database (from the dialect's capabilities).
  const migrate::DiffOptions& diff_options() const { return m_diff_options; }
  ScratchDatabase& db() { return m_db; }
  std::vector<std::string> rows(const std::string& sql) { return m_db.rows(sql); }
  std::string quote(const std::string& ident) const { return dialect().quote_ident(ident); }

private:
  // Every row of every table of the state (bar `lost`), ordered by primary key: "t: a|b|c".
  std::vector<std::string> snapshot(const std::vector<std::string>& lost);
  // Row count per table of the state.
  std::vector<std::pair<std::string, std::string>> counts();
  std::string count(const std::string& table);
  void check_no_diff(const std::string& after);

  ScratchDatabase& m_db;
  schema::Database m_state;
  migrate::DiffOptions m_diff_options;
};

// Short builders for model objects.
schema::Column col(std::string name, std::string type, bool nullable = true);
schema::Column pk(std::string name, std::string type = "bigint");
schema::Table orgs_table();
schema::Table users_table();
schema::Table orders_table();

} // namespace migratecpp::test::conformance

// Declares `f` (a Fixture on a fresh database holding the three tables), or ends the test case
// reported as skipped when the database's server is not configured.
#define MIGRATECPP_CONFORMANCE_FIXTURE(f)                                                          \
  MIGRATECPP_SCRATCH_DATABASE_OR_SKIP(f##_db);                                                     \
  ::migratecpp::test::conformance::Fixture f(*f##_db);                                             \
  f.create_tables()
