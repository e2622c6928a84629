#pragma once
// Builders shared by the tests of the file formats, ops, apply and naming.
#include "schema/model.h"
#include "schema/ops.h"

#include <string>
#include <vector>

namespace migratecpp::test::files {

inline schema::Column col(std::string name, std::string type) {
  schema::Column c;
  c.name = std::move(name);
  c.type = schema::ColumnType(type);
  return c;
}

inline schema::Column pk(std::string name, std::string type, bool autoincrement = true) {
  schema::Column c = col(std::move(name), std::move(type));
  c.primary_key = true;
  c.nullable = false;
  c.autoincrement = autoincrement;
  return c;
}

inline schema::Column not_null(schema::Column c) {
  c.nullable = false;
  return c;
}

// orgs(id) and users(id, org_id -> orgs.id, email, age), every kind of object named.
inline schema::Table orgs_table() {
  schema::Table t;
  t.name = "orgs";
  t.columns = {pk("id", "bigint"), not_null(col("name", "text"))};
  return t;
}

inline schema::Table users_table() {
  schema::Table t;
  t.name = "users";
  t.comment = "registered users";
  schema::Column created = not_null(col("created_at", "timestamp"));
  created.default_expr = "CURRENT_TIMESTAMP";
  schema::Column age = col("age", "integer");
  age.comment = "in years";
  t.columns = {pk("id", "bigint"), not_null(col("org_id", "bigint")),
               not_null(col("email", "varchar(255)")), age, created};
  t.indexes = {{"ix_users_email", {"email"}, true, std::nullopt, std::nullopt},
               {"ix_users_lower_email", {"lower(email)"}, false, "age > 0", "btree"}};
  t.uniques = {{"uq_users_org_id_email", {"org_id", "email"}}};
  t.foreign_keys = {{"fk_users_org_id", {"org_id"}, "orgs", {"id"}, "cascade", "set null"}};
  t.checks = {{"ck_users_age", "age >= 0"}};
  return t;
}

// One op of every kind, each with every optional part filled in, so that a round trip through
// the file format or reverse() has something to lose.
inline std::vector<schema::Op> every_op() {
  using namespace schema;
  std::vector<Op> ops;
  ops.push_back(CreateTable{users_table()});
  ops.push_back(DropTable{"users", users_table()});
  ops.push_back(DropTable{"legacy", std::nullopt});
  ops.push_back(RenameTable{"users", "members"});
  schema::Column nick = col("nick", "varchar(40)");
  nick.default_expr = "'anon'";
  nick.comment = "shown name";
  ops.push_back(AddColumn{"users", nick});
  ops.push_back(DropColumn{"users", "nick", nick});
  ops.push_back(DropColumn{"users", "legacy", std::nullopt});
  AlterColumn alter;
  alter.table = "users";
  alter.column = "email";
  alter.type = "varchar(100)";
  alter.nullable = true;
  alter.default_expr = "";
  alter.new_name = "mail";
  alter.comment = "contact";
  alter.existing_type = "varchar(255)";
  alter.existing_nullable = false;
  alter.existing_default = "'x'";
  alter.existing_comment = "";
  ops.push_back(alter);
  Index ix{"ix_users_age", {"age", "lower(email)"}, true, "age > 0", "btree"};
  ops.push_back(CreateIndex{"users", ix});
  ops.push_back(DropIndex{"users", "ix_users_age", ix});
  ops.push_back(DropIndex{"users", "ix_old", std::nullopt});
  UniqueConstraint uq{"uq_users_email", {"email"}};
  ForeignKey fk{"fk_users_org_id", {"org_id"}, "orgs", {"id"}, "cascade", "restrict"};
  CheckConstraint ck{"ck_users_age", "age >= 0"};
  ops.push_back(CreateUnique{"users", uq});
  ops.push_back(CreateForeignKey{"users", fk});
  ops.push_back(CreateCheck{"users", ck});
  ops.push_back(DropConstraint{"users", "uq_users_email", uq, std::nullopt, std::nullopt});
  ops.push_back(DropConstraint{"users", "fk_users_org_id", std::nullopt, fk, std::nullopt});
  ops.push_back(DropConstraint{"users", "ck_users_age", std::nullopt, std::nullopt, ck});
  ops.push_back(DropConstraint{"users", "ck_old", std::nullopt, std::nullopt, std::nullopt});
  ops.push_back(SetTableComment{"users", "people", "registered users"});
  ops.push_back(SetTableComment{"users", "", std::nullopt});
  ops.push_back(Execute{{{"", "UPDATE users SET age = 0\nWHERE age IS NULL"}},
                        {{"", "SELECT 'no \"undo\"'"}}});
  ops.push_back(Execute{{{"postgresql", "VACUUM users"}, {"sqlite", "VACUUM"}}, {}});
  ops.push_back(BulkInsert{"orgs",
                           {{{"id", std::int64_t{1}},
                             {"name", std::string("acme \"inc\"")},
                             {"ratio", 0.5},
                             {"active", true}},
                            {{"name", std::string("zed")}, {"id", std::int64_t{-2}}}}});
  ops.push_back(CreateEnum{{"mood", {"happy", "sad"}}});
  ops.push_back(DropEnum{"mood", Enum{"mood", {"happy", "sad"}}});
  ops.push_back(DropEnum{"colour", std::nullopt});
  ops.push_back(AddEnumValue{"mood", "meh", "sad"});
  ops.push_back(AddEnumValue{"mood", "ok", std::nullopt});
  ops.push_back(AlterPrimaryKey{"users", {"id", "org_id"}, std::vector<std::string>{"id"}});
  ops.push_back(AlterPrimaryKey{"users", {}, std::nullopt});
  AlterColumn autoinc;
  autoinc.table = "users";
  autoinc.column = "id";
  autoinc.autoincrement = false;
  autoinc.existing_autoincrement = true;
  ops.push_back(autoinc);
  schema::Column area = col("area", "integer");
  area.generated = Generated{"w * h", true};
  ops.push_back(AddColumn{"users", area});
  TableOptions options;
  options.engine = "MyISAM";
  options.row_format = "DYNAMIC";
  TableOptions existing;
  existing.engine = "InnoDB";
  existing.row_format = "COMPACT";
  ops.push_back(AlterTableOptions{"users", options, existing});
  return ops;
}

} // namespace migratecpp::test::files
