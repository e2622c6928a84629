#include "support/fixtures.h"
#include "schema/naming.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::files;

TEST_CASE("naming: indexes and constraints from their columns", "[naming]") {
  CHECK(schema::index_name("users", {"", {"org_id", "email"}, false, {}, {}}) ==
        "ix_users_org_id_email");
  CHECK(schema::index_name("users", {"", {"email"}, true, {}, {}}) == "ix_users_email");
  CHECK(schema::unique_name("users", {"", {"org_id", "email"}}) == "uq_users_org_id_email");
  CHECK(schema::foreign_key_name("users", {"", {"org_id"}, "orgs", {"id"}, "", ""}) ==
        "fk_users_org_id");
}

TEST_CASE("naming: checks take the identifiers of their expression", "[naming]") {
  auto ck = [](const std::string& expr) { return schema::check_name("users", {"", expr}); };
  CHECK(ck("age >= 0") == "ck_users_age");
  CHECK(ck("age >= 0 AND age < 150") == "ck_users_age");
  CHECK(ck("\"Start\" < \"End\"") == "ck_users_start_end");
  CHECK(ck("status IN ('active', 'it''s') OR status IS NULL") == "ck_users_status");
  CHECK(ck("price BETWEEN 1.5 AND 1e3 AND name NOT LIKE '%x%'") == "ck_users_price_name");
  CHECK(ck("flag = TRUE") == "ck_users_flag");
  CHECK(ck("`a` + [b] > 0") == "ck_users_a_b");
  CHECK(ck("tags[1] <> ''") == "ck_users_tags");
  CHECK(ck("status::text <> 'x'") == "ck_users_status_text");
}

TEST_CASE("naming: expression index entries contribute their identifiers", "[naming]") {
  CHECK(schema::index_name("users", {"", {"lower(email)"}, false, {}, {}}) ==
        "ix_users_lower_email");
  CHECK(schema::index_name("users", {"", {"org_id", "(coalesce(nick, 'x'))"}, false, {}, {}}) ==
        "ix_users_org_id_coalesce_nick");
  CHECK(schema::expression_identifiers("lower(\"Email\") || 'x' || 42") ==
        std::vector<std::string>{"lower", "Email"});
}

TEST_CASE("naming: lowercase, odd characters become '_'", "[naming]") {
  CHECK(schema::index_name("Users", {"", {"E-Mail", "Zip Code"}, false, {}, {}}) ==
        "ix_users_e_mail_zip_code");
  CHECK(schema::normalize_name("ix_Tbl.Col$1") == "ix_tbl_col_1");
}

TEST_CASE("naming: long names are cut to 54 characters plus a hash", "[naming]") {
  const std::string table(40, 't');
  const std::string a = schema::index_name(table, {"", {std::string(30, 'a')}, false, {}, {}});
  const std::string b = schema::index_name(table, {"", {std::string(31, 'a')}, false, {}, {}});
  CHECK(a.size() == 63);
  CHECK(b.size() == 63);
  CHECK(a.substr(0, 55) == "ix_" + table + "_" + std::string(10, 'a') + "_");
  CHECK(a.substr(0, 54) == b.substr(0, 54));
  CHECK(a != b);
  // FNV-1a 32-bit of the whole name, as 8 lowercase hex digits: stable across runs and builds.
  CHECK(schema::normalize_name(std::string(64, 'x')) == std::string(54, 'x') + "_d19b1ac5");
  // 63 characters is still fine as it is.
  CHECK(schema::normalize_name(std::string(63, 'x')) == std::string(63, 'x'));
}

TEST_CASE("naming: name_unnamed names what is unnamed, avoiding names in use", "[naming]") {
  schema::Table t;
  t.name = "users";
  t.columns = {col("id", "integer"), col("email", "text"), col("age", "integer")};
  t.indexes = {{"", {"email"}, false, {}, {}},
               {"ix_users_email", {"email", "id"}, false, {}, {}},
               {"", {"email"}, true, {}, {}}};
  t.uniques = {{"", {"email"}}, {"keep_me", {"id"}}};
  t.foreign_keys = {{"", {"id"}, "other", {"id"}, "", ""}};
  t.checks = {{"", "age >= 0"}, {"", "age < 200"}};
  schema::name_unnamed(t);
  CHECK(t.indexes[0].name == "ix_users_email_2");
  CHECK(t.indexes[1].name == "ix_users_email");
  CHECK(t.indexes[2].name == "ix_users_email_3");
  CHECK(t.uniques[0].name == "uq_users_email");
  CHECK(t.uniques[1].name == "keep_me");
  CHECK(t.foreign_keys[0].name == "fk_users_id");
  CHECK(t.checks[0].name == "ck_users_age");
  CHECK(t.checks[1].name == "ck_users_age_2");
}
