// Conformance: bulk_insert and execute.
#include "conformance_fixture.h"

#include "util/error.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

TEST_CASE("bulk_insert", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::BulkInsert insert;
  insert.table = "users";
  // Quotes, a backslash, non-ASCII text, NULL.
  insert.rows = {{{"id", std::int64_t{4}},
                  {"org_id", std::int64_t{2}},
                  {"email", std::string("d@x.org")},
                  {"name", std::string("O'Hara \\ \"Dee\" Łukasz")},
                  {"age", std::int64_t{0}}},
                 {{"id", std::int64_t{5}},
                  {"org_id", std::int64_t{1}},
                  {"email", std::string("e@x.org")},
                  {"name", schema::Value{schema::Null{}}},
                  {"age", std::int64_t{22}}}};
  f.apply(insert);
  CHECK(f.rows("SELECT id, org_id, email, name, age FROM users WHERE id > 3 ORDER BY id") ==
        std::vector<std::string>{"4|2|d@x.org|O'Hara \\ \"Dee\" Łukasz|0", "5|1|e@x.org|NULL|22"});
  CHECK(f.rows("SELECT count(*) FROM users") == std::vector<std::string>{"5"});
  // Not reversible by design (which rows to delete is the author's call).
  CHECK_THROWS_AS(schema::reverse(insert), util::Error);
}

TEST_CASE("execute", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Execute e;
  e.sql = {{"", "UPDATE users SET age = age + 1"}};
  e.reverse_sql = {{"", "UPDATE users SET age = age - 1"}};
  f.apply(e);
  CHECK(f.rows("SELECT age FROM users ORDER BY id") == std::vector<std::string>{"31", "41", "51"});
  f.apply(schema::reverse(e));
  f.round_trip(e);
}

TEST_CASE("execute runs the dialect's own SQL before the generic one, or nothing",
          "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  // Keys are the dialect names revision files use ("sqlite", "postgresql", "mysql").
  const std::string own(f.dialect().name());
  schema::Execute e;
  e.sql = {{own, "UPDATE users SET name = 'own'"}, {"", "UPDATE users SET name = 'generic'"}};
  f.apply(e);
  CHECK(f.rows("SELECT DISTINCT name FROM users") == std::vector<std::string>{"own"});
  schema::Execute other;
  other.sql = {{"no-such-dialect", "UPDATE users SET name = 'other'"}};
  CHECK(f.dialect().render(other, f.state()).empty());
  f.apply(other);
  CHECK(f.rows("SELECT DISTINCT name FROM users") == std::vector<std::string>{"own"});
}
