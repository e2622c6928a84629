// Conformance: create_unique, create_foreign_key, create_check, drop_constraint of each kind.
#include "conformance_fixture.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

TEST_CASE("create_unique", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::CreateUnique{"users", {"uq_users_org_id_email", {"org_id", "email"}}});
}

TEST_CASE("create_foreign_key", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::AddColumn add{"orders", col("org_id", "bigint")};
  f.apply(add);
  f.round_trip(schema::CreateForeignKey{
      "orders", {"fk_orders_org_id", {"org_id"}, "orgs", {"id"}, "set null", "cascade"}});
}

TEST_CASE("create_check", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::CreateCheck{"users", {"ck_users_age_max", "age < 200"}});
}

TEST_CASE("drop_constraint unique", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::DropConstraint{"orgs", "uq_orgs_name", f.table("orgs").uniques.at(0),
                                      std::nullopt, std::nullopt});
}

TEST_CASE("drop_constraint foreign key", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::DropConstraint{"users", "fk_users_org_id", std::nullopt,
                                      f.table("users").foreign_keys.at(0), std::nullopt});
}

TEST_CASE("drop_constraint check", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::DropConstraint{"users", "ck_users_age", std::nullopt, std::nullopt,
                                      f.table("users").checks.at(0)});
}
