// Conformance: add_column, drop_column, alter_column (type, nullability, default, rename,
// comment).
#include "conformance_fixture.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

schema::AlterColumn alter(const Fixture& f, const std::string& table, const std::string& column) {
  const auto* c = f.table(table).find_column(column);
  REQUIRE(c != nullptr);
  schema::AlterColumn op;
  op.table = table;
  op.column = column;
  op.existing_type = c->type.declared();
  op.existing_nullable = c->nullable;
  op.existing_default = c->default_expr.value_or("");
  op.existing_comment = c->comment.value_or("");
  return op;
}

} // namespace

TEST_CASE("add_column nullable", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::AddColumn{"users", col("nick", "varchar(40)")});
}

TEST_CASE("add_column not null with a default and a comment", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Column nick = col("nick", "varchar(40)", false);
  nick.default_expr = "'anon'";
  nick.comment = "shown name";
  f.apply(schema::AddColumn{"users", nick});
  CHECK(f.rows("SELECT nick FROM users ORDER BY id") ==
        std::vector<std::string>{"anon", "anon", "anon"});
  f.apply(schema::DropColumn{"users", "nick", nick});
  f.round_trip(schema::AddColumn{"users", nick});
}

TEST_CASE("drop_column", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  // The reverse adds the column back, empty.
  f.round_trip(schema::DropColumn{"users", "name", *f.table("users").find_column("name")},
               {{"users.name"}});
}

TEST_CASE("drop_column of a column with a default and a comment", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::DropColumn{"users", "age", *f.table("users").find_column("age")},
               {{"users.age"}});
}

TEST_CASE("alter_column type", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto op = alter(f, "users", "age");
  op.type = "bigint";
  f.round_trip(op);
  auto widen = alter(f, "users", "email");
  widen.type = "varchar(320)";
  f.round_trip(widen);
}

TEST_CASE("alter_column nullability", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto op = alter(f, "users", "email");
  op.nullable = true;
  f.round_trip(op);
}

TEST_CASE("alter_column sets a default", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto op = alter(f, "users", "name");
  op.default_expr = "'nobody'";
  f.round_trip(op);
}

TEST_CASE("alter_column changes and drops a default", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto change = alter(f, "users", "age");
  change.default_expr = "18";
  f.round_trip(change);
  auto drop = alter(f, "users", "age");
  drop.default_expr = "";
  f.round_trip(drop);
}

TEST_CASE("alter_column rename", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto op = alter(f, "users", "name");
  op.new_name = "full_name";
  f.round_trip(op);
}

TEST_CASE("alter_column rename of a column used by an index, a check and a foreign key",
          "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto age = alter(f, "users", "age"); // in ck_users_age
  age.new_name = "years";
  f.round_trip(age);
  auto email = alter(f, "users", "email"); // in ix_users_email
  email.new_name = "mail";
  f.round_trip(email);
  auto id = alter(f, "users", "id"); // referenced by orders.user_id
  id.new_name = "user_id";
  f.round_trip(id);
}

TEST_CASE("alter_column comment", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto set = alter(f, "users", "name");
  set.comment = "display name";
  f.round_trip(set);
  auto change = alter(f, "users", "email");
  change.comment = "where we write";
  f.round_trip(change);
  auto remove = alter(f, "users", "email");
  remove.comment = "";
  f.round_trip(remove);
}

TEST_CASE("alter_column type, nullability, default and comment at once", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  auto op = alter(f, "users", "age");
  op.type = "bigint";
  op.nullable = false;
  op.default_expr = "1";
  op.comment = "in years";
  f.round_trip(op);
}
