// Conformance: generated columns (create_table, add_column, drop_column, a changed generation
// as drop + add, bulk_insert leaving them out) and table options (alter_table_options where
// the dialect has them, a clear refusal where it does not).
#include "conformance_fixture.h"

#include "util/error.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

schema::Column generated(std::string name, std::string type, std::string expression, bool stored) {
  schema::Column c = col(std::move(name), std::move(type));
  c.generated = schema::Generated{std::move(expression), stored};
  return c;
}

// Stored everywhere; virtual where the dialect has virtual generated columns.
std::vector<bool> kinds(const Fixture& f) {
  if (f.dialect().has_virtual_generated_columns()) {
    return {true, false};
  }
  return {true};
}

} // namespace

TEST_CASE("create_table with generated columns", "[conformance][generated]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Table t;
  t.name = "boxes";
  t.columns = {pk("id", "integer"), col("w", "integer", false), col("h", "integer", false),
               generated("area", "integer", "w * h", true)};
  if (f.dialect().has_virtual_generated_columns()) {
    t.columns.push_back(generated("twice", "integer", "w * 2", false));
  }
  f.round_trip(schema::CreateTable{t});
  f.apply(schema::CreateTable{t});
  // Values for generated columns are left out of the INSERT: the database computes them.
  f.apply(schema::BulkInsert{"boxes",
                             {{{"id", std::int64_t{1}},
                               {"w", std::int64_t{3}},
                               {"h", std::int64_t{4}},
                               {"area", std::int64_t{99}}}}});
  CHECK(f.rows("SELECT area FROM boxes") == std::vector<std::string>{"12"});
}

TEST_CASE("add_column and drop_column of a generated column", "[conformance][generated]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  for (bool stored : kinds(f)) {
    INFO((stored ? "stored" : "virtual"));
    const auto twice = generated("twice", "integer", "age * 2", stored);
    f.round_trip(schema::AddColumn{"users", twice});
    f.apply(schema::AddColumn{"users", twice});
    CHECK(f.rows("SELECT twice FROM users ORDER BY id") ==
          f.rows("SELECT age * 2 FROM users ORDER BY id"));
    f.round_trip(schema::DropColumn{"users", "twice", twice});
    f.apply(schema::DropColumn{"users", "twice", twice});
  }
}

TEST_CASE("a changed generation is a drop and an add that the diff makes",
          "[conformance][generated]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.apply(schema::AddColumn{"users", generated("twice", "integer", "age * 2", true)});
  schema::Database want = f.state();
  want.find_table("users")->find_column("twice")->generated->expression = "age * 3";
  const auto r = migrate::diff(f.state(), want, {});
  REQUIRE(r.upgrade.size() == 2);
  for (const auto& op : r.upgrade) {
    f.apply(op);
  }
  CHECK(f.rows("SELECT twice FROM users ORDER BY id") ==
        f.rows("SELECT age * 3 FROM users ORDER BY id"));
  for (const auto& op : r.downgrade) {
    f.apply(op);
  }
  CHECK(f.rows("SELECT twice FROM users ORDER BY id") ==
        f.rows("SELECT age * 2 FROM users ORDER BY id"));
}

// The database drops an index or constraint on a column with the column: the diff must drop
// them first and make them again on the column's new definition, or they are lost.
TEST_CASE("a changed generation keeps the indexes and constraints on the column",
          "[conformance][generated]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.apply(schema::AddColumn{"users", generated("twice", "integer", "age * 2", true)});
  f.apply(schema::CreateIndex{"users", {"ix_users_twice", {"twice"}, false, std::nullopt, {}}});
  f.apply(schema::CreateUnique{"users", {"uq_users_twice_id", {"twice", "id"}}});
  f.apply(schema::CreateCheck{"users", {"ck_users_twice", "twice >= 0"}});
  const schema::Database before = f.state();
  schema::Database want = before;
  want.find_table("users")->find_column("twice")->generated->expression = "age * 3";
  const auto r = migrate::diff(f.state(), want, {});
  for (const auto& op : r.upgrade) {
    f.apply(op);
  }
  CHECK(migrate::diff(f.state(), want, {}).upgrade.empty());
  const schema::Table& users = f.table("users");
  CHECK(users.indexes.size() == before.find_table("users")->indexes.size());
  CHECK(users.checks.size() == before.find_table("users")->checks.size());
  CHECK(f.rows("SELECT twice FROM users ORDER BY id") ==
        f.rows("SELECT age * 3 FROM users ORDER BY id"));
  for (const auto& op : r.downgrade) {
    f.apply(op);
  }
  CHECK(migrate::diff(f.state(), before, {}).upgrade.empty());
  CHECK(f.rows("SELECT twice FROM users ORDER BY id") ==
        f.rows("SELECT age * 2 FROM users ORDER BY id"));
}

TEST_CASE("alter_column of a generated column keeps its generation", "[conformance][generated]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  for (bool stored : kinds(f)) {
    INFO((stored ? "stored" : "virtual"));
    f.apply(schema::AddColumn{"users", generated("twice", "integer", "age * 2", stored)});
    // A comment, then a type: each an alter_column that the dialect runs without losing the
    // generation (apply checks the live column against the tracked one, generation included).
    schema::Database want = f.state();
    want.find_table("users")->find_column("twice")->comment = "computed";
    auto r = migrate::diff(f.state(), want, f.diff_options());
    REQUIRE(r.upgrade.size() == 1);
    REQUIRE(std::get<schema::AlterColumn>(r.upgrade[0]).existing_generated ==
            schema::Generated{"age * 2", stored});
    f.round_trip(r.upgrade[0]);
    want.find_table("users")->find_column("twice")->type = schema::ColumnType("bigint");
    r = migrate::diff(f.state(), want, f.diff_options());
    for (const auto& op : r.upgrade) {
      f.apply(op);
    }
    CHECK(f.rows("SELECT twice FROM users ORDER BY id") ==
          f.rows("SELECT age * 2 FROM users ORDER BY id"));
    for (const auto& op : r.downgrade) {
      f.apply(op);
    }
    f.apply(schema::DropColumn{"users", "twice", f.table("users").columns.back()});
  }
}

TEST_CASE("alter_table_options, or its refusal naming the table", "[conformance][options]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::AlterTableOptions op;
  op.table = "orgs";
  op.options.row_format = "COMPACT";
  op.existing.row_format = "DYNAMIC";
  const auto keys = f.dialect().table_option_keys();
  if (std::find(keys.begin(), keys.end(), "row_format") == keys.end()) {
    CHECK_THROWS_WITH(f.dialect().render(op, f.state()),
                      Catch::Contains("table 'orgs'") && Catch::Contains("option 'row_format'"));
    schema::Table t = orgs_table();
    t.name = "other";
    t.options.engine = "InnoDB";
    CHECK_THROWS_WITH(f.dialect().render(schema::CreateTable{t}, f.state()),
                      Catch::Contains("table 'other'"));
    return;
  }
  // A table made without options reads back without them (the defaults are left out): what
  // the tracked state holds after the op is what introspection shows.
  f.round_trip(op);
  schema::AlterTableOptions charset;
  charset.table = "orgs";
  charset.options.charset = "latin1";
  charset.options.collate = "latin1_general_ci";
  f.apply(charset);
  CHECK(f.table("orgs").options.collate == "latin1_general_ci");
}

TEST_CASE("unlogged tables, storage parameters and statistics targets, or their refusal",
          "[conformance][options]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::AlterTableOptions op;
  op.table = "orgs";
  op.options.unlogged = true;
  op.options.storage = std::map<std::string, std::string>{{"fillfactor", "70"}};
  op.existing.unlogged = false;
  op.existing.storage = std::map<std::string, std::string>{};
  schema::AlterColumn stats;
  stats.table = "orgs";
  stats.column = "name";
  stats.statistics = 500;
  stats.existing_statistics = -1;
  const auto keys = f.dialect().table_option_keys();
  if (std::find(keys.begin(), keys.end(), "unlogged") == keys.end()) {
    CHECK_THROWS_WITH(f.dialect().render(op, f.state()),
                      Catch::Contains("table 'orgs'") && Catch::Contains("option 'unlogged'"));
    CHECK_THROWS_WITH(f.dialect().render(stats, f.state()),
                      Catch::Contains("column 'orgs.name'") && Catch::Contains("statistics"));
    return;
  }
  // A table of its own: PostgreSQL keeps foreign keys between logged and unlogged tables
  // out. Introspection reads back what the state holds after each op, and the reverse resets
  // the parameter.
  schema::Table t = orgs_table();
  t.name = "scratch";
  t.uniques.clear(); // its name is the schema's
  t.options.unlogged = true;
  t.options.storage = std::map<std::string, std::string>{{"autovacuum_enabled", "false"}};
  t.columns[1].statistics = 42;
  f.round_trip(schema::CreateTable{t});
  t.options = {};
  t.columns[1].statistics.reset();
  f.apply(schema::CreateTable{t});
  op.table = "scratch";
  stats.table = "scratch";
  f.round_trip(op);
  f.apply(op);
  CHECK(f.table("scratch").options.storage ==
        std::map<std::string, std::string>{{"fillfactor", "70"}});
  f.round_trip(stats);
}
