#include "migrate/model_file.h"

#include "dialects/dialect.h"
#include "support/fixtures.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

#include <map>

using namespace migratecpp;
using namespace migratecpp::test::files;
using migrate::parse_models;
using migrate::render_models;

namespace {

const std::string k_path = "models/schema.toml";

std::string at(int line, const std::string& message) {
  return k_path + ":" + std::to_string(line) + ": " + message;
}

schema::Database parse(const std::string& text) {
  return parse_models(text, k_path);
}

// Line 1-2: a table "t" whose columns start on line 3.
std::string table_t(const std::string& columns, const std::string& rest = "") {
  return "[[table]]\nname = \"t\"\ncolumns = [\n" + columns + "]\n" + rest;
}

const std::string k_canonical = R"toml([[enum]]
name = "mood"
values = ["happy", "sad"]

[[table]]
name = "orgs"
columns = [
  { name = "id", type = "bigint", primary_key = true, autoincrement = true },
  { name = "name", type = "text", nullable = false },
]

[[table]]
name = "users"
comment = "registered users"
columns = [
  { name = "id", type = "bigint", primary_key = true, autoincrement = true },
  { name = "org_id", type = "integer", nullable = false },
  { name = "email", type = "varchar(255)", nullable = false },
  { name = "age", type = "integer" },
  { name = "feeling", type = "mood", default = "'happy'" },
  { name = "meta", type = "jsonb", comment = "free-form" },
]
indexes = [ { name = "ix_users_email", columns = ["email"], unique = true } ]
unique = [ { name = "uq_users_org_email", columns = ["org_id", "email"] } ]
foreign_keys = [ { name = "fk_users_org", columns = ["org_id"], ref_table = "orgs", ref_columns = ["id"], on_delete = "cascade" } ]
checks = [
  { name = "ck_users_age", expression = "age >= 0" },
  { name = "ck_users_email", expression = "email <> ''" },
]
)toml";

} // namespace

TEST_CASE("models: parse the spec's format", "[model_file]") {
  const schema::Database db = parse(k_canonical);
  REQUIRE(db.enums.size() == 1);
  CHECK(db.enums[0] == schema::Enum{"mood", {"happy", "sad"}});
  REQUIRE(db.tables.size() == 2);
  const schema::Table& u = db.tables[1];
  CHECK(u.name == "users");
  CHECK(u.comment == "registered users");
  REQUIRE(u.columns.size() == 6);
  CHECK(u.columns[0] == pk("id", "bigint"));
  CHECK(u.columns[1] == not_null(col("org_id", "integer")));
  CHECK(u.columns[3] == col("age", "integer"));
  CHECK(u.columns[4].default_expr == "'happy'");
  CHECK(u.columns[5].comment == "free-form");
  CHECK(u.indexes == std::vector<schema::Index>{
                         {"ix_users_email", {"email"}, true, std::nullopt, std::nullopt}});
  CHECK(u.uniques ==
        std::vector<schema::UniqueConstraint>{{"uq_users_org_email", {"org_id", "email"}}});
  CHECK(u.foreign_keys == std::vector<schema::ForeignKey>{
                              {"fk_users_org", {"org_id"}, "orgs", {"id"}, "cascade", ""}});
  CHECK(u.checks.size() == 2);
}

TEST_CASE("models: render of parse is the canonical text", "[model_file]") {
  CHECK(render_models(parse(k_canonical)) == k_canonical);
}

TEST_CASE("models: render sorts indexes and constraints, omits defaults", "[model_file]") {
  const schema::Database db = parse(R"toml([[table]]
name = "t"
columns = [
  { name = "id", type = "integer", primary_key = true, nullable = false, autoincrement = false },
  { name = "a", type = "text", nullable = true, comment = "" },
]
indexes = [
  { name = "ix_b", columns = ["a"], unique = false },
  { name = "ix_a", columns = ["lower(a)"], where = "a <> ''", method = "btree" },
]
checks = [ { expression = "a <> 'x'" } ]
)toml");
  CHECK(render_models(db) == R"toml([[table]]
name = "t"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "a", type = "text", comment = "" },
]
indexes = [
  { name = "ix_a", columns = ["lower(a)"], where = "a <> ''", method = "btree" },
  { name = "ix_b", columns = ["a"] },
]
checks = [ { name = "ck_t_a", expression = "a <> 'x'" } ]
)toml");
}

TEST_CASE("models: parse of render is the same database", "[model_file]") {
  schema::Database db;
  db.enums = {{"mood", {"a", "b"}}, {"empty", {}}};
  db.tables = {orgs_table(), users_table()};
  schema::Table odd;
  odd.name = "odd \"names\"";
  schema::Column weird = col("x\ty", "varchar(40)[]");
  weird.default_expr = "'it''s'";
  weird.comment = "line1\nline2";
  schema::Column nullable_key = pk("k", "text", false);
  nullable_key.nullable = true; // SQLite keeps such keys; the file must still say so
  odd.columns = {nullable_key, weird};
  db.tables.push_back(odd);
  const std::string text = render_models(db);
  INFO(text);
  CHECK(parse(text) == db);
}

TEST_CASE("models: unnamed indexes and constraints get convention names", "[model_file]") {
  const schema::Database db = parse(table_t(
      "  { name = \"id\", type = \"integer\", primary_key = true },\n"
      "  { name = \"email\", type = \"text\" },\n",
      "indexes = [ { columns = [\"email\"] }, { name = \"ix_t_email\", columns = [\"id\"] } ]\n"
      "unique = [ { columns = [\"email\"] } ]\n"
      "foreign_keys = [ { columns = [\"id\"], ref_table = \"t\", ref_columns = [\"id\"] } ]\n"
      "checks = [ { expression = \"length(email) > 3\" } ]\n"));
  const schema::Table& t = db.tables[0];
  CHECK(t.indexes[0].name == "ix_t_email_2");
  CHECK(t.indexes[1].name == "ix_t_email");
  CHECK(t.uniques[0].name == "uq_t_email");
  CHECK(t.foreign_keys[0].name == "fk_t_id");
  CHECK(t.checks[0].name == "ck_t_length_email");
}

TEST_CASE("models: types", "[model_file]") {
  auto with_type = [](const std::string& type) {
    return parse("[[enum]]\nname = \"Mood\"\nvalues = [\"a\"]\n\n" +
                 table_t("  { name = \"c\", type = \"" + type + "\" },\n"));
  };
  SECTION("portable, aliases, native and enum types pass") {
    for (const char* type : {"integer",
                             "INT4",
                             "bigint",
                             "numeric(12,2)",
                             "varchar(255)",
                             "character varying(10)",
                             "timestamptz",
                             "jsonb",
                             "inet",
                             "mediumtext",
                             "varchar(40)[]",
                             "mood",
                             "mood[]",
                             "tinyint(1)",
                             "int(11) unsigned",
                             "tsvector",
                             "geometry(point, 4326)",
                             "ltree",
                             "serial",
                             "citext",
                             "year",
                             "varchar"}) {
      INFO(type);
      CHECK_NOTHROW(with_type(type));
    }
  }
  SECTION("a typo of a portable name is rejected") {
    CHECK_THROWS_WITH(with_type("integr"),
                      k_path + ":8: unknown type 'integr' (did you mean 'integer'?)");
    CHECK_THROWS_WITH(with_type("varchr(20)"),
                      k_path + ":8: unknown type 'varchr(20)' (did you mean 'varchar'?)");
    CHECK_THROWS_WITH(with_type("timestmp"),
                      k_path + ":8: unknown type 'timestmp' (did you mean 'timestamp'?)");
  }
  SECTION("a portable name with bad arguments is rejected") {
    CHECK_THROWS_WITH(with_type("varchar(x)"),
                      k_path + ":8: invalid arguments in type 'varchar(x)' of column 'c'");
    CHECK_THROWS_WITH(with_type("numeric(2,5)"),
                      k_path + ":8: invalid arguments in type 'numeric(2,5)' of column 'c'");
  }
}

TEST_CASE("models: located errors", "[model_file]") {
  CHECK_THROWS_WITH(parse("[[table]]\nname = \"t\"\ncolumns = [\n"
                          "  { name = \"a\", type = \"text\", nulable = true },\n]\n"),
                    at(4, "unknown key 'nulable' in column (did you mean 'nullable'?)"));
  CHECK_THROWS_WITH(parse("[[table]]\nname = \"t\"\ncolums = []\n"),
                    at(3, "unknown key 'colums' in table (did you mean 'columns'?)"));
  CHECK_THROWS_WITH(parse("[[tables]]\nname = \"t\"\n"),
                    at(1, "unknown key 'tables' in models file (did you mean 'table'?)"));
  CHECK_THROWS_WITH(parse("[[table]]\nname = \"t\"\n"),
                    at(1, "table: missing required key 'columns'"));
  CHECK_THROWS_WITH(parse("[[table]]\ncolumns = []\n"),
                    at(1, "table: missing required key 'name'"));
  CHECK_THROWS_WITH(parse("[[table]]\nname = \"t\"\ncolumns = []\n"),
                    at(3, "table 't' has no columns"));
  CHECK_THROWS_WITH(parse("table = 1\n"), at(1, "'table' must be an array of tables"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"a\", type = \"text\", primary_key = \"yes\" },\n")),
                    at(4, "'primary_key' must be a boolean"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"a\", type = \"text\" },\n"
                                  "  { name = \"a\", type = \"integer\" },\n")),
                    at(5, "duplicate column 't.a' (first defined at line 4)"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"a\", type = \"text\" },\n") + "\n" +
                          table_t("  { name = \"b\", type = \"text\" },\n")),
                    at(7, "duplicate table 't' (first defined at line 1)"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"a\", type = \"text\", autoincrement = true },\n")),
                    at(4, "column 'a' cannot autoincrement: its type 'text' is not an integer "
                          "type"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"a\", type = \"numeric(10,0)\", primary_key = "
                                  "true, autoincrement = true },\n")),
                    at(4, "column 'a' cannot autoincrement: its type 'numeric(10,0)' is not an "
                          "integer type"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"a\", type = \"bigint\", nullable = true, "
                                  "autoincrement = true },\n")),
                    at(4, "column 'a' cannot be nullable: it autoincrements, so it is never "
                          "NULL"));
  CHECK_THROWS_WITH(
      parse(table_t("  { name = \"email\", type = \"text\" },\n",
                    "indexes = [ { name = \"ix_t_email\", columns = [\"emial\"] } ]\n")),
      at(6, "index 'ix_t_email' names column 'emial', which is not in table 't' (did you mean "
            "'email'?)"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"email\", type = \"text\" },\n",
                                  "unique = [ { columns = [\"mail\", \"email\"] } ]\n")),
                    at(6, "unnamed unique constraint (mail, email) names column 'mail', which is "
                          "not in table 't' (did you mean 'email'?)"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"email\", type = \"text\" },\n",
                                  "indexes = [ { name = \"x\", columns = [\"email\"] } ]\n"
                                  "unique = [ { name = \"x\", columns = [\"email\"] } ]\n")),
                    at(7, "duplicate index or constraint name 'x' (first used at line 6)"));
  CHECK_THROWS_WITH(
      parse(table_t("  { name = \"a\", type = \"text\" },\n",
                    "indexes = [ { name = \"ix\", columns = [\"a\"] } ]\n") +
            "\n[[table]]\nname = \"u\"\ncolumns = [ { name = \"a\", type = \"text\" } ]\n"
            "indexes = [ { name = \"ix\", columns = [\"a\"] } ]\n"),
      at(11, "duplicate index or constraint name 'ix' (first used at line 6)"));
  CHECK_THROWS_WITH(parse("[[enum]]\nname = \"e\"\nvalues = []\n[[enum]]\nname = \"e\"\n"
                          "values = [\"x\"]\n"),
                    at(4, "duplicate enum 'e' (first defined at line 1)"));
  CHECK_THROWS_WITH(parse("[[enum]]\nname = \"e\"\n"),
                    at(1, "enum: missing required key 'values'"));
  CHECK_THROWS_WITH(parse("[[enum]]\nname = \"e\"\nvalues = [\"a\", \"b\", \"a\"]\n"),
                    at(3, "enum 'e' lists value 'a' twice"));
  CHECK_THROWS_WITH(parse("[[table]\n"),
                    at(1, "Error while parsing table header: expected ']', saw '\\n'"));
}

TEST_CASE("models: foreign keys must point at tables and columns in the models", "[model_file]") {
  const std::string orgs = "[[table]]\nname = \"orgs\"\ncolumns = [ { name = \"id\", type = "
                           "\"integer\" } ]\n\n";
  // users starts on line 5; its foreign_keys entry is on line 10.
  auto users = [&](const std::string& fk) {
    return orgs + table_t("  { name = \"org_id\", type = \"integer\" },\n",
                          "foreign_keys = [ " + fk + " ]\n");
  };
  CHECK_NOTHROW(parse(users("{ columns = [\"org_id\"], ref_table = \"orgs\", ref_columns = "
                            "[\"id\"] }")));
  CHECK_THROWS_WITH(
      parse(users("{ name = \"fk_x\", columns = [\"org_id\"], ref_table = \"orgz\", ref_columns = "
                  "[\"id\"] }")),
      at(10, "foreign key 'fk_x' references table 'orgz', which is not in the models (did you "
             "mean 'orgs'?)"));
  CHECK_THROWS_WITH(
      parse(users("{ columns = [\"org_id\"], ref_table = \"orgs\", ref_columns = [\"idd\"] }")),
      at(10, "unnamed foreign key (org_id) references column 'orgs.idd', which is not in the "
             "models (did you mean 'id'?)"));
  CHECK_THROWS_WITH(
      parse(users("{ name = \"fk_x\", columns = [\"orgid\"], ref_table = \"orgs\", ref_columns = "
                  "[\"id\"] }")),
      at(10, "foreign key 'fk_x' names column 'orgid', which is not in table 't' (did you mean "
             "'org_id'?)"));
  CHECK_THROWS_WITH(
      parse(users("{ name = \"fk_x\", columns = [\"org_id\"], ref_table = \"orgs\", ref_columns = "
                  "[\"id\"], on_delete = \"nothing\" }")),
      at(10, "'on_delete' must be one of: cascade, set null, set default, restrict, no action"));
}

TEST_CASE("models: load_models merges files", "[model_file]") {
  test::TempDir dir;
  test::write_file(dir / "a.toml", "[[enum]]\nname = \"mood\"\nvalues = [\"x\"]\n\n"
                                   "[[table]]\nname = \"orgs\"\n"
                                   "columns = [ { name = \"id\", type = \"integer\" } ]\n");
  test::write_file(dir / "b.toml",
                   "[[table]]\nname = \"users\"\ncolumns = [\n"
                   "  { name = \"org_id\", type = \"integer\" },\n"
                   "  { name = \"m\", type = \"mood\" },\n]\n"
                   "foreign_keys = [ { columns = [\"org_id\"], ref_table = \"orgs\", "
                   "ref_columns = [\"id\"] } ]\n");
  const schema::Database db = migrate::load_models({dir / "a.toml", dir / "b.toml"});
  REQUIRE(db.tables.size() == 2);
  CHECK(db.tables[0].name == "orgs");
  CHECK(db.tables[1].name == "users");
  CHECK(db.tables[1].foreign_keys[0].name == "fk_users_org_id");
  CHECK(db.enums.size() == 1);

  test::write_file(
      dir / "c.toml",
      "\n[[table]]\nname = \"orgs\"\ncolumns = [ { name = \"id\", type = \"text\" } ]\n");
  CHECK_THROWS_WITH(migrate::load_models({dir / "a.toml", dir / "c.toml"}),
                    (dir / "c.toml").string() + ":2: duplicate table 'orgs' (first defined at " +
                        (dir / "a.toml").string() + ":5)");
  // Alone, b.toml refers to a table it does not define.
  CHECK_THROWS_WITH(migrate::load_models({dir / "b.toml"}),
                    (dir / "b.toml").string() +
                        ":7: unnamed foreign key (org_id) references table 'orgs', which is not "
                        "in the models");
  CHECK_THROWS_WITH(migrate::load_models({dir / "nope.toml"}),
                    (dir / "nope.toml").string() +
                        ": cannot read models file: No such file or directory");
  CHECK(migrate::load_models({}) == schema::Database{});
}

TEST_CASE("models: autoincrement on any integer column, key or not", "[model_file]") {
  // PostgreSQL keeps identity (and serial) columns anywhere; inspect prints them so.
  const schema::Database db = parse(
      table_t("  { name = \"id\", type = \"integer\", primary_key = true, autoincrement = true },\n"
              "  { name = \"seq\", type = \"bigint\", nullable = false, autoincrement = true },\n"
              "  { name = \"small\", type = \"smallint\", autoincrement = true },\n"
              "  { name = \"big\", type = \"bigserial\", autoincrement = true },\n"
              "  { name = \"i4\", type = \"int4\", autoincrement = true },\n"));
  const schema::Table& t = db.tables[0];
  REQUIRE(t.columns.size() == 5);
  CHECK(t.columns[0] == pk("id", "integer"));
  for (std::size_t i = 1; i < t.columns.size(); ++i) {
    INFO(t.columns[i].name);
    CHECK(t.columns[i].autoincrement);
    CHECK_FALSE(t.columns[i].primary_key);
    CHECK_FALSE(t.columns[i].nullable); // never NULL, said or not
  }
  // Written back with nullable = false (it differs from a plain column's default) and read
  // back the same.
  const std::string text = render_models(db);
  CHECK(
      text.find("{ name = \"seq\", type = \"bigint\", nullable = false, autoincrement = true }") !=
      std::string::npos);
  CHECK(parse(text) == db);
}

TEST_CASE("models: index entries with an ordering or operator class", "[model_file]") {
  auto with_index = [](const std::string& entries) {
    return parse(table_t("  { name = \"t\", type = \"timestamp\" },\n"
                         "  { name = \"n\", type = \"integer\" },\n"
                         "  { name = \"Email\", type = \"text\" },\n"
                         "  { name = \"order\", type = \"text\" },\n",
                         "indexes = [ { name = \"ix\", columns = [" + entries + "] } ]\n"));
  };
  SECTION("as inspect prints them: accepted, kept") {
    const schema::Database db = with_index(
        "\"t DESC\", \"n\", \"t NULLS FIRST\", \"n DESC NULLS LAST\", \"\\\"Email\\\" DESC\", "
        "\"Email text_pattern_ops\", \"t ASC NULLS LAST\", \"order desc\", "
        "\"lower(\\\"Email\\\") DESC\", \"(n + 1) DESC\", "
        "\"\\\"Email\\\" pg_catalog.text_pattern_ops DESC\"");
    CHECK(schema::index_part_texts(db.tables[0].indexes[0].parts) ==
          std::vector<std::string>{"t DESC", "n", "t NULLS FIRST", "n DESC NULLS LAST",
                                   "\"Email\" DESC",
                                   // a bare name that PostgreSQL would fold is quoted
                                   "\"Email\" text_pattern_ops", "t ASC NULLS LAST", "order desc",
                                   "lower(\"Email\") DESC", "(n + 1) DESC",
                                   "\"Email\" pg_catalog.text_pattern_ops DESC"});
  }
  SECTION("a quoted column alone is the column") {
    CHECK(schema::index_part_texts(with_index("\"\\\"Email\\\"\"").tables[0].indexes[0].parts) ==
          std::vector<std::string>{"Email"});
  }
  SECTION("the column part must be a column of the table") {
    CHECK_THROWS_WITH(with_index("\"tt DESC\""),
                      at(9, "index 'ix' names column 'tt', which is not in table 't' (did you "
                            "mean 't'?)"));
    CHECK_THROWS_WITH(with_index("\"email DESC\""),
                      at(9, "index 'ix' names column 'email', which is not in table 't' (did "
                            "you mean 'Email'?)"));
    CHECK_THROWS_WITH(with_index("\"\\\"T\\\" DESC\""),
                      at(9, "index 'ix' names column 'T', which is not in table 't' (did you "
                            "mean 't'?)"));
  }
  SECTION("anything else after the column is rejected") {
    CHECK_THROWS_WITH(
        with_index("\"t DSEC\""),
        at(9, "index 'ix' has entry 't DSEC': after column 't' only an operator class "
              "(..._ops), ASC or DESC, and NULLS FIRST or NULLS LAST may follow (an expression "
              "needs parentheses)"));
    CHECK_THROWS_WITH(
        with_index("\"n + 1\""),
        at(9, "index 'ix' has entry 'n + 1': after column 'n' only an operator class "
              "(..._ops), ASC or DESC, and NULLS FIRST or NULLS LAST may follow (an expression "
              "needs parentheses)"));
    CHECK_THROWS(with_index("\"t DESC ASC\""));
    CHECK_THROWS(with_index("\"t NULLS\""));
    CHECK_THROWS(with_index("\"t NULLS LAST DESC\""));
  }
  SECTION("unique constraints and foreign keys still take plain column names only") {
    CHECK_THROWS_WITH(parse(table_t("  { name = \"t\", type = \"integer\" },\n",
                                    "unique = [ { name = \"uq\", columns = [\"t DESC\"] } ]\n")),
                      at(6, "unique constraint 'uq' names column 't DESC', which is not in "
                            "table 't'"));
  }
}

TEST_CASE("models: a double-quoted type name is native", "[model_file]") {
  // PostgreSQL's one-byte "char" (inspect prints it quoted, as format_type does), and any
  // quoted type name, passed through as written.
  const schema::Database db =
      parse(table_t("  { name = \"a\", type = \"\\\"char\\\"\" },\n"
                    "  { name = \"b\", type = \"\\\"char\\\"[]\" },\n"
                    "  { name = \"c\", type = \"\\\"My Type\\\"\" },\n"
                    "  { name = \"d\", type = \"public.\\\"My Type\\\"\" },\n"
                    "  { name = \"e\", type = \"char(1)\" },\n"));
  const schema::Table& t = db.tables[0];
  CHECK(t.columns[0].type.declared() == "\"char\"");
  CHECK(t.columns[1].type.declared() == "\"char\"[]");
  CHECK(t.columns[2].type.declared() == "\"My Type\"");
  CHECK(t.columns[3].type.declared() == "public.\"My Type\"");
  CHECK(render_models(db).find("{ name = \"a\", type = \"\\\"char\\\"\" }") != std::string::npos);
  CHECK(parse(render_models(db)) == db);
  // Unquoted, a near miss of a portable name is still a typo.
  CHECK_THROWS_WITH(parse(table_t("  { name = \"a\", type = \"chr\" },\n")),
                    at(4, "unknown type 'chr' (did you mean 'char'?)"));
}

TEST_CASE("models: generated columns and table options", "[model_file]") {
  const std::string text = R"toml([[table]]
name = "shapes"
options = { engine = "InnoDB", charset = "utf8mb4", collate = "utf8mb4_unicode_ci", row_format = "DYNAMIC" }
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "w", type = "integer", nullable = false },
  { name = "area", type = "integer", generated = { expression = "w * w", stored = false }, comment = "computed" },
  { name = "label", type = "text", nullable = false, generated = { expression = "'shape ' || id", stored = true } },
]
)toml";
  const schema::Database db = parse(text);
  const schema::Table& t = db.tables[0];
  CHECK(t.options.engine == "InnoDB");
  CHECK(t.options.charset == "utf8mb4");
  CHECK(t.options.collate == "utf8mb4_unicode_ci");
  CHECK(t.options.row_format == "DYNAMIC");
  REQUIRE(t.columns[2].generated);
  CHECK(*t.columns[2].generated == schema::Generated{"w * w", false});
  CHECK(*t.columns[3].generated == schema::Generated{"'shape ' || id", true});
  CHECK_FALSE(t.columns[1].generated);
  // Canonical: the text renders back as written, and parses back to the same model.
  CHECK(render_models(db) == text);
  CHECK(parse(render_models(db)) == db);

  SECTION("a stored flag left out is virtual; an option left out is absent") {
    const auto d = parse(table_t("  { name = \"a\", type = \"integer\" },\n"
                                 "  { name = \"b\", type = \"integer\", generated = { expression "
                                 "= \"a + 1\" } },\n",
                                 "options = { engine = \"MyISAM\" }\n"));
    CHECK(*d.tables[0].columns[1].generated == schema::Generated{"a + 1", false});
    CHECK(d.tables[0].options.engine == "MyISAM");
    CHECK_FALSE(d.tables[0].options.charset);
    CHECK(render_models(d).find("stored = false") != std::string::npos);
  }
  SECTION("default and generated are exclusive") {
    CHECK_THROWS_WITH(
        parse(table_t("  { name = \"a\", type = \"integer\" },\n"
                      "  { name = \"b\", type = \"integer\", default = 0, generated = { "
                      "expression = \"a + 1\" } },\n")),
        at(5, "column 't.b' cannot have both a default and generated (a generated column's "
              "value is its expression)"));
  }
  SECTION("bad generated and options keys are located") {
    CHECK_THROWS_WITH(parse(table_t("  { name = \"b\", type = \"integer\", generated = { "
                                    "expresion = \"1\" } },\n")),
                      at(4, "unknown key 'expresion' in generated (did you mean 'expression'?)"));
    CHECK_THROWS_WITH(
        parse(table_t("  { name = \"b\", type = \"integer\", generated = \"1\" },\n")),
        Catch::Contains("'generated' must be a table"));
    CHECK_THROWS_WITH(parse(table_t("  { name = \"b\", type = \"integer\" },\n",
                                    "options = { engine = \"InnoDB; DROP\" }\n")),
                      Catch::Contains("table 't': option 'engine' must be a name"));
    CHECK_THROWS_WITH(parse(table_t("  { name = \"b\", type = \"integer\" },\n",
                                    "options = { charst = \"x\" }\n")),
                      Catch::Contains("unknown key 'charst' in table options"));
  }
}

TEST_CASE("models: what a dialect cannot hold is refused naming the table", "[model_file]") {
  test::TempDir dir;
  test::write_file(dir / "opts.toml", "[[table]]\nname = \"t\"\noptions = { engine = \"MyISAM\" }\n"
                                      "columns = [ { name = \"id\", type = \"integer\" } ]\n");
  test::write_file(dir / "virt.toml",
                   "[[table]]\nname = \"t\"\ncolumns = [\n"
                   "  { name = \"id\", type = \"integer\" },\n"
                   "  { name = \"v\", type = \"integer\", generated = { expression = \"id * 2\" } "
                   "},\n]\n");
  const auto& sqlite = dialects::dialect_by_name("sqlite");
  const auto& mysql = dialects::dialect_by_name("mysql");
  CHECK_THROWS_WITH(migrate::load_models({dir / "opts.toml"}, &sqlite),
                    (dir / "opts.toml").string() +
                        ":1: table 't': option 'engine' is not a table option on sqlite (it has "
                        "none)");
  CHECK(migrate::load_models({dir / "opts.toml"}, &mysql).tables[0].options.engine == "MyISAM");
  CHECK_NOTHROW(migrate::load_models({dir / "virt.toml"}, &sqlite));
  const auto& pg = dialects::dialect_by_name("postgresql");
  CHECK_THROWS_WITH(migrate::load_models({dir / "virt.toml"}, &pg),
                    (dir / "virt.toml").string() +
                        ":5: column 't.v' cannot be a virtual generated column on postgresql: "
                        "it has only stored ones (generated = { ..., stored = true })");
  CHECK_THROWS_WITH(migrate::load_models({dir / "opts.toml"}, &pg),
                    Catch::Contains("option 'engine' is not a table option on postgresql (it has "
                                    "unlogged, storage)"));
  // PostgreSQL's storage: refused elsewhere, the column's statistics on its own line.
  test::write_file(dir / "pg.toml", "[[table]]\nname = \"t\"\n"
                                    "options = { unlogged = true, storage = { fillfactor = 70 } }\n"
                                    "columns = [\n"
                                    "  { name = \"id\", type = \"integer\", statistics = 500 },\n"
                                    "]\n");
  const auto pg_table = migrate::load_models({dir / "pg.toml"}, &pg).tables.at(0);
  CHECK(pg_table.options.unlogged == true);
  CHECK(pg_table.options.storage == std::map<std::string, std::string>{{"fillfactor", "70"}});
  CHECK(pg_table.columns[0].statistics == 500);
  CHECK_THROWS_WITH(migrate::load_models({dir / "pg.toml"}, &mysql),
                    (dir / "pg.toml").string() +
                        ":1: table 't': option 'unlogged' is not a table option on mysql (it has "
                        "engine, charset, collate, row_format)");
  test::write_file(dir / "stats.toml",
                   "[[table]]\nname = \"t\"\ncolumns = [\n"
                   "  { name = \"id\", type = \"integer\", statistics = 500 },\n"
                   "]\n");
  CHECK_THROWS_WITH(migrate::load_models({dir / "stats.toml"}, &sqlite),
                    (dir / "stats.toml").string() +
                        ":4: column 't.id': there are no per-column statistics targets on "
                        "sqlite; leave 'statistics' out");
}

TEST_CASE("models: PostgreSQL storage options read, render and are checked", "[model_file]") {
  const std::string text = "[[table]]\nname = \"t\"\n"
                           "options = { unlogged = true, storage = { fillfactor = \"70\", "
                           "\"toast.autovacuum_enabled\" = \"false\" } }\n"
                           "columns = [\n"
                           "  { name = \"id\", type = \"integer\", statistics = 500 },\n"
                           "]\n";
  const auto db = parse(text);
  CHECK(render_models(db) == text);
  CHECK(parse(render_models(db)) == db);
  // A logged table without parameters says nothing: one spelling per table.
  const auto plain = parse("[[table]]\nname = \"t\"\noptions = { unlogged = false, storage = {} }\n"
                           "columns = [ { name = \"id\", type = \"integer\" } ]\n");
  CHECK(plain.tables[0].options.empty());
  // Numbers and booleans are kept as the text the server stores.
  const auto typed = parse("[[table]]\nname = \"t\"\noptions = { storage = { FillFactor = 70, "
                           "autovacuum_enabled = false } }\n"
                           "columns = [ { name = \"id\", type = \"integer\" } ]\n");
  CHECK(typed.tables[0].options.storage ==
        std::map<std::string, std::string>{{"autovacuum_enabled", "false"}, {"fillfactor", "70"}});
  CHECK_THROWS_WITH(
      parse("[[table]]\nname = \"t\"\noptions = { storage = { \"fill factor\" = 1 } }\n"
            "columns = [ { name = \"id\", type = \"integer\" } ]\n"),
      Catch::Contains("storage parameter 'fill factor' must be a name"));
  CHECK_THROWS_WITH(parse("[[table]]\nname = \"t\"\ncolumns = [ { name = \"id\", type = "
                          "\"integer\", statistics = 20000 } ]\n"),
                    Catch::Contains("'statistics' must be between 0 and 10000, not 20000"));
  // An index's storage parameters and statistics targets (by column position).
  const std::string indexed =
      "[[table]]\nname = \"t\"\ncolumns = [\n"
      "  { name = \"k\", type = \"text\" },\n]\n"
      "indexes = [ { name = \"ix_k\", columns = [\"lower(k)\"], storage = { "
      "fillfactor = \"70\" }, statistics = { 1 = 3000 } } ]\n";
  const auto with_index = parse(indexed);
  CHECK(with_index.tables[0].indexes[0].statistics == std::map<int, int>{{1, 3000}});
  CHECK(render_models(with_index) == indexed);
  CHECK_THROWS_WITH(
      parse("[[table]]\nname = \"t\"\ncolumns = [ { name = \"k\", type = \"text\" } ]\n"
            "indexes = [ { name = \"ix_k\", columns = [\"k\"], statistics = { 2 = 10 } } ]\n"),
      Catch::Contains("index 'ix_k': statistics maps a column's position in the index "
                      "(1 to 1) to a target from 0 to 10000, not '2'"));
}

TEST_CASE("models: index names are per table where the dialect keeps them so", "[model_file]") {
  // MySQL/MariaDB keep index names per table (employees and sakila have an index `dept_no` /
  // `idx_fk_film_id` on two tables); PostgreSQL and SQLite per schema.
  test::TempDir dir;
  test::write_file(dir / "m.toml", "[[table]]\nname = \"t\"\n"
                                   "columns = [ { name = \"a\", type = \"integer\" } ]\n"
                                   "indexes = [ { name = \"ix_a\", columns = [\"a\"] } ]\n\n"
                                   "[[table]]\nname = \"u\"\n"
                                   "columns = [ { name = \"a\", type = \"integer\" } ]\n"
                                   "unique = [ { name = \"ix_a\", columns = [\"a\"] } ]\n");
  const auto& mysql = dialects::dialect_by_name("mysql");
  CHECK(migrate::load_models({dir / "m.toml"}, &mysql).tables.size() == 2);
  for (const char* name : {"sqlite", "postgresql"}) {
    const auto& dialect = dialects::dialect_by_name(name);
    CHECK_THROWS_WITH(migrate::load_models({dir / "m.toml"}, &dialect),
                      (dir / "m.toml").string() +
                          ":9: duplicate index or constraint name 'ix_a' (first used at line 4)");
  }
}

TEST_CASE("models: a column without a declared type is SQLite's only", "[model_file]") {
  // What inspect writes for CREATE TABLE t (a, b): the loader reads its own output.
  test::TempDir dir;
  test::write_file(dir / "untyped.toml", "[[table]]\nname = \"t\"\ncolumns = [\n"
                                         "  { name = \"a\", type = \"\" },\n"
                                         "  { name = \"b\", type = \"TEXT\" },\n]\n");
  const auto& sqlite = dialects::dialect_by_name("sqlite");
  const schema::Database db = migrate::load_models({dir / "untyped.toml"}, &sqlite);
  REQUIRE(db.tables.size() == 1);
  CHECK(db.tables[0].columns[0].type.declared().empty());
  CHECK(migrate::parse_models(migrate::render_models(db), "x.toml") == db);
  for (const char* name : {"postgresql", "mysql"}) {
    const auto& other = dialects::dialect_by_name(name);
    CHECK_THROWS_WITH(migrate::load_models({dir / "untyped.toml"}, &other),
                      (dir / "untyped.toml").string() + ":4: column 't.a' has no type: only " +
                          "SQLite has columns without a declared type");
  }
  // The key itself is still required.
  CHECK_THROWS_WITH(
      migrate::parse_models("[[table]]\nname = \"t\"\ncolumns = [ { name = \"a\" } ]\n", "m.toml"),
      Catch::Contains("missing required key 'type'"));
}

TEST_CASE("models: a column's collation", "[model_file][collation]") {
  const std::string text = "[[table]]\nname = \"users\"\ncolumns = [\n"
                           "  { name = \"id\", type = \"integer\", primary_key = true },\n"
                           "  { name = \"username\", type = \"varchar(128)\", collation = "
                           "\"utf8mb4_bin\", nullable = false },\n]\n";
  const schema::Database db = migrate::parse_models(text, "m.toml");
  CHECK(db.tables[0].columns[0].collation == std::nullopt);
  CHECK(db.tables[0].columns[1].collation == "utf8mb4_bin");
  const std::string rendered = migrate::render_models(db);
  CHECK_THAT(rendered, Catch::Contains("{ name = \"username\", type = \"varchar(128)\", "
                                       "collation = \"utf8mb4_bin\", nullable = false }"));
  CHECK(migrate::parse_models(rendered, "m.toml") == db);
  CHECK_THROWS_WITH(
      migrate::parse_models("[[table]]\nname = \"t\"\ncolumns = [\n"
                            "  { name = \"a\", type = \"text\", collation = \"\" },\n]\n",
                            "m.toml"),
      Catch::Contains("m.toml:4:") && Catch::Contains("'collation' must not be empty"));
}

// Issue 11: the primary key as an ordered, optionally named constraint.
TEST_CASE("models: a table-level primary_key keeps its order and name", "[model_file]") {
  const std::string text = "[[table]]\nname = \"relation_tags\"\ncolumns = [\n"
                           "  { name = \"relation_id\", type = \"bigint\", nullable = false },\n"
                           "  { name = \"k\", type = \"text\", nullable = false },\n"
                           "  { name = \"version\", type = \"bigint\", nullable = false },\n"
                           "]\n"
                           "primary_key = { name = \"relation_tags_pk\", columns = "
                           "[\"relation_id\", \"version\", \"k\"] }\n";
  const auto db = parse(text);
  const schema::Table& t = db.tables.at(0);
  CHECK(t.primary_key() == std::vector<std::string>{"relation_id", "version", "k"});
  CHECK(t.key.name == "relation_tags_pk");
  CHECK(t.find_column("k")->primary_key);
  CHECK_FALSE(t.find_column("k")->nullable);
  CHECK(render_models(db) == text);
  CHECK(parse(render_models(db)) == db);
}

// SQLite lets a key column declared without NOT NULL hold NULL: `nullable = true` on a column
// of a table-level key keeps it so (the others the key makes NOT NULL).
TEST_CASE("models: a column of a table-level primary_key can say nullable = true", "[model_file]") {
  const std::string text = "[[table]]\nname = \"pairs\"\ncolumns = [\n"
                           "  { name = \"a\", type = \"TEXT\", nullable = true },\n"
                           "  { name = \"b\", type = \"INT\", nullable = false },\n"
                           "]\n"
                           "primary_key = { columns = [\"b\", \"a\"] }\n";
  const auto db = parse(text);
  const schema::Table& t = db.tables.at(0);
  CHECK(t.primary_key() == std::vector<std::string>{"b", "a"});
  CHECK(t.find_column("a")->nullable);
  CHECK_FALSE(t.find_column("b")->nullable);
  CHECK(render_models(db) == text);
  // Without the key `nullable`, a key column is NOT NULL.
  const auto plain =
      parse("[[table]]\nname = \"p\"\ncolumns = [ { name = \"a\", type = \"TEXT\" } ]\n"
            "primary_key = { columns = [\"a\"], name = \"pk_p\" }\n");
  CHECK_FALSE(plain.tables.at(0).find_column("a")->nullable);
}

TEST_CASE("models: a key in column order without a name is written as the column flags",
          "[model_file]") {
  const std::string flags =
      table_t("  { name = \"a\", type = \"integer\", primary_key = true },\n"
              "  { name = \"b\", type = \"integer\", primary_key = true },\n");
  const std::string table_level = table_t("  { name = \"a\", type = \"integer\" },\n"
                                          "  { name = \"b\", type = \"integer\" },\n",
                                          "primary_key = { columns = [\"a\", \"b\"] }\n");
  CHECK(parse(table_level) == parse(flags));
  CHECK(render_models(parse(table_level)) == flags);
  // Both spellings, agreeing: accepted; the table-level one gives the order.
  const auto both = parse(table_t("  { name = \"a\", type = \"integer\", primary_key = true },\n"
                                  "  { name = \"b\", type = \"integer\", primary_key = true },\n",
                                  "primary_key = { columns = [\"b\", \"a\"] }\n"));
  CHECK(both.tables[0].primary_key() == std::vector<std::string>{"b", "a"});
}

TEST_CASE("models: a primary_key that disagrees or names a missing column is refused",
          "[model_file]") {
  CHECK_THROWS_WITH(
      parse(table_t("  { name = \"a\", type = \"integer\", primary_key = true },\n"
                    "  { name = \"b\", type = \"integer\" },\n",
                    "primary_key = { columns = [\"b\", \"a\"] }\n")),
      at(7, "table 't': primary_key lists (b, a) but the columns marked primary_key = true are "
            "(a); give the key once (primary_key = { columns = [...] } keeps its order), or make "
            "them agree"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"a\", type = \"integer\" },\n",
                                  "primary_key = { columns = [\"a\", \"c\"] }\n")),
                    at(6, "table 't': primary_key names column 'c', which is not in table 't'"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"a\", type = \"integer\" },\n",
                                  "primary_key = { columns = [] }\n")),
                    Catch::Contains("primary_key has no columns"));
  CHECK_THROWS_WITH(
      parse(table_t("  { name = \"a\", type = \"integer\" },\n",
                    "primary_key = { columns = [\"a\"], initially_deferred = true }\n")),
      Catch::Contains("initially_deferred = true needs deferrable = true"));
}

TEST_CASE("models: deferrable constraints, and the dialects that refuse them", "[model_file]") {
  const std::string text =
      "[[table]]\nname = \"p\"\ncolumns = [\n"
      "  { name = \"id\", type = \"integer\", primary_key = true },\n]\n\n"
      "[[table]]\nname = \"c\"\ncolumns = [\n"
      "  { name = \"id\", type = \"integer\", primary_key = true },\n"
      "  { name = \"p_id\", type = \"integer\" },\n]\n"
      "foreign_keys = [ { name = \"fk_c_p\", columns = [\"p_id\"], ref_table = \"p\", "
      "ref_columns = [\"id\"], deferrable = true, initially_deferred = true } ]\n";
  const auto db = parse(text);
  const auto& fk = db.find_table("c")->foreign_keys.at(0);
  CHECK(fk.deferrable);
  CHECK(fk.initially_deferred);
  CHECK(render_models(db) == text);

  test::TempDir dir;
  test::write_file(dir / "fk.toml", text);
  test::write_file(dir / "named.toml", "[[table]]\nname = \"t\"\ncolumns = [\n"
                                       "  { name = \"id\", type = \"integer\" },\n]\n"
                                       "primary_key = { name = \"t_key\", columns = [\"id\"] }\n");
  test::write_file(dir / "unique.toml",
                   "[[table]]\nname = \"t\"\ncolumns = [\n"
                   "  { name = \"id\", type = \"integer\" },\n]\n"
                   "unique = [ { name = \"uq_t\", columns = [\"id\"], deferrable = true } ]\n");
  const auto& sqlite = dialects::dialect_by_name("sqlite");
  const auto& mysql = dialects::dialect_by_name("mysql");
  const auto& pg = dialects::dialect_by_name("postgresql");
  CHECK_NOTHROW(migrate::load_models({dir / "fk.toml"}, &sqlite));
  CHECK_NOTHROW(migrate::load_models({dir / "fk.toml"}, &pg));
  CHECK_THROWS_WITH(migrate::load_models({dir / "fk.toml"}, &mysql),
                    (dir / "fk.toml").string() +
                        ":13: table 'c': foreign key 'fk_c_p' cannot be deferrable on mysql: it "
                        "has no deferrable constraints (foreign keys are checked at once, "
                        "statement by statement)");
  CHECK_NOTHROW(migrate::load_models({dir / "named.toml"}, &sqlite));
  CHECK(migrate::load_models({dir / "named.toml"}, &pg).tables[0].key.name == "t_key");
  CHECK_THROWS_WITH(migrate::load_models({dir / "named.toml"}, &mysql),
                    (dir / "named.toml").string() +
                        ":6: table 't': primary_key names the key 't_key', but on mysql a "
                        "primary key is always named PRIMARY; leave the name out");
  CHECK_NOTHROW(migrate::load_models({dir / "unique.toml"}, &pg));
  CHECK_THROWS_WITH(migrate::load_models({dir / "unique.toml"}, &sqlite),
                    (dir / "unique.toml").string() +
                        ":6: table 't': unique constraint 'uq_t' cannot be deferrable on sqlite "
                        "(only PostgreSQL has deferrable unique constraints)");
}

// OpenStreetMap's NOT VALID foreign keys (PostgreSQL): kept by a round trip, refused where a
// database checks every row.
TEST_CASE("models: a foreign key can be not_valid on PostgreSQL", "[model_file]") {
  const std::string text = "[[table]]\nname = \"p\"\ncolumns = [\n"
                           "  { name = \"id\", type = \"integer\", primary_key = true },\n"
                           "]\n\n"
                           "[[table]]\nname = \"c\"\ncolumns = [\n"
                           "  { name = \"p_id\", type = \"integer\" },\n"
                           "]\n"
                           "foreign_keys = [ { name = \"fk_c_p\", columns = [\"p_id\"], "
                           "ref_table = \"p\", ref_columns = [\"id\"], not_valid = true } ]\n";
  const auto db = parse(text);
  CHECK(db.find_table("c")->foreign_keys.at(0).not_valid);
  CHECK(render_models(db) == text);
  test::TempDir dir;
  test::write_file(dir / "fk.toml", text);
  CHECK_NOTHROW(migrate::load_models({dir / "fk.toml"}, &dialects::dialect_by_name("postgresql")));
  for (const char* name : {"mysql", "sqlite"}) {
    CHECK_THROWS_WITH(migrate::load_models({dir / "fk.toml"}, &dialects::dialect_by_name(name)),
                      (dir / "fk.toml").string() +
                          ":12: table 'c': foreign key 'fk_c_p' cannot be not_valid on " + name +
                          ": only PostgreSQL adds a foreign key without checking the rows "
                          "already there");
  }
}

TEST_CASE("models: identity = \"always\" | \"by default\"", "[model_file]") {
  // "by default" is the portable autoincrement; "always" refuses values written for the column.
  const schema::Database db =
      parse(table_t("  { name = \"id\", type = \"integer\", primary_key = true, identity = "
                    "\"always\" },\n"
                    "  { name = \"n\", type = \"bigint\", identity = \"by default\" },\n"));
  const schema::Table& t = db.tables[0];
  REQUIRE(t.columns.size() == 2);
  CHECK(t.columns[0].autoincrement);
  CHECK(t.columns[0].identity_always);
  CHECK(t.columns[1].autoincrement);
  CHECK_FALSE(t.columns[1].identity_always);
  CHECK_FALSE(t.columns[1].nullable);
  const std::string text = render_models(db);
  CHECK(text.find("{ name = \"id\", type = \"integer\", primary_key = true, identity = "
                  "\"always\" }") != std::string::npos);
  CHECK(text.find("{ name = \"n\", type = \"bigint\", nullable = false, autoincrement = true }") !=
        std::string::npos);
  CHECK(parse(text) == db);
  CHECK_THROWS_WITH(
      parse(table_t("  { name = \"id\", type = \"integer\", identity = \"sometimes\" },\n")),
      Catch::Contains("'identity' must be \"always\" or \"by default\", not 'sometimes'"));
  CHECK_THROWS_WITH(parse(table_t("  { name = \"id\", type = \"integer\", identity = \"always\", "
                                  "autoincrement = false },\n")),
                    Catch::Contains("cannot have both identity and autoincrement = false"));
  CHECK_THROWS_WITH(
      parse(table_t("  { name = \"id\", type = \"text\", identity = \"always\" },\n")),
      Catch::Contains("cannot autoincrement: its type 'text' is not an integer type"));

  // Only PostgreSQL has it: refused elsewhere at load, naming file:line and table.column.
  test::TempDir dir;
  test::write_file(dir / "id.toml", "[[table]]\nname = \"t\"\ncolumns = [\n"
                                    "  { name = \"id\", type = \"integer\", primary_key = true, "
                                    "identity = \"always\" },\n]\n");
  const auto& pg = dialects::dialect_by_name("postgresql");
  CHECK(migrate::load_models({dir / "id.toml"}, &pg).tables[0].columns[0].identity_always);
  for (const char* name : {"sqlite", "mysql"}) {
    const auto& dialect = dialects::dialect_by_name(name);
    CHECK_THROWS_WITH(migrate::load_models({dir / "id.toml"}, &dialect),
                      (dir / "id.toml").string() +
                          ":4: column 't.id' cannot be identity = " + "\"always\" on " + name +
                          ": its autoincrement columns accept written values (write "
                          "autoincrement = true)");
  }
}
