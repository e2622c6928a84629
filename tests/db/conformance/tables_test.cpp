// Conformance: create_table, drop_table, rename_table, set_table_comment.
#include "conformance_fixture.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

TEST_CASE("create_table", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Table t;
  t.name = "tags";
  t.comment = "labels of users";
  t.columns = {pk("id", "integer"),         col("user_id", "bigint", false),
               col("label", "varchar(40)"), col("weight", "numeric(5,2)"),
               col("priority", "integer"),  col("created_at", "timestamp")};
  t.columns[0].autoincrement = true;
  t.columns[2].default_expr = "'none'";
  t.columns[5].default_expr = "CURRENT_TIMESTAMP";
  t.columns[2].comment = "shown as is";
  t.indexes = {{"ix_tags_label", {"label"}, false, std::nullopt, std::nullopt}};
  t.uniques = {{"uq_tags_user_id_label", {"user_id", "label"}}};
  t.foreign_keys = {{"fk_tags_user_id", {"user_id"}, "users", {"id"}, "cascade", ""}};
  t.checks = {{"ck_tags_priority", "priority >= 0"}};
  f.round_trip(schema::CreateTable{t});
}

TEST_CASE("create_table with a composite primary key", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Table t;
  t.name = "memberships";
  t.columns = {pk("user_id"), pk("org_id"), col("role", "varchar(20)", false)};
  t.foreign_keys = {{"fk_memberships_user_id", {"user_id"}, "users", {"id"}, "cascade", ""},
                    {"fk_memberships_org_id", {"org_id"}, "orgs", {"id"}, "cascade", ""}};
  f.round_trip(schema::CreateTable{t});
}

TEST_CASE("drop_table", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  // The reverse re-creates the structure; the rows of the dropped table are gone.
  f.round_trip(schema::DropTable{"orders", f.table("orders")}, {{"orders"}});
}

TEST_CASE("rename_table keeps the rows and the foreign keys pointing at it", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.apply(schema::RenameTable{"users", "members"});
  CHECK(f.state().find_table("orders")->foreign_keys.at(0).ref_table == "members");
  CHECK(f.rows("SELECT id, email FROM members ORDER BY id") ==
        std::vector<std::string>{"1|a@x.org", "2|b@x.org", "3|c@x.org"});
  f.apply(schema::RenameTable{"members", "users"});
  f.round_trip(schema::RenameTable{"users", "members"});
}

TEST_CASE("set_table_comment", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::SetTableComment{"users", "people who log in", "registered users"});
  f.round_trip(schema::SetTableComment{"orders", "what users bought", ""});
}

TEST_CASE("set_table_comment removes a comment", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::SetTableComment{"users", "", "registered users"});
}
