#include "migrate/revision_file.h"
#include "schema/ops.h"
#include "support/fixtures.h"

#include <catch2/catch.hpp>

#include <map>

using namespace migratecpp;
using namespace migratecpp::schema;
using namespace migratecpp::test::files;

namespace {

// Ops have no operator<<; their file form is the readable diagnostic.
std::string text(const Op& op) {
  return migrate::render_ops({op}, "upgrade");
}

} // namespace

TEST_CASE("ops: op_name and op_table", "[ops]") {
  const auto ops = every_op();
  std::vector<std::string> names;
  for (const auto& op : ops) {
    names.push_back(op_name(op));
  }
  CHECK(names == std::vector<std::string>{"create_table",
                                          "drop_table",
                                          "drop_table",
                                          "rename_table",
                                          "add_column",
                                          "drop_column",
                                          "drop_column",
                                          "alter_column",
                                          "create_index",
                                          "drop_index",
                                          "drop_index",
                                          "create_unique",
                                          "create_foreign_key",
                                          "create_check",
                                          "drop_constraint",
                                          "drop_constraint",
                                          "drop_constraint",
                                          "drop_constraint",
                                          "set_table_comment",
                                          "set_table_comment",
                                          "execute",
                                          "execute",
                                          "bulk_insert",
                                          "create_enum",
                                          "drop_enum",
                                          "drop_enum",
                                          "add_enum_value",
                                          "add_enum_value",
                                          "alter_primary_key",
                                          "alter_primary_key",
                                          "alter_column",
                                          "add_column",
                                          "alter_table_options"});
  CHECK(op_table(ops[0]) == "users");
  CHECK(op_table(ops[22]) == "orgs");
  CHECK(op_table(ops[20]).empty());
  CHECK(op_table(ops[23]).empty());
  CHECK(op_table(ops[26]).empty());
}

TEST_CASE("ops: is_destructive marks drops and narrowing type changes", "[ops]") {
  CHECK(is_destructive(DropTable{"users", std::nullopt}));
  CHECK(is_destructive(DropColumn{"users", "email", std::nullopt}));
  AlterColumn narrow;
  narrow.table = "users";
  narrow.column = "email";
  narrow.type = "varchar(50)";
  narrow.existing_type = "varchar(255)";
  CHECK(is_destructive(narrow));
  AlterColumn widen = narrow;
  widen.type = "text";
  CHECK_FALSE(is_destructive(widen));
  AlterColumn unknown = narrow;
  unknown.existing_type.reset();
  CHECK_FALSE(is_destructive(unknown)); // the old type is not known: nothing to compare
  AlterColumn nullable_only;
  nullable_only.table = "users";
  nullable_only.column = "email";
  nullable_only.nullable = false;
  CHECK_FALSE(is_destructive(nullable_only));
  CHECK_FALSE(is_destructive(CreateTable{users_table()}));
  CHECK_FALSE(is_destructive(DropIndex{"users", "ix", std::nullopt}));
  CHECK_FALSE(is_destructive(DropConstraint{"users", "ck", {}, {}, {}}));
}

TEST_CASE("ops: reverse of every reversible op", "[ops]") {
  const auto ops = every_op();
  const Table users = users_table();

  CHECK(reverse(CreateTable{users}) == Op{DropTable{"users", users}});
  CHECK(reverse(DropTable{"users", users}) == Op{CreateTable{users}});
  CHECK(reverse(RenameTable{"users", "members"}) == Op{RenameTable{"members", "users"}});

  const AddColumn& add = std::get<AddColumn>(ops[4]);
  CHECK(reverse(add) == Op{DropColumn{"users", "nick", add.column}});
  CHECK(reverse(DropColumn{"users", "nick", add.column}) == Op{add});

  const AlterColumn& alter = std::get<AlterColumn>(ops[7]);
  AlterColumn back;
  back.table = "users";
  back.column = "mail";
  back.new_name = "email";
  back.type = "varchar(255)";
  back.nullable = false;
  back.default_expr = "'x'";
  back.comment = "";
  back.existing_type = "varchar(100)";
  back.existing_nullable = true;
  back.existing_default = "";
  back.existing_comment = "contact";
  INFO(text(reverse(alter)));
  CHECK(reverse(alter) == Op{back});
  CHECK(reverse(back) == Op{alter});

  const Index ix = std::get<CreateIndex>(ops[8]).index;
  CHECK(reverse(CreateIndex{"users", ix}) == Op{DropIndex{"users", ix.name, ix}});
  CHECK(reverse(DropIndex{"users", ix.name, ix}) == Op{CreateIndex{"users", ix}});

  const auto& uq = std::get<CreateUnique>(ops[11]);
  const auto& fk = std::get<CreateForeignKey>(ops[12]);
  const auto& ck = std::get<CreateCheck>(ops[13]);
  CHECK(reverse(uq) == ops[14]);
  CHECK(reverse(fk) == ops[15]);
  CHECK(reverse(ck) == ops[16]);
  CHECK(reverse(ops[14]) == Op{uq});
  CHECK(reverse(ops[15]) == Op{fk});
  CHECK(reverse(ops[16]) == Op{ck});

  CHECK(reverse(SetTableComment{"users", "people", "registered users"}) ==
        Op{SetTableComment{"users", "registered users", "people"}});
  CHECK(reverse(SetTableComment{"users", "people", ""}) ==
        Op{SetTableComment{"users", "", "people"}});

  const auto& exec = std::get<Execute>(ops[20]);
  CHECK(reverse(exec) == Op{Execute{exec.reverse_sql, exec.sql}});

  CHECK(reverse(CreateEnum{{"mood", {"a", "b"}}}) ==
        Op{DropEnum{"mood", Enum{"mood", {"a", "b"}}}});
  CHECK(reverse(DropEnum{"mood", Enum{"mood", {"a", "b"}}}) ==
        Op{CreateEnum{{"mood", {"a", "b"}}}});
}

TEST_CASE("ops: alter_column reverse keeps unchanged existing_* values", "[ops]") {
  AlterColumn o;
  o.table = "users";
  o.column = "email";
  o.nullable = false;
  o.existing_nullable = true;
  o.existing_type = "varchar(255)";
  o.existing_default = "''";
  AlterColumn r;
  r.table = "users";
  r.column = "email";
  r.nullable = true;
  r.existing_nullable = false;
  r.existing_type = "varchar(255)";
  r.existing_default = "''";
  CHECK(reverse(o) == Op{r});

  AlterColumn rename;
  rename.table = "users";
  rename.column = "email";
  rename.new_name = "mail";
  AlterColumn rename_back;
  rename_back.table = "users";
  rename_back.column = "mail";
  rename_back.new_name = "email";
  CHECK(reverse(rename) == Op{rename_back});
}

TEST_CASE("ops: alter_column reverse keeps existing_generated", "[ops]") {
  AlterColumn o;
  o.table = "shapes";
  o.column = "area";
  o.type = "bigint";
  o.existing_type = "integer";
  o.existing_generated = Generated{"w * h", true};
  const auto r = std::get<AlterColumn>(reverse(o));
  CHECK(r.type == "integer");
  CHECK(r.existing_type == "bigint");
  CHECK(r.existing_generated == Generated{"w * h", true});
  CHECK(reverse(r) == Op{o});
}

TEST_CASE("ops: reverse names what is missing", "[ops]") {
  CHECK_THROWS_WITH(reverse(DropTable{"users", std::nullopt}),
                    "operation is not reversible: drop_table users does not give the dropped "
                    "table's definition");
  CHECK_THROWS_WITH(reverse(DropColumn{"users", "email", std::nullopt}),
                    "operation is not reversible: drop_column users.email does not give the "
                    "dropped column's definition");
  CHECK_THROWS_WITH(reverse(DropIndex{"users", "ix_a", std::nullopt}),
                    "operation is not reversible: drop_index ix_a on users does not give the "
                    "dropped index's definition");
  CHECK_THROWS_WITH(reverse(DropConstraint{"users", "ck_a", {}, {}, {}}),
                    "operation is not reversible: drop_constraint ck_a on users does not give "
                    "the dropped constraint's definition");
  CHECK_THROWS_WITH(reverse(SetTableComment{"users", "x", std::nullopt}),
                    "operation is not reversible: set_table_comment users changes comment but "
                    "the file does not give existing_comment");
  CHECK_THROWS_WITH(reverse(Execute{{{"", "SELECT 1"}}, {}}),
                    "operation is not reversible: execute without reverse_sql");
  CHECK_THROWS_WITH(reverse(BulkInsert{"orgs", {}}),
                    "operation is not reversible: bulk_insert into orgs");
  CHECK_THROWS_WITH(reverse(DropEnum{"mood", std::nullopt}),
                    "operation is not reversible: drop_enum mood does not give the dropped "
                    "type's values");
  CHECK_THROWS_WITH(reverse(AddEnumValue{"mood", "meh", std::nullopt}),
                    "operation is not reversible: add_enum_value mood 'meh' (PostgreSQL cannot "
                    "remove a value from an enum)");

  AlterColumn a;
  a.table = "users";
  a.column = "email";
  a.type = "text";
  CHECK_THROWS_WITH(reverse(a), "operation is not reversible: alter_column users.email changes "
                                "type but the file does not give existing_type");
  a.type.reset();
  a.nullable = true;
  CHECK_THROWS_WITH(reverse(a), "operation is not reversible: alter_column users.email changes "
                                "nullable but the file does not give existing_nullable");
  a.nullable.reset();
  a.default_expr = "0";
  CHECK_THROWS_WITH(reverse(a), "operation is not reversible: alter_column users.email changes "
                                "default but the file does not give existing_default");
  a.default_expr.reset();
  a.comment = "x";
  CHECK_THROWS_WITH(reverse(a), "operation is not reversible: alter_column users.email changes "
                                "comment but the file does not give existing_comment");
}

TEST_CASE("ops: reverse_all reverses the order and each op", "[ops]") {
  const std::vector<Op> up = {CreateTable{orgs_table()}, CreateTable{users_table()},
                              RenameTable{"users", "members"}};
  const std::vector<Op> down = {RenameTable{"members", "users"}, DropTable{"users", users_table()},
                                DropTable{"orgs", orgs_table()}};
  CHECK(reverse_all(up) == down);
  CHECK(reverse_all(down) == up);
  CHECK(reverse_all({}).empty());
  CHECK_THROWS_WITH(reverse_all({CreateTable{orgs_table()}, BulkInsert{"orgs", {}}}),
                    "operation is not reversible: bulk_insert into orgs");
}

TEST_CASE("ops: every reversible op reversed twice is itself", "[ops]") {
  for (const auto& op : every_op()) {
    Op back;
    try {
      back = reverse(reverse(op));
    } catch (const std::exception&) {
      continue; // the not-reversible ones are checked above
    }
    INFO(text(op));
    CHECK(back == op);
  }
}

TEST_CASE("ops: alter_table_options reverses to the existing values", "[ops]") {
  AlterTableOptions op;
  op.table = "t";
  op.options.charset = "latin1";
  op.existing.charset = "utf8mb4";
  op.existing.collate = "utf8mb4_unicode_ci";
  op.existing.engine = "InnoDB"; // unchanged: not restated
  const auto back = std::get<AlterTableOptions>(reverse(op));
  CHECK(back.options.charset == "utf8mb4");
  // The collation the table had comes back too, not the old charset's default.
  CHECK(back.options.collate == "utf8mb4_unicode_ci");
  CHECK_FALSE(back.options.engine);
  CHECK(back.existing.charset == "latin1");

  AlterTableOptions unknown;
  unknown.table = "t";
  unknown.options.engine = "MyISAM";
  CHECK_THROWS_WITH(reverse(unknown),
                    "operation is not reversible: alter_table_options t changes engine but the "
                    "file does not give its existing value");
  CHECK_FALSE(is_destructive(op));

  // PostgreSQL: a parameter set comes back to its value, one added is reset.
  AlterTableOptions storage;
  storage.table = "t";
  storage.options.unlogged = true;
  storage.existing.unlogged = false;
  storage.options.storage = std::map<std::string, std::string>{{"fillfactor", "70"}};
  storage.existing.storage = std::map<std::string, std::string>{{"toast.x", "1"}};
  const auto undo = std::get<AlterTableOptions>(reverse(storage));
  CHECK(undo.options.unlogged == false);
  CHECK(undo.options.storage == std::map<std::string, std::string>{{"toast.x", "1"}});
  CHECK(undo.existing.storage == std::map<std::string, std::string>{{"fillfactor", "70"}});
  CHECK(std::get<AlterTableOptions>(reverse(undo)) == storage);
}

TEST_CASE("ops: dropping a generated column loses nothing", "[ops]") {
  Column c = col("area", "integer");
  CHECK(is_destructive(DropColumn{"t", "area", c}));
  c.generated = Generated{"w * h", true};
  CHECK_FALSE(is_destructive(DropColumn{"t", "area", c}));
  CHECK(is_destructive(DropColumn{"t", "area", std::nullopt}));
}
