// Conformance: create_index (plain, multi-column, unique, partial, expression), drop_index.
#include "conformance_fixture.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

schema::Index index(std::string name, std::vector<std::string> columns, bool unique = false,
                    std::optional<std::string> where = std::nullopt) {
  return {std::move(name), schema::parse_index_parts(columns), unique, std::move(where),
          std::nullopt};
}

} // namespace

TEST_CASE("create_index", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::CreateIndex{"users", index("ix_users_name", {"name"})});
  f.round_trip(schema::CreateIndex{"users", index("ix_users_org_id_age", {"org_id", "age"})});
}

TEST_CASE("create_index unique", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(
      schema::CreateIndex{"users", index("ix_users_org_id_email", {"org_id", "email"}, true)});
}

TEST_CASE("create_index partial", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::CreateIndex{
      "users", index("ix_users_adult_name", {"name"}, false, std::string("age >= 18"))});
}

TEST_CASE("create_index on an expression", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::CreateIndex{"users", index("ix_users_lower_email", {"lower(email)"}, true)});
}

TEST_CASE("drop_index", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::DropIndex{"users", "ix_users_email", f.table("users").indexes.at(0)});
}
