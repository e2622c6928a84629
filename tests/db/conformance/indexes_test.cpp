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
  const schema::CreateIndex op{
      "users", index("ix_users_adult_name", {"name"}, false, std::string("age >= 18"))};
  if (!f.dialect().has_partial_indexes()) {
    // Refused before anything runs, naming the index.
    CHECK_THROWS_WITH(f.dialect().render(op, f.state()), Catch::Contains("ix_users_adult_name") &&
                                                             Catch::Contains("no partial indexes"));
    return; // what this database conforms to: the refusal, asserted above (not a skip: the
            // server is there and the case really ran)
  }
  f.round_trip(op);
}

TEST_CASE("create_index on an expression", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  const schema::CreateIndex op{"users", index("ix_users_lower_email", {"lower(email)"}, true)};
  if (!f.dialect().has_expression_indexes(f.db().conn())) {
    dialects::RenderContext context;
    context.live = &f.db().conn();
    CHECK_THROWS_WITH(f.dialect().render(op, f.state(), context),
                      Catch::Contains("ix_users_lower_email") &&
                          Catch::Contains("no expression indexes"));
    return; // the refusal is this server's conforming behaviour, asserted above
  }
  f.round_trip(op);
}

TEST_CASE("drop_index", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::DropIndex{"users", "ix_users_email", f.table("users").indexes.at(0)});
}
