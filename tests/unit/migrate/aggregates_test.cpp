// PostgreSQL aggregates and operators: [[aggregate]] / [[operator]] in models files (read,
// written back, refused where the dialect has none, at file:line), their ops in revision files
// and their reverses, and the diff (a changed one dropped and created again, with the views
// that use it).
#include "migrate/diff.h"
#include "migrate/model_file.h"
#include "migrate/revision_file.h"

#include "dialects/dialect.h"
#include "support/diff_helpers.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;

namespace {

const std::string k_models = R"toml([[function]]
name = "_group_concat"
arguments = "text, text"
returns = "text"
definition = "CREATE OR REPLACE FUNCTION _group_concat(text, text) RETURNS text LANGUAGE sql AS 'SELECT $1 || $2'"

[[aggregate]]
name = "group_concat"
arguments = "text"
sfunc = "_group_concat"
stype = "text"
initcond = ""
parallel = "SAFE"

[[aggregate]]
name = "n"
arguments = "*"
sfunc = "int8inc"
stype = "bigint"
finalfunc = "int8_avg"
finalfunc_modify = "shareable"
sortop = ">"

[[operator]]
name = "~<<"
leftarg = "text"
rightarg = "text"
function = "text_lt"
commutator = "~>>"
negator = "~>="
restrict = "scalarltsel"
join = "scalarltjoinsel"
merges = true
)toml";

schema::Aggregate agg(std::optional<std::string> initcond = std::nullopt) {
  schema::Aggregate a;
  a.name = "group_concat";
  a.arguments = "text";
  a.sfunc = "_group_concat";
  a.stype = "text";
  a.initcond = std::move(initcond);
  return a;
}

schema::Operator op(std::string function = "text_lt") {
  schema::Operator o;
  o.name = "~<<";
  o.leftarg = "text";
  o.rightarg = "text";
  o.function = std::move(function);
  return o;
}

schema::View view_using(const std::string& key) {
  schema::View v;
  v.name = "v";
  v.definition = "SELECT group_concat(name) FROM t";
  v.depends_on = {"t", key};
  return v;
}

schema::Database with(std::vector<schema::Aggregate> aggregates,
                      std::vector<schema::Operator> operators, bool view = false) {
  schema::Database db;
  db.tables.push_back(table("t", {col("name", "text")}));
  db.aggregates = std::move(aggregates);
  db.operators = std::move(operators);
  if (view) {
    db.views.push_back(view_using("group_concat(text)"));
  }
  return db;
}

migrate::DiffResult diff(const schema::Database& a, const schema::Database& b) {
  return migrate::diff(a, b, migrate::DiffOptions{});
}

} // namespace

TEST_CASE("models: aggregates and operators are read and written back",
          "[model_file][aggregates]") {
  const schema::Database db = migrate::parse_models(k_models, "m.toml");
  REQUIRE(db.aggregates.size() == 2);
  CHECK(db.aggregates[0].initcond == std::optional<std::string>(""));
  CHECK(db.aggregates[0].parallel == std::optional<std::string>("safe"));
  CHECK(db.aggregates[1].arguments.empty()); // (*)
  CHECK(db.aggregates[1].finalfunc_modify == std::optional<std::string>("shareable"));
  REQUIRE(db.operators.size() == 1);
  CHECK(db.operators[0].commutator == std::optional<std::string>("~>>"));
  CHECK(db.operators[0].merges);
  CHECK_FALSE(db.operators[0].hashes);
  const std::string text = migrate::render_models(db);
  CHECK(text.find("[[aggregate]]\nname = \"group_concat\"\narguments = \"text\"\n") !=
        std::string::npos);
  CHECK(migrate::parse_models(text, "m.toml") == db);
}

TEST_CASE("models: bad aggregates and operators are refused with file:line",
          "[model_file][aggregates]") {
  CHECK_THROWS_WITH(
      migrate::parse_models("[[aggregate]]\nname = \"a\"\nstype = \"text\"\n", "m.toml"),
      Catch::StartsWith("m.toml:1:") && Catch::Contains("'sfunc'"));
  CHECK_THROWS_WITH(migrate::parse_models("[[aggregate]]\nname = \"a\"\nsfunc = \"f\"\n"
                                          "stype = \"text\"\nparallel = \"maybe\"\n",
                                          "m.toml"),
                    Catch::StartsWith("m.toml:5:") && Catch::Contains("'parallel' must be"));
  CHECK_THROWS_WITH(migrate::parse_models("[[aggregate]]\nname = \"a\"\nsfunc = \"f\"\n"
                                          "stype = \"text\"\nminvfunc = \"g\"\n",
                                          "m.toml"),
                    Catch::Contains("need 'msfunc'"));
  CHECK_THROWS_WITH(migrate::parse_models("[[operator]]\nname = \"<; DROP\"\nrightarg = \"text\"\n"
                                          "function = \"f\"\n",
                                          "m.toml"),
                    Catch::StartsWith("m.toml:2:") && Catch::Contains("operator name"));
  CHECK_THROWS_WITH(migrate::parse_models("[[operator]]\nname = \"===\"\nrightarg = \"text\"\n"
                                          "function = \"f\"\nfunction_name = \"g\"\n",
                                          "m.toml"),
                    Catch::Contains("unknown key 'function_name'"));
  CHECK_THROWS_WITH(
      migrate::parse_models("[[aggregate]]\nname = \"a\"\nsfunc = \"f\"\nstype = \"text\"\n\n"
                            "[[aggregate]]\nname = \"a\"\nsfunc = \"g\"\nstype = \"text\"\n",
                            "m.toml"),
      "m.toml:6: aggregate 'a(*)' is defined twice (first at m.toml:1)");
}

TEST_CASE("models: aggregates and operators where the dialect has none",
          "[model_file][aggregates]") {
  TempDir dir;
  write_file(dir / "agg.toml", "[[aggregate]]\nname = \"a\"\narguments = \"text\"\n"
                               "sfunc = \"f\"\nstype = \"text\"\n");
  write_file(dir / "op.toml", "[[operator]]\nname = \"===\"\nrightarg = \"text\"\n"
                              "function = \"f\"\n");
  const auto path = [&](const char* f) { return (dir / f).string(); };
  for (const char* name : {"sqlite", "mysql"}) {
    const auto& d = dialects::dialect_by_name(name);
    CHECK_THROWS_WITH(migrate::load_models({dir / "agg.toml"}, &d),
                      Catch::StartsWith(path("agg.toml") + ":1: aggregate 'a(text)': "
                                                           "user-defined aggregates"));
    CHECK_THROWS_WITH(migrate::load_models({dir / "op.toml"}, &d),
                      Catch::StartsWith(path("op.toml") + ":1: operator '===(NONE, text)'"));
  }
  const auto& pg = dialects::dialect_by_name("postgresql");
  CHECK_NOTHROW(migrate::load_models({dir / "agg.toml", dir / "op.toml"}, &pg));
}

TEST_CASE("revision file: aggregate and operator ops round-trip and reverse",
          "[revision_file][aggregates]") {
  const std::vector<schema::Op> ops = {
      schema::CreateOperator{op()},
      schema::CreateAggregate{agg("")},
      schema::DropAggregate{"group_concat", "text", agg("")},
      schema::DropOperator{"~<<", std::string("text"), "text", op()},
  };
  const std::string text =
      "revision = \"r1\"\ndown_revision = \"\"\n\n" + migrate::render_ops(ops, "upgrade");
  CHECK(text.find("op = \"create_aggregate\"") != std::string::npos);
  CHECK(migrate::parse_revision_file(text, "r1.toml").upgrade == ops);
  CHECK(schema::reverse(ops[1]) == ops[2]);
  CHECK(schema::reverse(ops[2]) == ops[1]);
  CHECK(schema::reverse(ops[0]) == ops[3]);
  CHECK(schema::reverse(ops[3]) == ops[0]);
  CHECK_THROWS_WITH(schema::reverse(schema::DropAggregate{"a", "", std::nullopt}),
                    Catch::Contains("not reversible"));
  // A drop by name alone reads back without a definition.
  const auto bare = migrate::parse_revision_file(
      "revision = \"r1\"\ndown_revision = \"\"\n\n[[upgrade]]\nop = \"drop_operator\"\n"
      "name = \"~<<\"\nleftarg = \"text\"\nrightarg = \"text\"\n",
      "r1.toml");
  CHECK(bare.upgrade ==
        std::vector<schema::Op>{schema::DropOperator{"~<<", std::string("text"), "text", {}}});
  // Applied to a model and back.
  schema::Database db;
  db = applied(db, ops);
  CHECK(db.aggregates.empty());
  CHECK_THROWS_WITH(applied(with({agg()}, {}), {schema::CreateAggregate{agg()}}),
                    "aggregate 'group_concat(text)' already exists");
}

TEST_CASE("diff: aggregates and operators created, dropped, or dropped and created with their "
          "views",
          "[diff][aggregates]") {
  // The same one, spelled in another case: no change.
  schema::Aggregate shouting = agg();
  shouting.stype = "TEXT";
  CHECK(diff(with({agg()}, {op()}), with({shouting}, {op()})).empty());
  // New: operators before aggregates, after the functions, before the tables.
  auto r = diff(schema::Database{}, with({agg()}, {op()}, true));
  CHECK(briefs(r.upgrade) == std::vector<std::string>{"create_operator ~<<",
                                                      "create_aggregate group_concat",
                                                      "create_table t", "create_view v"});
  CHECK(briefs(r.downgrade) == std::vector<std::string>{"drop_view v", "drop_table t",
                                                        "drop_aggregate group_concat",
                                                        "drop_operator ~<<"});
  // A new initcond: the aggregate is dropped and created again, and the view using it too.
  r = diff(with({agg()}, {}, true), with({agg("x")}, {}, true));
  CHECK(full_all(r.upgrade) ==
        std::vector<std::string>{"drop_view v SELECT group_concat(name) FROM t",
                                 "drop_aggregate group_concat(text) initcond=-",
                                 "create_aggregate group_concat(text) initcond='x'",
                                 "create_view v SELECT group_concat(name) FROM t"});
  CHECK(full_all(r.downgrade) ==
        std::vector<std::string>{"drop_view v SELECT group_concat(name) FROM t",
                                 "drop_aggregate group_concat(text) initcond='x'",
                                 "create_aggregate group_concat(text) initcond=-",
                                 "create_view v SELECT group_concat(name) FROM t"});
  CHECK(describe_all(r.upgrade)[1] == "drop aggregate group_concat(text)");
  // A changed operator; a removed one.
  r = diff(with({}, {op()}), with({}, {op("text_le")}));
  CHECK(full_all(r.upgrade) == std::vector<std::string>{"drop_operator ~<<(text, text) text_lt",
                                                        "create_operator ~<<(text, text) text_le"});
  r = diff(with({}, {op()}), with({}, {}));
  CHECK(briefs(r.upgrade) == std::vector<std::string>{"drop_operator ~<<"});
  // [models.exclude] aggregates: never touched.
  migrate::DiffOptions options;
  options.objects.exclude["aggregates"] = {"group_*"};
  CHECK(migrate::diff(with({agg()}, {}), with({}, {}), options).empty());
}
