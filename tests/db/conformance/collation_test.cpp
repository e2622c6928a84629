// Conformance: a column's own collation (the `collation` key), created, read back, changed
// both ways with the rows kept, and kept across a type change.
#include "conformance_fixture.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

// A collation each database has that is not a text column's default there. Test data, so
// per database by name: the product never compares dialect names.
std::string other_collation(const dialects::Dialect& d) {
  if (d.name() == "sqlite") {
    return "NOCASE";
  }
  if (d.name() == "postgresql") {
    return "C";
  }
  return "utf8mb4_bin";
}

schema::AlterColumn alter_collation(const Fixture& f, const std::string& column,
                                    const std::string& collation) {
  const auto* c = f.table("users").find_column(column);
  REQUIRE(c != nullptr);
  schema::AlterColumn op;
  op.table = "users";
  op.column = column;
  op.existing_type = c->type.declared();
  op.existing_nullable = c->nullable;
  op.existing_default = c->default_expr.value_or("");
  op.existing_comment = c->comment.value_or("");
  op.existing_collation = c->collation.value_or("");
  op.collation = collation;
  return op;
}

} // namespace

TEST_CASE("add_column with a collation", "[conformance][collation]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Column nick = col("nick", "varchar(40)");
  nick.collation = other_collation(f.dialect());
  f.round_trip(schema::AddColumn{"users", nick});
}

TEST_CASE("create_table with a collation", "[conformance][collation]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Table t;
  t.name = "tags";
  t.columns = {pk("id"), col("label", "varchar(40)", false)};
  t.columns[1].collation = other_collation(f.dialect());
  f.round_trip(schema::CreateTable{t});
}

TEST_CASE("alter_column collation, both ways, rows kept", "[conformance][collation]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(alter_collation(f, "name", other_collation(f.dialect())));
  f.round_trip(alter_collation(f, "email", other_collation(f.dialect())));
}

TEST_CASE("a type change keeps the column's collation", "[conformance][collation]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.apply(alter_collation(f, "email", other_collation(f.dialect())));
  const auto* c = f.table("users").find_column("email");
  schema::AlterColumn widen;
  widen.table = "users";
  widen.column = "email";
  widen.type = "varchar(320)";
  widen.existing_type = c->type.declared();
  widen.existing_nullable = c->nullable;
  widen.existing_default = c->default_expr.value_or("");
  widen.existing_comment = c->comment.value_or("");
  widen.existing_collation = c->collation.value_or("");
  f.round_trip(widen); // the fixture checks the live column still has the collation
}
