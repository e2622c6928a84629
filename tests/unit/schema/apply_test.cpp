#include "schema/apply.h"
#include "support/fixtures.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::schema;
using namespace migratecpp::test::files;

namespace {

Database base_db() {
  Database db;
  db.tables = {orgs_table(), users_table()};
  db.enums = {{"mood", {"happy", "sad"}}};
  return db;
}

Table& users(Database& db) {
  return *db.find_table("users");
}

AlterColumn alter(std::string table, std::string column) {
  AlterColumn a;
  a.table = std::move(table);
  a.column = std::move(column);
  return a;
}

} // namespace

TEST_CASE("apply: create, rename and drop tables", "[apply]") {
  Database db;
  apply(db, CreateTable{orgs_table()});
  apply(db, CreateTable{users_table()});
  REQUIRE(db.tables.size() == 2);
  CHECK(db.tables[1] == users_table());

  apply(db, RenameTable{"orgs", "companies"});
  CHECK(db.tables[0].name == "companies");
  CHECK(db.tables[1].foreign_keys[0].ref_table == "companies");

  apply(db, DropTable{"users", std::nullopt});
  REQUIRE(db.tables.size() == 1);
  CHECK(db.tables[0].name == "companies");
}

TEST_CASE("apply: table errors name the table", "[apply]") {
  Database db = base_db();
  CHECK_THROWS_WITH(apply(db, CreateTable{orgs_table()}), "table 'orgs' already exists");
  CHECK_THROWS_WITH(apply(db, DropTable{"user", std::nullopt}),
                    "table 'user' does not exist (did you mean 'users'?)");
  CHECK_THROWS_WITH(apply(db, RenameTable{"nothing_like_it", "x"}),
                    "table 'nothing_like_it' does not exist");
  CHECK_THROWS_WITH(apply(db, RenameTable{"users", "orgs"}), "table 'orgs' already exists");
  CHECK(db == base_db()); // a failed op leaves the model as it was
}

TEST_CASE("apply: add, drop and alter columns", "[apply]") {
  Database db = base_db();
  apply(db, AddColumn{"users", col("nick", "text")});
  CHECK(users(db).columns.back() == col("nick", "text"));
  CHECK_THROWS_WITH(apply(db, AddColumn{"users", col("nick", "text")}),
                    "column 'users.nick' already exists");

  AlterColumn a = alter("users", "nick");
  a.type = "varchar(20)";
  a.nullable = false;
  a.default_expr = "'x'";
  a.comment = "nickname";
  apply(db, a);
  Column expected = not_null(col("nick", "varchar(20)"));
  expected.default_expr = "'x'";
  expected.comment = "nickname";
  CHECK(*users(db).find_column("nick") == expected);

  // "" removes a default or comment.
  AlterColumn clear = alter("users", "nick");
  clear.default_expr = "";
  clear.comment = "";
  apply(db, clear);
  CHECK_FALSE(users(db).find_column("nick")->default_expr.has_value());
  CHECK_FALSE(users(db).find_column("nick")->comment.has_value());

  apply(db, DropColumn{"users", "nick", std::nullopt});
  CHECK(users(db).find_column("nick") == nullptr);
  CHECK_THROWS_WITH(apply(db, DropColumn{"users", "nick", std::nullopt}),
                    "column 'users.nick' does not exist");
  CHECK_THROWS_WITH(apply(db, DropColumn{"users", "emial", std::nullopt}),
                    "column 'users.emial' does not exist (did you mean 'email'?)");
  CHECK_THROWS_WITH(apply(db, alter("users", "agee")),
                    "column 'users.agee' does not exist (did you mean 'age'?)");
  CHECK_THROWS_WITH(apply(db, AddColumn{"usres", col("x", "text")}),
                    "table 'usres' does not exist (did you mean 'users'?)");
}

TEST_CASE("apply: renaming a column renames it everywhere it is used", "[apply]") {
  Database db = base_db();
  // orgs.id -> orgs.org_key: users' foreign key follows.
  AlterColumn r1 = alter("orgs", "id");
  r1.new_name = "org_key";
  apply(db, r1);
  CHECK(db.find_table("orgs")->find_column("org_key") != nullptr);
  CHECK(users(db).foreign_keys[0].ref_columns == std::vector<std::string>{"org_key"});

  AlterColumn r2 = alter("users", "email");
  r2.new_name = "mail";
  apply(db, r2);
  const Table& u = users(db);
  CHECK(schema::index_part_texts(u.indexes[0].parts) == std::vector<std::string>{"mail"});
  CHECK(schema::index_part_texts(u.indexes[1].parts) == std::vector<std::string>{"lower(mail)"});
  CHECK(u.uniques[0].columns == std::vector<std::string>{"org_id", "mail"});

  AlterColumn r3 = alter("users", "age");
  r3.new_name = "years";
  apply(db, r3);
  CHECK(users(db).checks[0].expression == "years >= 0");
  CHECK(users(db).indexes[1].where == "years > 0");

  AlterColumn r4 = alter("users", "org_id");
  r4.new_name = "company";
  apply(db, r4);
  CHECK(users(db).foreign_keys[0].columns == std::vector<std::string>{"company"});

  AlterColumn clash = alter("users", "company");
  clash.new_name = "mail";
  CHECK_THROWS_WITH(apply(db, clash), "column 'users.mail' already exists");
}

TEST_CASE("apply: a renamed identifier inside a string literal stays", "[apply]") {
  Database db = base_db();
  users(db).checks = {{"ck_users_age", "age >= 0 AND 'age' <> \"age\""}};
  AlterColumn r = alter("users", "age");
  r.new_name = "years";
  apply(db, r);
  CHECK(users(db).checks[0].expression == "years >= 0 AND 'age' <> \"years\"");
}

TEST_CASE("apply: dropping a column drops the indexes and constraints using it", "[apply]") {
  Database db = base_db();
  apply(db, DropColumn{"users", "email", std::nullopt});
  const Table& u = users(db);
  CHECK(u.indexes.empty()); // ix_users_email and the lower(email) expression index
  CHECK(u.uniques.empty());
  CHECK(u.foreign_keys.size() == 1);
  CHECK(u.checks.size() == 1);
  apply(db, DropColumn{"users", "age", std::nullopt});
  CHECK(users(db).checks.empty());
  apply(db, DropColumn{"users", "org_id", std::nullopt});
  CHECK(users(db).foreign_keys.empty());
}

TEST_CASE("apply: indexes", "[apply]") {
  Database db = base_db();
  const Index ix{"ix_users_age", {"age"}, false, std::nullopt, std::nullopt};
  apply(db, CreateIndex{"users", ix});
  CHECK(users(db).indexes.back() == ix);
  CHECK_THROWS_WITH(apply(db, CreateIndex{"users", ix}),
                    "index 'ix_users_age' already exists on table 'users'");
  apply(db, DropIndex{"users", "ix_users_age", std::nullopt});
  CHECK(users(db).indexes.size() == 2);
  CHECK_THROWS_WITH(apply(db, DropIndex{"users", "ix_users_age", std::nullopt}),
                    "index 'ix_users_age' does not exist on table 'users' (did you mean "
                    "'ix_users_email'?)");
  CHECK_THROWS_WITH(apply(db, DropIndex{"users", "pk", std::nullopt}),
                    "index 'pk' does not exist on table 'users'");
  CHECK_THROWS_WITH(apply(db, DropIndex{"users", "ix_users_emial", std::nullopt}),
                    "index 'ix_users_emial' does not exist on table 'users' (did you mean "
                    "'ix_users_email'?)");
}

TEST_CASE("apply: constraints", "[apply]") {
  Database db = base_db();
  const UniqueConstraint uq{"uq_users_email", {"email"}};
  const ForeignKey fk{"fk_users_org2", {"org_id"}, "orgs", {"id"}, "", ""};
  const CheckConstraint ck{"ck_users_id", "id > 0"};
  apply(db, CreateUnique{"users", uq});
  apply(db, CreateForeignKey{"users", fk});
  apply(db, CreateCheck{"users", ck});
  CHECK(users(db).uniques.back() == uq);
  CHECK(users(db).foreign_keys.back() == fk);
  CHECK(users(db).checks.back() == ck);
  CHECK_THROWS_WITH(apply(db, CreateCheck{"users", {"uq_users_email", "id > 1"}}),
                    "constraint 'uq_users_email' already exists on table 'users'");

  apply(db, DropConstraint{"users", "uq_users_email", {}, {}, {}});
  apply(db, DropConstraint{"users", "fk_users_org2", {}, {}, {}});
  apply(db, DropConstraint{"users", "ck_users_id", {}, {}, {}});
  CHECK(users(db) == users_table());
  CHECK_THROWS_WITH(apply(db, DropConstraint{"users", "ck_users_id", {}, {}, {}}),
                    "constraint 'ck_users_id' does not exist on table 'users' (did you mean "
                    "'ck_users_age'?)");
  CHECK_THROWS_WITH(apply(db, DropConstraint{"users", "ck_users_agee", {}, {}, {}}),
                    "constraint 'ck_users_agee' does not exist on table 'users' (did you mean "
                    "'ck_users_age'?)");
}

TEST_CASE("apply: table comments", "[apply]") {
  Database db = base_db();
  apply(db, SetTableComment{"users", "people", std::nullopt});
  CHECK(users(db).comment == "people");
  apply(db, SetTableComment{"users", "", std::nullopt});
  CHECK_FALSE(users(db).comment.has_value());
}

TEST_CASE("apply: execute and bulk_insert change nothing", "[apply]") {
  Database db = base_db();
  apply(db, Execute{{{"", "DROP TABLE users"}}, {}});
  apply(db, BulkInsert{"orgs", {{{"id", std::int64_t{1}}}}});
  CHECK(db == base_db());
}

TEST_CASE("apply: enums", "[apply]") {
  Database db = base_db();
  apply(db, CreateEnum{{"colour", {"red"}}});
  CHECK(db.find_enum("colour") != nullptr);
  CHECK_THROWS_WITH(apply(db, CreateEnum{{"colour", {}}}), "enum 'colour' already exists");
  apply(db, AddEnumValue{"mood", "meh", "sad"});
  apply(db, AddEnumValue{"mood", "ok", std::nullopt});
  CHECK(db.find_enum("mood")->values == std::vector<std::string>{"happy", "meh", "sad", "ok"});
  CHECK_THROWS_WITH(apply(db, AddEnumValue{"mood", "ok", std::nullopt}),
                    "enum 'mood' already has value 'ok'");
  CHECK_THROWS_WITH(apply(db, AddEnumValue{"mood", "x", "sadd"}),
                    "enum 'mood' has no value 'sadd' (did you mean 'sad'?)");
  apply(db, DropEnum{"colour", std::nullopt});
  CHECK(db.find_enum("colour") == nullptr);
  CHECK_THROWS_WITH(apply(db, DropEnum{"colour", std::nullopt}), "enum 'colour' does not exist");
}

TEST_CASE("apply: every op of an upgrade, then its reverse, restores the model", "[apply]") {
  Database db = base_db();
  AlterColumn a = alter("users", "email");
  a.type = "text";
  a.existing_type = "varchar(255)";
  a.new_name = "mail";
  const std::vector<Op> up = {
      CreateTable{[] {
        Table t;
        t.name = "tags";
        t.columns = {pk("id", "integer"), col("label", "text")};
        return t;
      }()},
      AddColumn{"users", col("nick", "text")},
      a,
      CreateIndex{"users", {"ix_users_nick", {"nick"}, false, std::nullopt, std::nullopt}},
      CreateUnique{"tags", {"uq_tags_label", {"label"}}},
      CreateForeignKey{"users", {"fk_users_nick", {"nick"}, "tags", {"label"}, "", ""}},
      CreateCheck{"tags", {"ck_tags_id", "id > 0"}},
      SetTableComment{"users", "people", "registered users"},
      RenameTable{"tags", "labels"},
      CreateEnum{{"colour", {"red"}}},
  };
  Database after = db;
  for (const auto& op : up) {
    apply(after, op);
  }
  CHECK_FALSE(after == db);
  for (const auto& op : reverse_all(up)) {
    apply(after, op);
  }
  CHECK(after == db);
}
