// Conformance: aggregates and operators (PostgreSQL). Each op runs, the live schema is read
// back and compared with the tracked state, then its reverse runs and is compared again. The
// objects are written as PostgreSQL prints them back (regproc and format_type spellings).
// Elsewhere the ops are refused and nothing changes (the models loader refuses
// [[aggregate]] and [[operator]] first).
#include "conformance_fixture.h"
#include "migrate/diff.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

schema::Routine concat_step() {
  schema::Routine r;
  r.name = "concat_step";
  r.arguments = "text, text";
  r.returns = "text";
  r.definition = "CREATE OR REPLACE FUNCTION concat_step(text, text)\n RETURNS text\n"
                 " LANGUAGE sql\n IMMUTABLE\nAS $function$SELECT coalesce($1 || ',', '') || "
                 "$2$function$";
  return r;
}

schema::Aggregate concat_all(std::optional<std::string> initcond) {
  schema::Aggregate a;
  a.name = "concat_all";
  a.arguments = "text";
  a.sfunc = "concat_step";
  a.stype = "text";
  a.initcond = std::move(initcond);
  a.parallel = "safe";
  return a;
}

schema::Aggregate every_count() {
  schema::Aggregate a; // count(*) again, with a final function, a sort operator, a moving mode
  a.name = "every_count";
  a.sfunc = "int8inc";
  a.stype = "bigint";
  a.initcond = "0";
  a.combinefunc = "int8pl";
  a.msfunc = "int8inc";
  a.minvfunc = "int8dec";
  a.mstype = "bigint";
  a.minitcond = "0";
  return a;
}

schema::Operator tilde_lt() {
  schema::Operator o;
  o.name = "~<<";
  o.leftarg = "text";
  o.rightarg = "text";
  o.function = "text_lt";
  o.commutator = "~>>";
  o.restrict = "scalarltsel";
  o.join = "scalarltjoinsel";
  return o;
}

schema::Operator tilde_gt() {
  schema::Operator o = tilde_lt();
  o.name = "~>>";
  o.function = "text_gt";
  o.commutator = "~<<";
  o.restrict = "scalargtsel";
  o.join = "scalargtjoinsel";
  return o;
}

schema::Operator prefix_minus() {
  schema::Operator o;
  o.name = "-~";
  o.rightarg = "bigint";
  o.function = "int8um";
  return o;
}

} // namespace

TEST_CASE("create_aggregate and drop_aggregate", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_aggregates_and_operators()) {
    const schema::Op op = schema::CreateAggregate{concat_all("")};
    CHECK_THROWS_WITH(f.dialect().render(op, f.state()), Catch::Contains("create_aggregate"));
    CHECK(migrate::diff(f.db().introspect(), f.state(), f.diff_options()).empty());
    return;
  }
  f.apply(schema::CreateRoutine{concat_step()});
  f.round_trip(schema::CreateAggregate{concat_all("")});
  f.round_trip(schema::CreateAggregate{every_count()});
  f.apply(schema::CreateAggregate{concat_all("<")});
  CHECK(f.rows("SELECT concat_all(x) FROM (VALUES ('a'), ('b')) v(x)") ==
        std::vector<std::string>{"<,a,b"});
  f.round_trip(schema::DropAggregate{"concat_all", "text", concat_all("<")});
}

TEST_CASE("create_operator and drop_operator", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_aggregates_and_operators()) {
    const schema::Op op = schema::CreateOperator{tilde_lt()};
    CHECK_THROWS_WITH(f.dialect().render(op, f.state()), Catch::Contains("create_operator"));
    return;
  }
  f.round_trip(schema::CreateOperator{prefix_minus()});
  f.apply(schema::CreateOperator{prefix_minus()});
  // A commutator pair: the first makes a shell of the second, which the second fills in. (No
  // round trip of one of the pair: PostgreSQL's DROP OPERATOR clears the other's commutator.)
  f.apply(schema::CreateOperator{tilde_lt()});
  f.apply(schema::CreateOperator{tilde_gt()});
  CHECK(f.rows("SELECT 'a' ~<< 'b', 'a' ~>> 'b', -~ 5::bigint") ==
        std::vector<std::string>{"t|f|-5"});
}
