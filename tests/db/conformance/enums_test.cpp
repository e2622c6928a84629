// Conformance: create_enum, add_enum_value, drop_enum. On a dialect that keeps enum types as
// objects (a capability, see enum_types_are_objects) they are created, read back and used by a
// column; elsewhere they render no DDL and the schema still shows no difference.
#include "conformance_fixture.h"

#include "util/error.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

TEST_CASE("create_enum", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  const schema::CreateEnum create{{"mood", {"sad", "ok", "happy"}}};
  if (!enum_types_are_objects(f.dialect())) {
    CHECK(f.dialect().render(create, f.state()).empty());
  }
  f.round_trip(create);
}

TEST_CASE("add_enum_value", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.apply(schema::CreateEnum{{"mood", {"sad", "happy"}}});
  const bool objects = enum_types_are_objects(f.dialect());
  if (objects) {
    f.apply(schema::AddColumn{"users", col("mood", "mood")});
    f.db().conn().exec("UPDATE users SET mood = 'happy' WHERE id = 1");
  }
  const schema::AddEnumValue add{"mood", "ok", std::string("happy")};
  f.apply(add);
  f.apply(schema::AddEnumValue{"mood", "ecstatic", std::nullopt});
  if (objects) {
    // The new values are usable once committed, and sort where they were placed.
    f.db().conn().exec("UPDATE users SET mood = 'ok' WHERE id = 2");
    f.db().conn().exec("UPDATE users SET mood = 'ecstatic' WHERE id = 3");
    CHECK(f.rows("SELECT id FROM users ORDER BY mood") ==
          std::vector<std::string>{"2", "1", "3"}); // ok < happy < ecstatic
    const auto live = f.db().introspect();
    REQUIRE(live.find_enum("mood") != nullptr);
    CHECK(live.find_enum("mood")->values ==
          std::vector<std::string>{"sad", "ok", "happy", "ecstatic"});
  }
  CHECK_THROWS_AS(schema::reverse(add), util::Error); // no DROP VALUE in PostgreSQL
}

TEST_CASE("drop_enum", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  const schema::Enum mood{"mood", {"sad", "ok"}};
  f.apply(schema::CreateEnum{mood});
  f.round_trip(schema::DropEnum{"mood", mood});
}
