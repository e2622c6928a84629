#include "support/diff_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using Strings = std::vector<std::string>;

namespace {

// A schema with one of everything the model has.
schema::Database rich() {
  auto orgs = table("orgs", {pk("id", "integer"), col("name", "varchar(100)", false),
                             with_comment(col("plan", "plan"), "billing plan")});
  orgs.comment = "tenants";
  orgs.uniques.push_back({"uq_orgs_name", {"name"}});
  orgs.uniques.push_back({"", {"plan", "name"}});

  auto users =
      table("users", {pk("id"), col("org_id", "integer", false),
                      col("email", "varchar(255)", false), with_default(col("age", "integer"), "0"),
                      with_default(col("created_at", "timestamp", false), "CURRENT_TIMESTAMP"),
                      col("deleted_at", "timestamptz"), col("manager_id", "bigint")});
  users.indexes.push_back(index("ix_users_email", {"email"}, true));
  users.indexes.push_back(index("ix_users_live", {"org_id"}, false, "deleted_at IS NULL"));
  users.indexes.push_back(index("", {"lower(email)"}));
  users.foreign_keys.push_back(fk("fk_users_org", {"org_id"}, "orgs", {"id"}, "cascade"));
  users.foreign_keys.push_back(fk("", {"manager_id"}, "users", {"id"}, "set null"));
  users.checks.push_back({"ck_users_age", "age >= 0"});
  users.checks.push_back({"", "created_at IS NOT NULL"});

  // A cycle: orgs.owner_id -> users, users.org_id -> orgs.
  orgs.columns.push_back(col("owner_id", "bigint"));
  orgs.foreign_keys.push_back(fk("fk_orgs_owner", {"owner_id"}, "users"));

  return database({users, orgs}, {schema::Enum{"plan", {"free", "pro"}}});
}

migrate::DiffOptions with_enums() {
  migrate::DiffOptions options;
  options.enums = true;
  return options;
}

} // namespace

TEST_CASE("diff: a schema compared with itself is empty", "[diff][schema]") {
  CHECK(migrate::diff(rich(), rich(), with_enums()).empty());
  CHECK(migrate::diff(rich(), rich(), {}).empty());
  CHECK(migrate::diff(database({}), database({}), {}).empty());
}

TEST_CASE("diff: a schema read back in another spelling is still equal", "[diff][schema]") {
  // What introspection may give back: aliases, unnamed inline constraints, database-chosen
  // names for the unnamed ones, parenthesized expressions, quoted identifiers.
  auto read_back = rich();
  auto& users = read_back.tables[0];
  users.columns[1].type = schema::ColumnType("int4");
  users.columns[2].type = schema::ColumnType("character varying(255)");
  users.columns[3].default_expr = "(0)";
  users.columns[4].default_expr = "current_timestamp";
  users.columns[5].type = schema::ColumnType("timestamp with time zone");
  users.indexes[1].where = "(\"deleted_at\" IS NULL)";
  users.indexes[2].name = "users_lower_idx";
  users.indexes[2].parts = {"(LOWER(email))"};
  users.foreign_keys[0].name = "";
  users.foreign_keys[0].on_delete = "CASCADE";
  users.foreign_keys[0].on_update = "NO ACTION";
  users.foreign_keys[1].name = "users_manager_id_fkey";
  users.checks[0].expression = "((age >= 0))";
  users.checks[1].name = "users_created_at_check";
  auto& orgs = read_back.tables[1];
  orgs.uniques[0].name = "";
  orgs.uniques[1].name = "orgs_plan_name_key";
  orgs.columns[0].type = schema::ColumnType("INTEGER");
  std::reverse(read_back.tables.begin(), read_back.tables.end());

  CHECK(migrate::diff(read_back, rich(), with_enums()).empty());
  CHECK(migrate::diff(rich(), read_back, with_enums()).empty());
}

TEST_CASE("diff: the whole schema round-trips through create and drop", "[diff][schema]") {
  const auto up = diff_and_check(database({}), rich(), with_enums());
  CHECK(briefs(up.upgrade) == Strings{"create_enum plan", "create_table orgs", "create_table users",
                                      "create_foreign_key orgs.fk_orgs_owner"});
  const auto down = diff_and_check(rich(), database({}), with_enums());
  CHECK(briefs(down.upgrade) == Strings{"drop_constraint orgs.fk_orgs_owner", "drop_table users",
                                        "drop_table orgs", "drop_enum plan"});
}

TEST_CASE("diff: every step in its place", "[diff][schema]") {
  auto current = rich();
  current.enums.push_back({"legacy_kind", {"a", "b"}});
  current.tables.push_back(table("legacy", {pk("id"), col("kind", "legacy_kind")}));
  current.tables[0].indexes.push_back(index("ix_users_old", {"age"}));
  current.tables[0].columns.push_back(col("nick", "varchar(20)"));

  auto desired = rich();
  desired.enums.push_back({"status", {"on", "off"}});
  desired.enums[0].values.push_back("enterprise");
  auto& users = desired.tables[0];
  users.foreign_keys[0].on_delete = "restrict";
  users.columns[2].type = schema::ColumnType("text");
  users.columns.push_back(col("nickname", "varchar(20)"));
  users.columns.push_back(col("status", "status"));
  users.indexes.push_back(index("ix_users_status", {"status"}));
  users.comment = "people";
  auto projects = table("projects", {pk("id"), col("org_id", "integer", false)});
  projects.foreign_keys.push_back(fk("fk_projects_org", {"org_id"}, "orgs"));
  auto tasks = table("tasks", {pk("id"), col("project_id", "bigint"), col("owner_id", "bigint")});
  tasks.foreign_keys.push_back(fk("fk_tasks_project", {"project_id"}, "projects"));
  // users changes shape below: a new table's key to it waits for the end.
  tasks.foreign_keys.push_back(fk("fk_tasks_owner", {"owner_id"}, "users"));
  desired.tables.push_back(tasks);
  desired.tables.push_back(projects);

  const auto r = diff_and_check(current, desired, with_enums());
  CHECK(briefs(r.upgrade) == Strings{
                                 "create_enum status",
                                 "add_enum_value plan.enterprise",
                                 "drop_constraint users.fk_users_org",
                                 "drop_table legacy",
                                 "drop_index users.ix_users_old",
                                 "create_table projects",
                                 "create_table tasks",
                                 "add_column users.nickname",
                                 "add_column users.status",
                                 "alter_column users.email",
                                 "drop_column users.nick",
                                 "create_index users.ix_users_status",
                                 "create_foreign_key tasks.fk_tasks_owner",
                                 "create_foreign_key users.fk_users_org",
                                 "set_table_comment users",
                                 "drop_enum legacy_kind",
                             });
  REQUIRE(r.renames.size() == 1);
  CHECK(r.renames[0].from == "nick");
  CHECK(r.renames[0].to == "nickname");
}

TEST_CASE("diff: describe gives one line per op", "[diff][describe]") {
  auto users = table("users", {pk("id")});
  const schema::Column age = col("age", "integer");
  schema::AlterColumn alter;
  alter.table = "users";
  alter.column = "age";
  alter.type = "bigint";
  alter.nullable = false;
  alter.default_expr = "";
  alter.comment = "years";
  alter.existing_type = "integer";
  alter.existing_nullable = true;
  alter.existing_default = "0";
  alter.existing_comment = "";
  schema::AlterColumn rename;
  rename.table = "users";
  rename.column = "name";
  rename.new_name = "full_name";

  const std::vector<std::pair<schema::Op, std::string>> cases = {
      {schema::CreateTable{users}, "add table users"},
      {schema::DropTable{"users", users}, "drop table users"},
      {schema::RenameTable{"user", "users"}, "rename table user to users"},
      {schema::AddColumn{"users", age}, "add column users.age (integer)"},
      {schema::AddColumn{"users", col("age", "integer", false)},
       "add column users.age (integer, not null)"},
      {schema::DropColumn{"users", "age", age}, "drop column users.age"},
      {alter, "alter column users.age: type integer -> bigint, nullable -> not null, default 0 "
              "-> none, comment none -> 'years'"},
      {rename, "alter column users.name: rename to full_name"},
      {schema::CreateIndex{"users", index("ix_x", {"a", "b"})}, "add index ix_x on users (a, b)"},
      {schema::CreateIndex{"users", index("ix_y", {"a"}, true, "b > 0")},
       "add unique index ix_y on users (a) where b > 0"},
      {schema::DropIndex{"t", "ix_x", std::nullopt}, "drop index ix_x on t"},
      {schema::CreateUnique{"t", {"uq_t_a", {"a"}}}, "add unique constraint uq_t_a on t (a)"},
      {schema::CreateForeignKey{"t", fk("fk_t_o", {"o_id"}, "o", {"id"}, "cascade")},
       "add foreign key fk_t_o on t (o_id) -> o (id) on delete cascade"},
      {schema::CreateCheck{"t", {"ck_t_a", "a > 0"}}, "add check constraint ck_t_a on t (a > 0)"},
      {schema::DropConstraint{"t", "fk_t_o", std::nullopt, fk("fk_t_o", {"o_id"}, "o"),
                              std::nullopt},
       "drop foreign key fk_t_o on t"},
      {schema::DropConstraint{"t", "uq", schema::UniqueConstraint{"uq", {"a"}}, std::nullopt,
                              std::nullopt},
       "drop unique constraint uq on t"},
      {schema::DropConstraint{"t", "ck", std::nullopt, std::nullopt,
                              schema::CheckConstraint{"ck", "a > 0"}},
       "drop check constraint ck on t"},
      {schema::DropConstraint{"t", "c", std::nullopt, std::nullopt, std::nullopt},
       "drop constraint c on t"},
      {schema::SetTableComment{"t", "hello", ""}, "set comment on table t to 'hello'"},
      {schema::SetTableComment{"t", "", "hello"}, "remove comment on table t"},
      {schema::Execute{{{"", "SELECT 1"}}, {}}, "execute SQL"},
      {schema::BulkInsert{"t", {schema::Row{}, schema::Row{}}}, "insert 2 rows into t"},
      {schema::CreateEnum{{"mood", {"a", "b"}}}, "add enum mood ('a', 'b')"},
      {schema::DropEnum{"mood", std::nullopt}, "drop enum mood"},
      {schema::AddEnumValue{"mood", "c", std::nullopt}, "add value 'c' to enum mood"},
      {schema::AddEnumValue{"mood", "c", "b"}, "add value 'c' to enum mood before 'b'"},
  };
  for (const auto& [op, text] : cases) {
    CHECK(migrate::describe(op) == text);
  }
}
