// Conformance: create/alter/drop of sequences (PostgreSQL, MariaDB), domains and extensions
// (PostgreSQL). Each op runs, the live schema is read back and compared with the tracked state,
// // then its reverse runs and is compared again. On a database without the kind, the case checks
// that the dialect refuses the op and nothing changes (the models loader refuses the kind
// first: model_file_objects_test.cpp).
#include "conformance_fixture.h"
#include "migrate/diff.h"
#include "util/strings.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

schema::Sequence ticket_seq() {
  schema::Sequence s;
  s.name = "ticket_seq";
  s.start = 100;
  s.increment = 5;
  s.max = 1000000;
  s.cache = 10;
  return s;
}

// How a default takes the next value: PostgreSQL names the sequence as a regclass literal,
// MariaDB as a table.
std::string nextval(const dialects::Dialect& d, const std::string& sequence) {
  return d.has_sequence_types_and_owners() ? "nextval('" + sequence + "'::regclass)"
                                           : "nextval(" + sequence + ")";
}

schema::Domain year() {
  schema::Domain d;
  d.name = "year";
  d.type = "integer";
  d.checks = {{"year_check", "VALUE >= 1901 AND VALUE <= 2155"}};
  return d;
}

// Where the database has no such kind, the case proves the other half of the contract: the
// dialect refuses the op with an error naming it (the models loader refuses the kind before
// that, with file:line), and nothing reaches the database. Never a skip: a skipped test
// means a missing server.
void expect_refused(Fixture& f, const schema::Op& op, const std::string& object) {
  const std::string name = schema::op_name(op);
  CHECK_THROWS_WITH(f.dialect().render(op, f.state()),
                    Catch::Contains(name) || Catch::Contains(util::squote(object)));
  INFO("after a refused " << name);
  CHECK(migrate::diff(f.db().introspect(), f.state(), f.diff_options()).empty());
}

} // namespace

TEST_CASE("create_sequence", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_sequences()) {
    expect_refused(f, schema::CreateSequence{ticket_seq()}, "ticket_seq");
    return;
  }
  f.round_trip(schema::CreateSequence{ticket_seq()});
  schema::Sequence cycling;
  cycling.name = "cycling_seq";
  cycling.increment = -1;
  cycling.cycle = true;
  f.round_trip(schema::CreateSequence{cycling});
}

TEST_CASE("alter_sequence", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_sequences()) {
    expect_refused(f, schema::CreateSequence{ticket_seq()}, "ticket_seq");
    return;
  }
  f.apply(schema::CreateSequence{ticket_seq()});
  schema::Sequence changed = ticket_seq();
  changed.increment = 7;
  changed.max.reset();
  changed.cache.reset();
  f.round_trip(schema::AlterSequence{changed, ticket_seq()});
}

TEST_CASE("drop_sequence", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_sequences()) {
    expect_refused(f, schema::CreateSequence{ticket_seq()}, "ticket_seq");
    return;
  }
  f.apply(schema::CreateSequence{ticket_seq()});
  f.round_trip(schema::DropSequence{"ticket_seq", ticket_seq()});
}

TEST_CASE("a column default from a sequence of its own", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_sequences()) {
    expect_refused(f, schema::CreateSequence{ticket_seq()}, "ticket_seq");
    return;
  }
  f.apply(schema::CreateSequence{ticket_seq()});
  schema::Column ticket = col("ticket", "bigint");
  ticket.default_expr = nextval(f.dialect(), "ticket_seq");
  f.round_trip(schema::AddColumn{"users", ticket});
  // Not a serial (nothing owns the sequence): the default stays, the column does not
  // autoincrement, and the sequence is still the model's.
  f.apply(schema::AddColumn{"users", ticket});
  const auto live = f.db().introspect();
  REQUIRE(live.find_sequence("ticket_seq") != nullptr);
  CHECK_FALSE(live.find_table("users")->find_column("ticket")->autoincrement);
}

TEST_CASE("a sequence owned by a column", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Sequence typed = ticket_seq();
  typed.type = "integer";
  if (!f.dialect().has_sequence_types_and_owners()) {
    expect_refused(f, schema::CreateSequence{typed}, "ticket_seq");
    return;
  }
  f.round_trip(schema::CreateSequence{typed});
  f.apply(schema::CreateSequence{typed});
  schema::Sequence owned = typed;
  owned.owned_by = "users.age";
  f.round_trip(schema::AlterSequence{owned, typed});
  // A serial: OWNED BY its column with serial's options, the column's default from it. The
  // column autoincrements and the sequence is not listed.
  f.db().conn().exec("CREATE TABLE counters (id serial PRIMARY KEY, n int)");
  const auto live = f.db().introspect();
  CHECK(live.find_sequence("counters_id_seq") == nullptr);
  CHECK(live.find_table("counters")->find_column("id")->autoincrement);
  f.db().conn().exec("DROP TABLE counters");
}

TEST_CASE("create_domain, alter_domain and a column of a domain", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_domains()) {
    expect_refused(f, schema::CreateDomain{year()}, "year");
    return;
  }
  schema::Domain code;
  code.name = "code";
  code.type = "varchar(10)";
  code.nullable = false;
  code.default_expr = "'x'";
  f.round_trip(schema::CreateDomain{code});
  f.round_trip(schema::CreateDomain{year()});
  f.apply(schema::CreateDomain{year()});
  f.round_trip(schema::AddColumn{"users", col("born", "year")});
  // A check added (and, by the reverse, dropped); a default and NOT NULL changed.
  schema::Domain more = year();
  more.checks.push_back({"year_even", "(VALUE % 2) = 0"});
  more.default_expr = "2000";
  f.round_trip(schema::AlterDomain{more, year()});
}

TEST_CASE("create_extension, and an index that needs it", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_extensions()) {
    expect_refused(f, schema::CreateExtension{{"citext", {}, {}}}, "citext");
    return;
  }
  f.round_trip(schema::CreateExtension{{"citext", {}, {}}});
  // int has no GiST operator class until btree_gist brings one.
  f.apply(schema::CreateExtension{{"btree_gist", {}, {}}});
  schema::Index by_age;
  by_age.name = "users_age_gist";
  by_age.parts = schema::parse_index_parts({"age"});
  by_age.method = "gist";
  f.round_trip(schema::CreateIndex{"users", by_age});
}
