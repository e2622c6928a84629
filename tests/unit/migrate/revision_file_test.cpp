#include "migrate/revision_file.h"
#include "schema/apply.h"
#include "schema/ops.h"
#include "support/fixtures.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::files;
using migrate::parse_revision_file;
using migrate::render_ops;

namespace {

const std::string k_path = "migrations/versions/abc_add.toml";

// Header lines 1-2; the test text starts on line 3.
std::string rev(const std::string& body) {
  return "revision = \"abc123\"\ndown_revision = \"\"\n" + body;
}

migrate::RevisionFile parse(const std::string& text) {
  return parse_revision_file(text, k_path);
}

std::vector<schema::Op> upgrade_of(const std::string& body) {
  return parse(rev(body)).upgrade;
}

std::string at(int line, const std::string& message) {
  return k_path + ":" + std::to_string(line) + ": " + message;
}

} // namespace

TEST_CASE("revision file: the spec's example", "[revision_file]") {
  const std::string text = R"toml(revision = "3f2a9c1b7d4e"
down_revision = "9b8a7c6d5e4f"     # "" for a root; an array of ids for a merge
branch_labels = []
depends_on = []
message = "add users"
create_date = 2026-11-23T10:15:00Z

[[upgrade]]
op = "create_table"
table = "users"
columns = [
  { name = "id", type = "bigint", primary_key = true, autoincrement = true },
  { name = "email", type = "varchar(255)", nullable = false },
  { name = "created_at", type = "timestamp", nullable = false, default = "CURRENT_TIMESTAMP" },
]

[[upgrade]]
op = "create_index"
table = "users"
name = "ix_users_email"
columns = ["email"]
unique = true

[[downgrade]]
op = "drop_index"
table = "users"
name = "ix_users_email"

[[downgrade]]
op = "drop_table"
table = "users"
)toml";
  const auto f = parse(text);
  CHECK(f.revision.id == "3f2a9c1b7d4e");
  CHECK(f.revision.down_revisions == std::vector<std::string>{"9b8a7c6d5e4f"});
  CHECK(f.revision.branch_labels.empty());
  CHECK(f.revision.message == "add users");
  CHECK(f.revision.create_date == "2026-11-23T10:15:00Z");
  CHECK(f.revision.where.path == k_path);
  CHECK(f.revision.where.line == 2); // the down_revision key: graph errors are about parents

  schema::Table users;
  users.name = "users";
  schema::Column created = not_null(col("created_at", "timestamp"));
  created.default_expr = "CURRENT_TIMESTAMP";
  users.columns = {pk("id", "bigint"), not_null(col("email", "varchar(255)")), created};
  REQUIRE(f.upgrade.size() == 2);
  CHECK(f.upgrade[0] == schema::Op{schema::CreateTable{users}});
  CHECK(f.upgrade[1] ==
        schema::Op{schema::CreateIndex{
            "users", {"ix_users_email", {"email"}, true, std::nullopt, std::nullopt}}});
  REQUIRE(f.downgrade.size() == 2);
  CHECK(f.downgrade[0] == schema::Op{schema::DropIndex{"users", "ix_users_email", std::nullopt}});
  CHECK(f.downgrade[1] == schema::Op{schema::DropTable{"users", std::nullopt}});
}

TEST_CASE("revision file: header fields", "[revision_file]") {
  SECTION("a root, no ops") {
    const auto f = parse("revision = \"a1\"\n");
    CHECK(f.revision.down_revisions.empty());
    CHECK(f.upgrade.empty());
    CHECK(f.downgrade.empty());
    CHECK(f.revision.create_date.empty());
  }
  SECTION("a merge, single-string labels, a string date") {
    const auto f = parse("revision = \"m1\"\ndown_revision = [\"a1\", \"b2\"]\n"
                         "branch_labels = \"feature\"\ndepends_on = [\"x9\"]\n"
                         "create_date = \"2026-01-02 03:04:05\"\n");
    CHECK(f.revision.down_revisions == std::vector<std::string>{"a1", "b2"});
    CHECK(f.revision.branch_labels == std::vector<std::string>{"feature"});
    CHECK(f.revision.depends_on == std::vector<std::string>{"x9"});
    CHECK(f.revision.create_date == "2026-01-02 03:04:05");
  }
  SECTION("dates keep offsets and fractions") {
    CHECK(parse("revision = \"a\"\ncreate_date = 2026-11-23T10:15:00.250+02:00\n")
              .revision.create_date == "2026-11-23T10:15:00.25+02:00");
    CHECK(parse("revision = \"a\"\ncreate_date = 2026-11-23T10:15:00\n").revision.create_date ==
          "2026-11-23T10:15:00");
  }
}

TEST_CASE("revision file: header errors", "[revision_file]") {
  CHECK_THROWS_WITH(parse("message = \"x\"\n"), k_path + ": missing required key 'revision'");
  CHECK_THROWS_WITH(parse("revision = \"a b\"\n"),
                    at(1, "invalid revision id 'a b': use 1 to 32 letters, digits, '_' or '-' "
                          "(it must fit the version table's VARCHAR(32))"));
  CHECK_THROWS_WITH(parse("revision = \"" + std::string(33, 'a') + "\"\n"),
                    at(1, "invalid revision id '" + std::string(33, 'a') +
                              "': use 1 to 32 letters, digits, '_' or '-' (it must fit the "
                              "version table's VARCHAR(32))"));
  CHECK_THROWS_WITH(parse("revision = \"a\"\ndown_revision = [\"b\",\n  \"c/d\"]\n"),
                    at(3, "invalid revision id 'c/d': use 1 to 32 letters, digits, '_' or '-' "
                          "(it must fit the version table's VARCHAR(32))"));
  CHECK_THROWS_WITH(parse("revision = 12\n"), at(1, "'revision' must be a string"));
  CHECK_THROWS_WITH(parse("revision = \"\"\n"), at(1, "'revision' must not be empty"));
  CHECK_THROWS_WITH(parse("revision = \"a\"\ndown_revision = 3\n"),
                    at(2, "'down_revision' must be a string or an array of strings"));
  CHECK_THROWS_WITH(parse("revision = \"a\"\nbranch_labels = [1]\n"),
                    at(2, "'branch_labels' must be an array of strings"));
  CHECK_THROWS_WITH(parse("revision = \"a\"\ncreate_date = 5\n"),
                    at(2, "'create_date' must be a date-time (2026-11-23T10:15:00Z) or a string"));
  CHECK_THROWS_WITH(parse("revision = \"a\"\nrevison = \"b\"\n"),
                    at(2, "unknown key 'revison' in revision file (did you mean 'revision'?)"));
  CHECK_THROWS_WITH(parse("revision = \"a\"\nupgrade = 1\n"),
                    at(2, "'upgrade' must be an array of tables"));
}

TEST_CASE("revision file: TOML syntax errors are located", "[revision_file]") {
  CHECK_THROWS_WITH(parse("revision = \"a\"\n\n[[upgrade]]\nop = = 1\n"),
                    at(4, "Error while parsing value: could not determine value type"));
  CHECK_THROWS_WITH(parse("revision = \"a\"\nrevision = \"b\"\n"),
                    at(2, "Error while parsing key-value pair: cannot redefine existing string "
                          "'revision'"));
}

TEST_CASE("revision file: op errors are located and exact", "[revision_file]") {
  CHECK_THROWS_WITH(upgrade_of("\n[[upgrade]]\nop = \"create_table\"\n"
                               "columns = [ { name = \"id\", type = \"integer\" } ]\n"),
                    at(4, "create_table: missing required key 'table'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_tabel\"\ntable = \"t\"\n"),
                    at(4, "unknown op 'create_tabel' (did you mean 'create_table'?)"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"frobnicate\"\n"),
                    at(4, "unknown op 'frobnicate'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\ntable = \"t\"\n"), at(3, "missing required key 'op'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = 1\n"), at(4, "'op' must be a string"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_table\"\ntabel = \"t\"\n"),
                    at(5, "unknown key 'tabel' in create_table op (did you mean 'table'?)"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\ncolumns = [\n"
                               "  { name = \"id\", type = \"integer\", nulable = false },\n]\n"),
                    at(7, "unknown key 'nulable' in column (did you mean 'nullable'?)"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"add_column\"\ntable = \"t\"\n"
                               "column = { name = \"a\", type = \"text\", nullable = \"no\" }\n"),
                    at(6, "'nullable' must be a boolean"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"add_column\"\ntable = \"t\"\n"
                               "column = { name = \"a\" }\n"),
                    at(6, "column: missing required key 'type'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"add_column\"\ntable = \"t\"\ncolumn = \"a\"\n"),
                    at(6, "'column' must be a table: { name = ..., type = ... }"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\ncolumns = []\n"),
                    at(6, "table 't' has no columns"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\n"),
                    at(3, "create_table: missing required key 'columns'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\ncolumns = [\n"
                               "  { name = \"id\", type = \"integer\" },\n"
                               "  { name = \"id\", type = \"text\" },\n]\n"),
                    at(8, "duplicate column 't.id' (first defined at line 7)"));
  CHECK_THROWS_WITH(
      upgrade_of("[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\ncolumns = [\n"
                 "  { name = \"id\", type = \"text\", primary_key = true, autoincrement = true },\n"
                 "]\n"),
      at(7, "column 'id' cannot autoincrement: its type 'text' is not an integer type"));
  CHECK_NOTHROW(upgrade_of("[[upgrade]]\nop = \"add_column\"\ntable = \"t\"\n"
                           "column = { name = \"n\", type = \"bigint\", autoincrement = true }\n"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\n"
                               "columns = [ { name = \"email\", type = \"text\" } ]\n"
                               "indexes = [ { columns = [\"emial\"] } ]\n"),
                    at(7, "unnamed index (emial) names column 'emial', which is not in table "
                          "'t' (did you mean 'email'?)"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\n"
                               "columns = [ { name = \"a\", type = \"text\" } ]\n"
                               "indexes = [ { name = \"ix\", columns = [\"a\"] } ]\n"
                               "checks = [ { name = \"ix\", expression = \"a <> ''\" } ]\n"),
                    at(8, "duplicate index or constraint name 'ix' (first used at line 7)"));
  CHECK_THROWS_WITH(
      upgrade_of("[[upgrade]]\nop = \"create_foreign_key\"\ntable = \"t\"\n"
                 "columns = [\"a\", \"b\"]\nref_table = \"o\"\nref_columns = [\"id\"]\n"),
      at(8, "unnamed foreign key (a, b) lists 2 columns but 1 ref_columns"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_foreign_key\"\ntable = \"t\"\n"
                               "columns = [\"a\"]\nref_table = \"o\"\nref_columns = [\"id\"]\n"
                               "on_delete = \"explode\"\n"),
                    at(9, "'on_delete' must be one of: cascade, set null, set default, restrict, "
                          "no action"));
  CHECK_THROWS_WITH(
      upgrade_of("[[upgrade]]\nop = \"alter_column\"\ntable = \"t\"\ncolumn = \"a\"\n"),
      at(3, "alter_column t.a: nothing to change (give any of type, nullable, "
            "default, new_name, comment, collation, autoincrement, identity, statistics)"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"drop_column\"\ntable = \"t\"\ncolumn = \"a\"\n"
                               "definition = { name = \"b\", type = \"text\" }\n"),
                    at(7, "drop_column: the definition is of column 'b', not 'a'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"drop_index\"\ntable = \"t\"\nname = \"ix\"\n"
                               "where = \"a > 0\"\n"),
                    at(7, "drop_index: 'where' describes the dropped index and needs 'columns' "
                          "too"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"drop_table\"\ntable = \"t\"\n"
                               "comment = \"x\"\n"),
                    at(6, "drop_table: 'comment' describes the dropped table and needs 'columns' "
                          "too"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"drop_constraint\"\ntable = \"t\"\n"
                               "name = \"c\"\nexpression = \"a > 0\"\n"),
                    at(7, "drop_constraint: 'expression' describes the dropped constraint and "
                          "needs 'type' too (unique, foreign_key or check)"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"drop_constraint\"\ntable = \"t\"\n"
                               "name = \"c\"\ntype = \"chek\"\n"),
                    at(7, "'type' must be one of: unique, foreign_key, check (did you mean "
                          "'check'?)"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"drop_constraint\"\ntable = \"t\"\n"
                               "name = \"c\"\ntype = \"unique\"\ncolumns = [\"a\"]\n"
                               "expression = \"a > 0\"\n"),
                    at(9, "drop_constraint: 'expression' does not belong to a constraint of "
                          "type 'unique'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"drop_constraint\"\ntable = \"t\"\n"
                               "name = \"c\"\ntype = \"check\"\n"),
                    at(3, "drop_constraint: missing required key 'expression'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"execute\"\n"),
                    at(3, "execute: missing required key 'sql'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"execute\"\nsql = { postgres = \"x\" }\n"),
                    at(5, "unknown key 'postgres' in 'sql' (did you mean 'postgresql'?)"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"execute\"\nsql = {}\n"),
                    at(5, "'sql' must give the SQL of at least one dialect"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"execute\"\nsql = 1\n"),
                    at(5, "'sql' must be a string or a table of per-dialect strings { postgresql "
                          "= ..., mysql = ..., sqlite = ... }"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"bulk_insert\"\ntable = \"t\"\n"
                               "rows = [\n  { a = 1 },\n  { a = [1] },\n]\n"),
                    at(8, "bulk_insert: value of 'a' must be a string, integer, float or boolean "
                          "(leave the key out for the column's default)"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"rename_table\"\ntable = \"t\"\n"),
                    at(3, "rename_table: missing required key 'new_name'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_index\"\ntable = \"t\"\ncolumns = []\n"),
                    at(6, "index has no columns"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"set_table_comment\"\ntable = \"t\"\n"),
                    at(3, "set_table_comment: missing required key 'comment'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_enum\"\nname = \"mood\"\n"),
                    at(3, "create_enum: missing required key 'values'"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"create_table\"\ntable = \"\"\n"
                               "columns = [ { name = \"a\", type = \"text\" } ]\n"),
                    at(5, "'table' must not be empty"));
}

TEST_CASE("revision file: forms a hand-written file may use", "[revision_file]") {
  SECTION("unnamed objects get convention names at parse time") {
    const auto ops = upgrade_of(R"toml([[upgrade]]
op = "create_table"
table = "users"
columns = [ { name = "id", type = "integer", primary_key = true }, { name = "age", type = "integer" } ]
indexes = [ { columns = ["age"] } ]
unique = [ { columns = ["age", "id"] } ]
foreign_keys = [ { columns = ["id"], ref_table = "people", ref_columns = ["id"] } ]
checks = [ { expression = "age >= 0" } ]

[[upgrade]]
op = "create_index"
table = "users"
columns = ["lower(email)"]

[[upgrade]]
op = "create_unique"
table = "users"
columns = ["email"]

[[upgrade]]
op = "create_foreign_key"
table = "users"
columns = ["org_id"]
ref_table = "orgs"
ref_columns = ["id"]

[[upgrade]]
op = "create_check"
table = "users"
expression = "age < 200"
)toml");
    const auto& t = std::get<schema::CreateTable>(ops[0]).table;
    CHECK(t.indexes[0].name == "ix_users_age");
    CHECK(t.uniques[0].name == "uq_users_age_id");
    CHECK(t.foreign_keys[0].name == "fk_users_id");
    CHECK(t.checks[0].name == "ck_users_age");
    CHECK(std::get<schema::CreateIndex>(ops[1]).index.name == "ix_users_lower_email");
    CHECK(std::get<schema::CreateUnique>(ops[2]).constraint.name == "uq_users_email");
    CHECK(std::get<schema::CreateForeignKey>(ops[3]).constraint.name == "fk_users_org_id");
    CHECK(std::get<schema::CreateCheck>(ops[4]).constraint.name == "ck_users_age");
  }
  SECTION("defaults written as numbers, FK actions in any case, per-dialect sql") {
    const auto ops = upgrade_of(R"toml([[upgrade]]
op = "add_column"
table = "t"
column = { name = "n", type = "integer", default = 0 }

[[upgrade]]
op = "create_foreign_key"
table = "t"
name = "fk"
columns = ["a"]
ref_table = "o"
ref_columns = ["id"]
on_delete = "SET  NULL"
on_update = "No Action"

[[upgrade]]
op = "execute"
sql.postgresql = "SELECT 1"
sql.sqlite = "SELECT 2"
)toml");
    CHECK(std::get<schema::AddColumn>(ops[0]).column.default_expr == "0");
    const auto& fk = std::get<schema::CreateForeignKey>(ops[1]).constraint;
    CHECK(fk.on_delete == "set null");
    CHECK(fk.on_update.empty());
    const auto& sql = std::get<schema::Execute>(ops[2]).sql;
    CHECK(sql ==
          std::map<std::string, std::string>{{"postgresql", "SELECT 1"}, {"sqlite", "SELECT 2"}});
  }
  SECTION("bulk_insert rows keep the file's column order") {
    const auto ops = upgrade_of("[[upgrade]]\nop = \"bulk_insert\"\ntable = \"t\"\n"
                                "rows = [ { z = 1, a = \"x\", m = 1.5, b = true } ]\n");
    const schema::Row expected = {
        {"z", std::int64_t{1}}, {"a", std::string("x")}, {"m", 1.5}, {"b", true}};
    CHECK(std::get<schema::BulkInsert>(ops[0]).rows == std::vector<schema::Row>{expected});
  }
}

TEST_CASE("revision file: render_ops writes the spec's format", "[revision_file]") {
  schema::Table users;
  users.name = "users";
  schema::Column created = not_null(col("created_at", "timestamp"));
  created.default_expr = "CURRENT_TIMESTAMP";
  users.columns = {pk("id", "bigint"), not_null(col("email", "varchar(255)")), created};
  const std::vector<schema::Op> ops = {
      schema::CreateTable{users},
      schema::CreateIndex{"users", {"ix_users_email", {"email"}, true, std::nullopt, std::nullopt}},
      schema::DropColumn{"users", "email", std::nullopt},
  };
  CHECK(render_ops(ops, "upgrade") == R"toml([[upgrade]]
op = "create_table"
table = "users"
columns = [
  { name = "id", type = "bigint", primary_key = true, autoincrement = true },
  { name = "email", type = "varchar(255)", nullable = false },
  { name = "created_at", type = "timestamp", nullable = false, default = "CURRENT_TIMESTAMP" },
]

[[upgrade]]
op = "create_index"
table = "users"
name = "ix_users_email"
columns = ["email"]
unique = true

# WARNING: this operation loses data (drops column users.email); review before applying
[[upgrade]]
op = "drop_column"
table = "users"
column = "email"
)toml");
  CHECK(render_ops({}, "upgrade").empty());
}

TEST_CASE("revision file: warnings on every destructive op", "[revision_file]") {
  schema::AlterColumn narrow;
  narrow.table = "users";
  narrow.column = "email";
  narrow.type = "varchar(50)";
  narrow.existing_type = "text";
  CHECK(render_ops({narrow}, "downgrade") ==
        "# WARNING: this operation loses data (narrows column users.email from text to "
        "varchar(50)); review before applying\n"
        "[[downgrade]]\nop = \"alter_column\"\ntable = \"users\"\ncolumn = \"email\"\n"
        "type = \"varchar(50)\"\nexisting_type = \"text\"\n");
  CHECK(render_ops({schema::DropTable{"users", std::nullopt}}, "upgrade") ==
        "# WARNING: this operation loses data (drops table users); review before applying\n"
        "[[upgrade]]\nop = \"drop_table\"\ntable = \"users\"\n");
}

// Found by fuzzing (tests/fuzz/regressions/revision_file/newline_in_warning_comment): the
// warning comment quoted names as they are, so a newline in a name ended the comment and the
// rest of the name was read as TOML: a model column could inject an op into the revision file.
TEST_CASE("revision file: names with newlines or control characters stay in the warning comment",
          "[revision_file]") {
  schema::DropColumn drop{"t", "a\n[[upgrade]]\nop = \"execute\"\nsql = \"DROP TABLE victim\"",
                          std::nullopt};
  schema::AlterColumn narrow;
  narrow.table = "t\r";
  narrow.column = "b\x01\x7f";
  narrow.type = "varchar(5)\n";
  narrow.existing_type = "text";
  const std::vector<schema::Op> ops = {drop, narrow};
  const std::string text = render_ops(ops, "upgrade");
  CHECK(text.find("(drops column t.a [[upgrade]] op = \"execute\" sql = \"DROP TABLE victim\")") !=
        std::string::npos);
  CHECK(text.find("(narrows column t .b\\x01\\x7f from text to varchar(5) )") != std::string::npos);
  CHECK(parse(rev(text)).upgrade == ops);
}

TEST_CASE("revision file: every op round-trips through render and parse", "[revision_file]") {
  const auto ops = every_op();
  const std::string text = rev(render_ops(ops, "upgrade") + "\n" + render_ops(ops, "downgrade"));
  INFO(text);
  const auto f = parse(text);
  REQUIRE(f.upgrade.size() == ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    INFO("op #" << i << "\n" << render_ops({ops[i]}, "upgrade"));
    CHECK(f.upgrade[i] == ops[i]);
    CHECK(f.downgrade[i] == ops[i]);
  }
  // The rendered text is canonical: rendering what was parsed gives the same text.
  CHECK(render_ops(f.upgrade, "upgrade") == render_ops(ops, "upgrade"));
}

TEST_CASE("revision file: multi-line SQL is written as a literal block", "[revision_file]") {
  const schema::Op op = schema::Execute{{{"", "UPDATE t\nSET a = 1"}}, {}};
  CHECK(render_ops({op}, "upgrade") ==
        "[[upgrade]]\nop = \"execute\"\nsql = '''\nUPDATE t\nSET a = 1'''\n");
}

TEST_CASE("revision file: SQL NULL in bulk_insert is left out of its row", "[revision_file]") {
  const schema::Op op = schema::BulkInsert{
      "t", {{{"a", std::int64_t{1}}, {"b", schema::Null{}}}, {{"b", schema::Null{}}}}};
  CHECK(render_ops({op}, "upgrade") ==
        "[[upgrade]]\nop = \"bulk_insert\"\ntable = \"t\"\nrows = [\n  { a = 1 },\n  {},\n]\n");
}

TEST_CASE("revision file: an execute op with common and per-dialect SQL", "[revision_file]") {
  const schema::Op op = schema::Execute{{{"", "SELECT 0"}, {"sqlite", "SELECT 1"}}, {}};
  const std::string text = render_ops({op}, "upgrade");
  // One key per dialect, in the registry's order (dialects::dialect_names()).
  CHECK(text == "[[upgrade]]\nop = \"execute\"\nsql.sqlite = \"SELECT 1\"\n"
                "sql.postgresql = \"SELECT 0\"\nsql.mysql = \"SELECT 0\"\n");
  const auto back = std::get<schema::Execute>(upgrade_of(text)[0]);
  CHECK(back.sql.at("mysql") == "SELECT 0");
}

TEST_CASE("revision file: sql.mariadb is read and written back", "[revision_file]") {
  const std::string text = "[[upgrade]]\nop = \"execute\"\nsql.mysql = \"SELECT 1\"\n"
                           "sql.mariadb = \"SELECT 2\"\n";
  const auto back = std::get<schema::Execute>(upgrade_of(text)[0]);
  CHECK(back.sql.at("mysql") == "SELECT 1");
  CHECK(back.sql.at("mariadb") == "SELECT 2");
  CHECK(render_ops({back}, "upgrade") == text);
}

TEST_CASE("revision file: alter_column existing_generated is read and written back",
          "[revision_file]") {
  schema::AlterColumn op;
  op.table = "shapes";
  op.column = "label";
  op.comment = "new";
  op.existing_type = "varchar(40)";
  op.existing_generated = schema::Generated{"concat('w=', \"w\")", true};
  const std::string text = render_ops({op}, "upgrade");
  CHECK(text.find("existing_generated = { expression = \"concat('w=', \\\"w\\\")\", stored = "
                  "true }\n") != std::string::npos);
  CHECK(upgrade_of(text) == std::vector<schema::Op>{op});
  // stored defaults to false (virtual), as in a column's generated key.
  const auto virt = std::get<schema::AlterColumn>(
      upgrade_of("[[upgrade]]\nop = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\n"
                 "comment = \"x\"\nexisting_generated = { expression = \"a + 1\" }\n")[0]);
  CHECK(virt.existing_generated == schema::Generated{"a + 1", false});
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\n"
                               "comment = \"x\"\nexisting_generated = { expresion = \"a + 1\" }\n"),
                    Catch::Contains(k_path + ":8:") && Catch::Contains("existing_generated") &&
                        Catch::Contains("expresion"));
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\n"
                               "comment = \"x\"\nexisting_generated = \"a + 1\"\n"),
                    Catch::Contains(k_path + ":8:") && Catch::Contains("existing_generated"));
}

TEST_CASE("revision file: read_revision_file reads from disk", "[revision_file]") {
  test::TempDir dir;
  const auto path = dir / "a1_x.toml";
  test::write_file(path, "revision = \"a1\"\nmessage = \"x\"\n");
  const auto f = migrate::read_revision_file(path);
  CHECK(f.revision.id == "a1");
  CHECK(f.revision.where.path == path.string());
  CHECK_THROWS_WITH(migrate::read_revision_file(dir / "missing.toml"),
                    (dir / "missing.toml").string() +
                        ": cannot read revision file: No such file or directory");
}

TEST_CASE("revision file: column collations in create_table, add_column and alter_column",
          "[revision_file][collation]") {
  schema::Column c;
  c.name = "username";
  c.type = schema::ColumnType("varchar(128)");
  c.collation = "utf8mb4_bin";
  schema::Table t;
  t.name = "users";
  t.columns = {c};
  schema::AlterColumn a;
  a.table = "users";
  a.column = "username";
  a.collation = "";
  a.existing_collation = "utf8mb4_bin";
  a.existing_type = "varchar(128)";
  const std::vector<schema::Op> ops = {schema::CreateTable{t}, schema::AddColumn{"users", c}, a};
  const std::string text = render_ops(ops, "upgrade");
  CHECK(
      text.find("{ name = \"username\", type = \"varchar(128)\", collation = \"utf8mb4_bin\" }") !=
      std::string::npos);
  CHECK(text.find("collation = \"\"\nexisting_collation = \"utf8mb4_bin\"\n") != std::string::npos);
  CHECK(upgrade_of(text) == ops);
  // The reverse swaps the two.
  const auto back = std::get<schema::AlterColumn>(schema::reverse(a));
  CHECK(back.collation == "utf8mb4_bin");
  CHECK(back.existing_collation == "");
  // A collation alone is a change; without existing_collation it cannot be reversed.
  const auto only = std::get<schema::AlterColumn>(
      upgrade_of("[[upgrade]]\nop = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\n"
                 "collation = \"C\"\n")[0]);
  CHECK(only.collation == "C");
  CHECK_THROWS_WITH(schema::reverse(only), Catch::Contains("existing_collation"));
}

// Issue 11: keys in order with their names, and deferrable constraints, in revision files.
TEST_CASE("revision file: keys' order, names and deferrability are read and written back",
          "[revision_file]") {
  schema::Table t;
  t.name = "relation_tags";
  schema::Column a;
  a.name = "relation_id";
  a.type = schema::ColumnType("bigint");
  schema::Column k = a;
  k.name = "k";
  k.type = schema::ColumnType("text");
  schema::Column v = a;
  v.name = "version";
  t.columns = {a, k, v};
  schema::set_primary_key(t, {"relation_id", "version", "k"});
  t.key.name = "relation_tags_pk";
  schema::ForeignKey fk{"fk_tags_rel", {"relation_id"}, "relations", {"id"}, "", ""};
  fk.deferrable = true;
  fk.initially_deferred = true;
  t.foreign_keys = {fk};
  schema::UniqueConstraint u{"uq_tags", {"k", "version"}};
  u.deferrable = true;
  t.uniques = {u};
  schema::AlterPrimaryKey alter;
  alter.table = "relation_tags";
  alter.columns = {"version", "relation_id", "k"};
  alter.existing_columns = std::vector<std::string>{"relation_id", "version", "k"};
  alter.name = "tags_pk";
  alter.existing_name = "relation_tags_pk";
  alter.deferrable = true;
  alter.existing_deferrable = false;
  alter.existing_initially_deferred = false;
  const std::vector<schema::Op> ops = {schema::CreateTable{t}, alter,
                                       schema::CreateForeignKey{"relation_tags", fk},
                                       schema::CreateUnique{"relation_tags", u}};
  const std::string text = render_ops(ops, "upgrade");
  INFO(text);
  CHECK(text.find("primary_key = { name = \"relation_tags_pk\", columns = [\"relation_id\", "
                  "\"version\", \"k\"] }\n") != std::string::npos);
  CHECK(
      text.find("name = \"tags_pk\"\nexisting_name = \"relation_tags_pk\"\ndeferrable = true\n") !=
      std::string::npos);
  const auto parsed = upgrade_of(text);
  REQUIRE(parsed.size() == ops.size());
  CHECK(std::get<schema::CreateTable>(parsed[0]).table.primary_key() ==
        std::vector<std::string>{"relation_id", "version", "k"});
  CHECK(parsed == ops);
  // The reverse swaps names and deferrability too.
  const auto back = std::get<schema::AlterPrimaryKey>(schema::reverse(alter));
  CHECK(back.name == "relation_tags_pk");
  CHECK(back.existing_name == "tags_pk");
  CHECK_FALSE(back.deferrable);
  CHECK(back.existing_deferrable);
  // An alter_primary_key of an older file (columns only) is written as it was.
  schema::AlterPrimaryKey plain;
  plain.table = "t";
  plain.columns = {"a"};
  plain.existing_columns = std::vector<std::string>{"b"};
  CHECK(render_ops({plain}, "upgrade") ==
        "[[upgrade]]\nop = \"alter_primary_key\"\ntable = \"t\"\ncolumns = [\"a\"]\n"
        "existing_columns = [\"b\"]\n");
}

TEST_CASE("revision file: alter_column identity is read, written back and reversed",
          "[revision_file]") {
  schema::AlterColumn op;
  op.table = "users";
  op.column = "id";
  op.identity_always = false;
  op.existing_identity_always = true;
  const std::string text = render_ops({op}, "upgrade");
  CHECK(text.find("identity = \"by default\"\n") != std::string::npos);
  CHECK(text.find("existing_identity = \"always\"\n") != std::string::npos);
  CHECK(upgrade_of(text) == std::vector<schema::Op>{op});
  const auto back = std::get<schema::AlterColumn>(schema::reverse(schema::Op{op}));
  CHECK(back.identity_always == true);
  CHECK(back.existing_identity_always == false);
  CHECK_THROWS_WITH(upgrade_of("[[upgrade]]\nop = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\n"
                               "identity = \"never\"\n"),
                    at(7, "'identity' must be \"always\" or \"by default\", not 'never'"));
}
