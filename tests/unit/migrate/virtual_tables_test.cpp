// SQLite virtual tables: [[virtual_table]] in models files (read, written back, refused at
// file:line where an argument or module is not one, where the name is a table's, and on the
// databases without virtual tables), their ops in revision files and their reverses, the diff
// (a changed one dropped and created again with a warning), and a trigger's FOR EACH ROW kept.
#include "migrate/diff.h"
#include "migrate/model_file.h"
#include "migrate/revision_file.h"
#include "migrate/routine_codec.h"
#include "schema/apply.h"

#include "dialects/dialect.h"
#include "support/diff_helpers.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;

namespace {

const std::string k_models = R"toml([[table]]
name = "notes"
columns = [{ name = "id", type = "integer", primary_key = true }]

[[virtual_table]]
name = "docs"
module = "fts5"
arguments = ["title", "body", "tokenize = 'porter'"]

[[virtual_table]]
name = "shapes"
module = "rtree"
arguments = ["id", "minx", "maxx"]
)toml";

schema::VirtualTable fts(std::vector<std::string> arguments = {"title", "body"}) {
  return {"docs", "fts5", std::move(arguments)};
}

migrate::DiffResult vdiff(const schema::Database& current, const schema::Database& desired,
                          const migrate::DiffOptions& options = {}) {
  return migrate::diff(current, desired, options);
}

schema::Database with(std::vector<schema::VirtualTable> v) {
  schema::Database db;
  db.virtual_tables = std::move(v);
  return db;
}

} // namespace

TEST_CASE("models: virtual tables read and written back", "[model_file][virtual_tables]") {
  const auto db = migrate::parse_models(k_models, "m.toml");
  REQUIRE(db.virtual_tables.size() == 2);
  CHECK(db.virtual_tables[0] ==
        schema::VirtualTable{"docs", "fts5", {"title", "body", "tokenize = 'porter'"}});
  CHECK(db.tables.size() == 1);
  const std::string text = migrate::render_models(db);
  CHECK(text.find("[[virtual_table]]\nname = \"docs\"\nmodule = \"fts5\"\n"
                  "arguments = [\"title\", \"body\", \"tokenize = 'porter'\"]\n") !=
        std::string::npos);
  CHECK(migrate::parse_models(text, "again.toml") == db);
  // No arguments: none written (USING module).
  const auto bare = migrate::parse_models("[[virtual_table]]\nname = \"x\"\nmodule = \"m\"\n", "b");
  CHECK(bare.virtual_tables[0].arguments.empty());
  CHECK(migrate::render_models(bare).find("arguments") == std::string::npos);
}

TEST_CASE("models: virtual tables refused at file:line", "[model_file][virtual_tables]") {
  const auto refused = [](const std::string& body) {
    return "[[table]]\nname = \"notes\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n\n"
           "[[virtual_table]]\nname = \"docs\"\n" +
           body;
  };
  // An argument that would close the parenthesis, add a statement, or be two.
  CHECK_THROWS_WITH(
      migrate::parse_models(refused("module = \"fts5\"\narguments = [\"a), b\"]\n"), "m.toml"),
      Catch::StartsWith("m.toml:8: virtual table 'docs': argument 1 'a), b': it closes"));
  CHECK_THROWS_WITH(
      migrate::parse_models(refused("module = \"fts5\"\narguments = [\"a\", \"b); DROP TABLE "
                                    "notes; --\"]\n"),
                            "m.toml"),
      Catch::StartsWith("m.toml:8: virtual table 'docs': argument 2"));
  CHECK_THROWS_WITH(
      migrate::parse_models(refused("module = \"fts5\"\narguments = [\"a, b\"]\n"), "m.toml"),
      Catch::Contains("comma outside parentheses"));
  CHECK_THROWS_WITH(
      migrate::parse_models(refused("module = \"fts5\"\narguments = [\"'open\"]\n"), "m.toml"),
      Catch::StartsWith("m.toml:8:"));
  CHECK_THROWS_WITH(
      migrate::parse_models(refused("module = \"fts5\"\narguments = [\" \"]\n"), "m.toml"),
      Catch::Contains("is empty"));
  // Commas inside parentheses are one argument.
  CHECK_NOTHROW(migrate::parse_models(
      refused("module = \"m\"\narguments = [\"f(a, b)\", \"c = 'x,y'\"]\n"), "m.toml"));
  // A module that is not a name.
  CHECK_THROWS_WITH(migrate::parse_models(refused("module = \"fts5(a)\"\n"), "m.toml"),
                    Catch::StartsWith("m.toml:7: virtual table 'docs': 'module' must be"));
  CHECK_THROWS_WITH(migrate::parse_models(refused(""), "m.toml"), Catch::Contains("module"));
  CHECK_THROWS_WITH(migrate::parse_models(refused("module = \"m\"\ncolumns = []\n"), "m.toml"),
                    Catch::Contains("columns"));
  // The name of a table, twice.
  CHECK_THROWS_WITH(migrate::parse_models(
                        "[[table]]\nname = \"docs\"\ncolumns = [{ name = \"id\", type = "
                        "\"integer\" }]\n\n[[virtual_table]]\nname = \"docs\"\nmodule = \"m\"\n",
                        "m.toml"),
                    "m.toml:5: virtual table 'docs' has the name of a table of the models");
  CHECK_THROWS_WITH(migrate::parse_models("[[virtual_table]]\nname = \"d\"\nmodule = \"m\"\n\n"
                                          "[[virtual_table]]\nname = \"d\"\nmodule = \"m\"\n",
                                          "m.toml"),
                    "m.toml:5: duplicate virtual table 'd' (first defined at line 1)");
}

TEST_CASE("models: virtual tables are SQLite's", "[model_file][virtual_tables]") {
  TempDir dir;
  write_file(dir / "v.toml", "\n[[virtual_table]]\nname = \"docs\"\nmodule = \"fts5\"\n");
  const auto path = (dir / "v.toml").string();
  CHECK_NOTHROW(migrate::load_models({dir / "v.toml"}, &dialects::dialect_by_name("sqlite")));
  CHECK_THROWS_WITH(
      migrate::load_models({dir / "v.toml"}, &dialects::dialect_by_name("postgresql")),
      path + ":2: virtual table 'docs': there are no virtual tables on postgresql (SQLite's)");
  CHECK_THROWS_WITH(migrate::load_models({dir / "v.toml"}, &dialects::dialect_by_name("mysql")),
                    Catch::StartsWith(path + ":2: virtual table 'docs': there are no virtual "
                                             "tables on mysql"));
  // And their ops in rendering.
  CHECK_THROWS_WITH(dialects::dialect_by_name("postgresql")
                        .render(schema::CreateVirtualTable{fts()}, schema::Database{}),
                    "create_virtual_table 'docs': there are no virtual tables on postgresql "
                    "(SQLite's)");
}

TEST_CASE("revision file: virtual table ops round-trip and reverse",
          "[revision_file][virtual_tables]") {
  const std::vector<schema::Op> ops = {
      schema::CreateVirtualTable{fts()},
      schema::DropVirtualTable{"docs", fts()},
      schema::DropVirtualTable{"old", std::nullopt},
  };
  const std::string text =
      "revision = \"r1\"\ndown_revision = \"\"\n\n" + migrate::render_ops(ops, "upgrade");
  CHECK(text.find("op = \"create_virtual_table\"") != std::string::npos);
  CHECK(migrate::parse_revision_file(text, "r1.toml").upgrade == ops);
  CHECK(schema::reverse(ops[0]) == schema::Op{schema::DropVirtualTable{"docs", fts()}});
  CHECK(schema::reverse(ops[1]) == schema::Op{schema::CreateVirtualTable{fts()}});
  CHECK_THROWS_WITH(schema::reverse(ops[2]), Catch::Contains("not reversible"));
  CHECK(schema::is_destructive(ops[1]));
  CHECK_FALSE(schema::is_destructive(ops[0]));
  CHECK(schema::op_table(ops[0]) == "docs");
  // A drop giving arguments without a module: refused.
  CHECK_THROWS_WITH(
      migrate::parse_revision_file("revision = \"r1\"\ndown_revision = \"\"\n\n[[upgrade]]\nop = "
                                   "\"drop_virtual_table\"\nname = \"d\"\narguments = [\"a\"]\n",
                                   "r1.toml"),
      Catch::Contains("'arguments' without 'module'"));
  // The tracked schema follows them.
  schema::Database db;
  schema::apply(db, ops[0]);
  CHECK(db.virtual_tables == std::vector<schema::VirtualTable>{fts()});
  CHECK_THROWS_WITH(schema::apply(db, ops[0]), "virtual table 'docs' already exists");
  schema::apply(db, ops[1]);
  CHECK(db.virtual_tables.empty());
}

TEST_CASE("diff: virtual tables created, dropped, and re-made when changed",
          "[diff][virtual_tables]") {
  CHECK(vdiff(with({}), with({fts()})).upgrade ==
        std::vector<schema::Op>{schema::CreateVirtualTable{fts()}});
  const auto dropped = vdiff(with({fts()}), with({}));
  CHECK(dropped.upgrade == std::vector<schema::Op>{schema::DropVirtualTable{"docs", fts()}});
  CHECK(dropped.downgrade == std::vector<schema::Op>{schema::CreateVirtualTable{fts()}});
  // Spacing, keyword case and the module's case are no change.
  CHECK(vdiff(with({fts({"title", "tokenize='porter'"})}),
              with({{"docs", "FTS5", {"title", "TOKENIZE = 'porter'"}}}))
            .upgrade.empty());
  // A changed argument: dropped and created again, with a warning that it comes back empty.
  const auto changed = vdiff(with({fts()}), with({fts({"title", "body", "prefix=2"})}));
  CHECK(briefs(changed.upgrade) ==
        std::vector<std::string>{"drop_virtual_table docs", "create_virtual_table docs"});
  REQUIRE(changed.warnings.size() == 1);
  CHECK_THAT(changed.warnings[0], Catch::Contains("EMPTY"));
  CHECK(briefs(changed.downgrade) ==
        std::vector<std::string>{"drop_virtual_table docs", "create_virtual_table docs"});
  // Excluded ones are never touched.
  migrate::DiffOptions options;
  options.exclude_tables = {"docs"};
  CHECK(vdiff(with({fts()}), with({}), options).upgrade.empty());
  // Dropped before a table takes the name, created after the tables.
  schema::Database to_table = database({table("docs", {pk("id")})});
  CHECK(briefs(vdiff(with({fts()}), to_table).upgrade) ==
        std::vector<std::string>{"drop_virtual_table docs", "create_table docs"});
  schema::Database from_table = database({table("docs", {pk("id")})});
  CHECK(briefs(vdiff(from_table, with({fts()})).upgrade) ==
        std::vector<std::string>{"drop_table docs", "create_virtual_table docs"});
}

TEST_CASE("models: a trigger saying FOR EACH ROW keeps the words", "[model_file][routines]") {
  const std::string models =
      "[[table]]\nname = \"t\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n\n"
      "[[trigger]]\nname = \"x\"\ntable = \"t\"\ntiming = \"after\"\nevents = [\"insert\"]\n"
      "for_each = \"row\"\nbody = \"SELECT 1\"\n";
  const auto db = migrate::parse_models(models, "m.toml");
  REQUIRE(db.triggers.size() == 1);
  CHECK(db.triggers[0].for_each_row);
  CHECK(db.triggers[0].says_for_each_row);
  CHECK(migrate::render_trigger_keys(db.triggers[0]).find("for_each = \"row\"") !=
        std::string::npos);
  schema::Trigger plain = db.triggers[0];
  plain.says_for_each_row = false;
  CHECK(migrate::render_trigger_keys(plain).find("for_each") == std::string::npos);
  // Spelling only: no difference for the diff.
  schema::Database live = db;
  live.triggers[0].says_for_each_row = false;
  CHECK(vdiff(live, db).upgrade.empty());
}
