// Functions, procedures and triggers: [[function]] / [[procedure]] / [[trigger]] in models
// files (read, written back, refused where the dialect cannot hold them, at file:line), their
// ops in revision files and their reverses, and the diff (replace or drop + create, the order
// around the tables, the triggers of a function dropped and created again).
#include "migrate/diff.h"
#include "migrate/diff_routines.h"
#include "migrate/model_file.h"
#include "migrate/revision_file.h"

#include "dialects/dialect.h"
#include "support/diff_helpers.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;

namespace {

const std::string k_models = R"toml([[table]]
name = "actor"
columns = [
  { name = "id", type = "integer", primary_key = true },
]

[[function]]
name = "last_updated"
returns = "trigger"
definition = '''
CREATE OR REPLACE FUNCTION last_updated()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.last_update = CURRENT_TIMESTAMP;
    RETURN NEW;
END $function$'''

[[function]]
name = "add"
arguments = "a integer, b integer"
returns = "integer"
definition = "CREATE OR REPLACE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT a + b'"

[[procedure]]
name = "noop"
definition = "CREATE OR REPLACE PROCEDURE noop() LANGUAGE sql AS 'SELECT 1'"

[[trigger]]
name = "last_updated"
table = "actor"
timing = "before"
events = ["insert", "update of id"]
for_each = "statement"
when = "true"
function = "last_updated()"
)toml";

schema::Routine fn(const std::string& body, const std::string& returns = "integer") {
  schema::Routine r;
  r.name = "f";
  r.returns = returns;
  r.definition =
      "CREATE OR REPLACE FUNCTION f() RETURNS " + returns + " LANGUAGE sql AS '" + body + "'";
  return r;
}

schema::Trigger trig(const std::string& function = "f()") {
  schema::Trigger t;
  t.name = "t_f";
  t.table = "t";
  t.timing = "before";
  t.events = {"insert"};
  t.function = function;
  return t;
}

schema::Database with(std::vector<schema::Routine> routines,
                      std::vector<schema::Trigger> triggers) {
  schema::Database db;
  schema::Table t;
  t.name = "t";
  t.columns.push_back({});
  t.columns.back().name = "id";
  t.columns.back().type = schema::ColumnType("integer");
  db.tables.push_back(t);
  db.routines = std::move(routines);
  db.triggers = std::move(triggers);
  return db;
}

migrate::DiffResult diff(const schema::Database& a, const schema::Database& b) {
  return migrate::diff(a, b, migrate::DiffOptions{});
}

} // namespace

TEST_CASE("models: functions, procedures and triggers are read and written back",
          "[model_file][routines]") {
  const schema::Database db = migrate::parse_models(k_models, "m.toml");
  REQUIRE(db.routines.size() == 3);
  CHECK(db.routines[0].kind == "function");
  CHECK(db.routines[1].arguments == "a integer, b integer");
  CHECK(db.routines[2].kind == "procedure");
  REQUIRE(db.triggers.size() == 1);
  CHECK(db.triggers[0].events == std::vector<std::string>{"insert", "update of id"});
  CHECK_FALSE(db.triggers[0].for_each_row);
  // Written back the same, and read again the same.
  const std::string text = migrate::render_models(db);
  CHECK(text.find("definition = '''\nCREATE OR REPLACE FUNCTION last_updated()") !=
        std::string::npos);
  CHECK(migrate::parse_models(text, "m.toml") == db);
}

TEST_CASE("models: bad routines and triggers are refused with file:line",
          "[model_file][routines]") {
  const std::string table =
      "[[table]]\nname = \"t\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n\n";
  CHECK_THROWS_WITH(migrate::parse_models(table + "[[trigger]]\nname = \"x\"\ntable = \"t\"\n"
                                                  "timing = \"during\"\nevents = [\"insert\"]\n"
                                                  "body = \"SELECT 1\"\n",
                                          "m.toml"),
                    Catch::StartsWith("m.toml:8:") && Catch::Contains("'timing' must be"));
  CHECK_THROWS_WITH(migrate::parse_models(table + "[[trigger]]\nname = \"x\"\ntable = \"nope\"\n"
                                                  "timing = \"after\"\nevents = [\"insert\"]\n"
                                                  "body = \"SELECT 1\"\n",
                                          "m.toml"),
                    "m.toml:5: trigger 'x' on 'nope': table 'nope' is not in the models");
  CHECK_THROWS_WITH(migrate::parse_models("[[function]]\nname = \"f\"\ndefinition = \"x\"\n\n"
                                          "[[function]]\nname = \"f\"\ndefinition = \"y\"\n",
                                          "m.toml"),
                    "m.toml:5: duplicate function 'f()' (first defined at line 1)");
}

TEST_CASE("models: routines and triggers where the dialect cannot hold them",
          "[model_file][routines]") {
  TempDir dir;
  write_file(dir / "fn.toml", "[[function]]\nname = \"f\"\ndefinition = \"CREATE FUNCTION f()\"\n");
  const std::string table =
      "[[table]]\nname = \"t\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n\n";
  write_file(dir / "body.toml", table +
                                    "[[trigger]]\nname = \"x\"\ntable = \"t\"\ntiming = \"after\"\n"
                                    "events = [\"insert\"]\nbody = \"SELECT 1\"\n");
  write_file(dir / "two.toml", table +
                                   "[[trigger]]\nname = \"x\"\ntable = \"t\"\ntiming = \"after\"\n"
                                   "events = [\"insert\", \"delete\"]\nbody = \"SELECT 1\"\n");
  const auto& sqlite = dialects::dialect_by_name("sqlite");
  const auto& mysql = dialects::dialect_by_name("mysql");
  const auto& pg = dialects::dialect_by_name("postgresql");
  const auto path = [&](const char* f) { return (dir / f).string(); };
  CHECK_THROWS_WITH(migrate::load_models({dir / "fn.toml"}, &sqlite),
                    path("fn.toml") + ":1: function 'f()': there are no functions on sqlite");
  CHECK_NOTHROW(migrate::load_models({dir / "fn.toml"}, &mysql));
  CHECK_THROWS_WITH(migrate::load_models({dir / "body.toml"}, &pg),
                    Catch::StartsWith(path("body.toml") + ":5: trigger 'x' on 't': a trigger calls "
                                                          "a function on postgresql"));
  CHECK_NOTHROW(migrate::load_models({dir / "body.toml"}, &sqlite));
  CHECK_THROWS_WITH(migrate::load_models({dir / "two.toml"}, &sqlite),
                    Catch::Contains("a trigger has one event on sqlite"));
}

TEST_CASE("revision file: routine and trigger ops round-trip and reverse",
          "[revision_file][routines]") {
  const std::vector<schema::Op> ops = {
      schema::CreateRoutine{fn("SELECT 1")},
      schema::ReplaceRoutine{fn("SELECT 2"), fn("SELECT 1")},
      schema::DropRoutine{"f", "function", "", fn("SELECT 2")},
      schema::CreateTrigger{trig()},
      schema::DropTrigger{"t", "t_f", trig()},
  };
  const std::string text =
      "revision = \"r1\"\ndown_revision = \"\"\n\n" + migrate::render_ops(ops, "upgrade");
  CHECK(text.find("op = \"replace_function\"") != std::string::npos);
  CHECK(migrate::parse_revision_file(text, "r1.toml").upgrade == ops);
  CHECK(schema::reverse(ops[0]) ==
        schema::Op{schema::DropRoutine{"f", "function", "", fn("SELECT 1")}});
  CHECK(schema::reverse(ops[1]) ==
        schema::Op{schema::ReplaceRoutine{fn("SELECT 1"), fn("SELECT 2")}});
  CHECK(schema::reverse(ops[4]) == schema::Op{schema::CreateTrigger{trig()}});
  CHECK_THROWS_WITH(schema::reverse(schema::DropTrigger{"t", "t_f", std::nullopt}),
                    Catch::Contains("not reversible"));
}

TEST_CASE("diff: routines replaced, or dropped and created with the triggers calling them",
          "[diff][routines]") {
  // Spacing and keyword case are no change.
  schema::Routine spaced = fn("SELECT 1");
  spaced.definition =
      "create or replace function f()\n  RETURNS integer\n language sql as 'SELECT 1'";
  CHECK(diff(with({fn("SELECT 1")}, {}), with({spaced}, {})).empty());
  // A body: replace_function.
  auto r = diff(with({fn("SELECT 1")}, {trig()}), with({fn("SELECT 2")}, {trig()}));
  CHECK(briefs(r.upgrade) == std::vector<std::string>{"replace_function f"});
  // A result type: drop and create, and the trigger calling it goes and comes back.
  r = diff(with({fn("SELECT 1")}, {trig()}), with({fn("SELECT 1", "bigint")}, {trig()}));
  CHECK(briefs(r.upgrade) == std::vector<std::string>{"drop_trigger t.t_f", "drop_function f",
                                                      "create_function f", "create_trigger t.t_f"});
  CHECK(briefs(r.downgrade) == std::vector<std::string>{"drop_trigger t.t_f", "drop_function f",
                                                        "create_function f",
                                                        "create_trigger t.t_f"});
  // Into an empty schema: functions before the tables, triggers after.
  r = diff(schema::Database{}, with({fn("SELECT 1")}, {trig()}));
  CHECK(briefs(r.upgrade) ==
        std::vector<std::string>{"create_function f", "create_table t", "create_trigger t.t_f"});
  // And back: the trigger first, the function after the table.
  CHECK(briefs(r.downgrade) ==
        std::vector<std::string>{"drop_trigger t.t_f", "drop_table t", "drop_function f"});
  // A function returning a table's rows comes after the table, and goes before it.
  schema::Routine rows = fn("SELECT * FROM t", "SETOF t");
  r = diff(schema::Database{}, with({rows}, {}));
  CHECK(briefs(r.upgrade) == std::vector<std::string>{"create_table t", "create_function f"});
  CHECK(briefs(diff(with({rows}, {}), schema::Database{}).upgrade) ==
        std::vector<std::string>{"drop_function f", "drop_table t"});
  // A changed trigger is dropped and created.
  schema::Trigger when = trig();
  when.when = "NEW.id > 0";
  r = diff(with({fn("SELECT 1")}, {trig()}), with({fn("SELECT 1")}, {when}));
  CHECK(briefs(r.upgrade) ==
        std::vector<std::string>{"drop_trigger t.t_f", "create_trigger t.t_f"});
}

TEST_CASE("diff: a trigger body with or without BEGIN ... END is the same", "[diff][routines]") {
  schema::Trigger a = trig();
  a.function.reset();
  a.body = "BEGIN\n  SET NEW.id = 1;\nEND";
  schema::Trigger b = a;
  b.body = "set new.id = 1";
  CHECK(diff(with({}, {a}), with({}, {b})).empty());
  CHECK(migrate::same_sql("SELECT 'a'  -- x\n", "select 'a';"));
  CHECK_FALSE(migrate::same_sql("SELECT 'a'", "SELECT 'A'"));
}
