// Conformance: declarative partitioning (issue 11). Where the dialect has it (PostgreSQL), a
// partitioned table and its partitions are created by create_table ops, a new partition is
// added and taken back with the rows kept, a column added to the parent reaches the
// partitions without an op on them, and the live schema has no diff against the model. Where
// it has none, rendering a create_table that asks for it is refused, naming the table.
#include "conformance_fixture.h"

#include "migrate/diff.h"
#include "schema/apply.h"
#include "util/error.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

schema::Table events() {
  schema::Table t;
  t.name = "events";
  t.columns = {col("id", "integer", false), col("at", "integer", false)};
  schema::set_primary_key(t, {"at", "id"});
  t.partition_by = "RANGE (at)";
  return t;
}

schema::Table partition(const std::string& name, const std::string& bound) {
  schema::Table t;
  t.name = name;
  t.partition_of = "events";
  t.partition_bound = bound;
  return t;
}

} // namespace

TEST_CASE("partitions: created, added and taken back, rows kept", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().declarative_partitioning()) {
    CHECK_THROWS_WITH(f.dialect().render(schema::CreateTable{events()}, f.state()),
                      Catch::Contains("table 'events': partition_by / partition_of are "
                                      "PostgreSQL's declarative partitioning"));
    return;
  }
  f.apply(schema::CreateTable{events()});
  f.apply(schema::CreateTable{partition("events_0", "FOR VALUES FROM (0) TO (10)")});
  f.apply(schema::CreateTable{partition("events_rest", "DEFAULT")});
  f.db().conn().exec("INSERT INTO events VALUES (1, 5), (2, 50)");
  CHECK(f.rows("SELECT id FROM events_0") == std::vector<std::string>{"1"});
  // A new partition for rows none of the default's fit; both ways, rows kept.
  f.round_trip(schema::CreateTable{partition("events_1", "FOR VALUES FROM (10) TO (20)")});
  // A column of the parent reaches every partition by itself.
  schema::Column note = col("note", "text");
  f.round_trip(schema::AddColumn{"events", note});
  const schema::Database live = f.db().introspect();
  CHECK(live.find_table("events_0")->columns.empty());
  CHECK(migrate::diff(live, f.state(), f.diff_options()).empty());
}
