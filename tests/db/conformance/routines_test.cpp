// Conformance: functions and procedures (PostgreSQL, MariaDB) and triggers (every dialect).
// Each op runs, the live schema is read back and compared with the tracked state, then its
// reverse runs and is compared again. The definitions are written in the form each server
// prints them back (pg_get_functiondef; MariaDB's ROUTINES/PARAMETERS layout). On SQLite the
// routine ops are refused and nothing changes (the models loader refuses [[function]] first).
#include "conformance_fixture.h"
#include "migrate/diff.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

// PostgreSQL is the dialect whose triggers call functions.
bool is_pg(const Fixture& f) {
  return f.dialect().trigger_features().calls_function;
}

schema::Routine add1(const Fixture& f, const std::string& body) {
  schema::Routine r;
  r.name = "add1";
  r.kind = "function";
  if (is_pg(f)) {
    r.arguments = "n integer";
    r.returns = "integer";
    r.definition = "CREATE OR REPLACE FUNCTION add1(n integer)\n RETURNS integer\n LANGUAGE sql\n"
                   " IMMUTABLE\nAS $function$SELECT n + " +
                   body + "$function$";
  } else {
    r.returns = "int(11)";
    r.definition =
        "CREATE FUNCTION `add1`(`n` int(11)) RETURNS int(11)\nDETERMINISTIC\nRETURN n + " + body;
  }
  return r;
}

schema::Routine noop_procedure(const Fixture& f) {
  schema::Routine r;
  r.name = "noop";
  r.kind = "procedure";
  r.definition =
      is_pg(f)
          ? "CREATE OR REPLACE PROCEDURE noop()\n LANGUAGE sql\nAS $procedure$SELECT 1$procedure$"
          : "CREATE PROCEDURE `noop`()\nSELECT 1";
  return r;
}

schema::Routine fill_name() {
  schema::Routine r;
  r.name = "fill_name";
  r.returns = "trigger";
  r.definition = "CREATE OR REPLACE FUNCTION fill_name()\n RETURNS trigger\n LANGUAGE plpgsql\n"
                 "AS $function$BEGIN NEW.name := coalesce(NEW.name, 'x'); RETURN NEW; "
                 "END$function$";
  return r;
}

schema::Trigger name_trigger(const Fixture& f) {
  schema::Trigger t;
  t.name = "users_fill_name";
  t.table = "users";
  t.events = {"insert"};
  if (is_pg(f)) {
    t.timing = "before";
    t.function = "fill_name()";
  } else if (f.dialect().trigger_features().order) { // MySQL
    t.timing = "before";
    t.body = "SET NEW.name = COALESCE(NEW.name, 'x')";
  } else {
    t.timing = "after";
    t.body = "BEGIN UPDATE users SET name = 'x' WHERE id = NEW.id AND name IS NULL; END";
  }
  return t;
}

} // namespace

TEST_CASE("create_function and create_procedure", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_routines()) {
    const schema::Op op = schema::CreateRoutine{add1(f, "1")};
    CHECK_THROWS_WITH(f.dialect().render(op, f.state()), Catch::Contains("create_function"));
    CHECK(migrate::diff(f.db().introspect(), f.state(), f.diff_options()).empty());
    return;
  }
  f.round_trip(schema::CreateRoutine{add1(f, "1")});
  f.round_trip(schema::CreateRoutine{noop_procedure(f)});
}

TEST_CASE("replace_function", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_routines()) {
    return; // refused above
  }
  f.apply(schema::CreateRoutine{add1(f, "1")});
  f.round_trip(schema::ReplaceRoutine{add1(f, "2"), add1(f, "1")});
  CHECK(f.rows("SELECT add1(40)") == std::vector<std::string>{"41"});
}

TEST_CASE("create_trigger and drop_trigger", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (is_pg(f)) {
    f.apply(schema::CreateRoutine{fill_name()});
  }
  f.round_trip(schema::CreateTrigger{name_trigger(f)});
  f.apply(schema::CreateTrigger{name_trigger(f)});
  f.round_trip(schema::DropTrigger{"users", "users_fill_name", name_trigger(f)});
}
