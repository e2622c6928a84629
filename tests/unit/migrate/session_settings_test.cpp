// The session settings MySQL/MariaDB routines, triggers and views keep (sql_mode,
// character_set_client, collation_connection): read from and written to models and revision
// files, refused where the dialect has none, compared only where both sides give them, and the
// spelling of an older inspect (Routine/View::alternate_definitions) being no change.
#include "migrate/diff.h"
#include "migrate/diff_views.h"
#include "migrate/model_file.h"
#include "migrate/revision_file.h"

#include "dialects/dialect.h"
#include "schema/session_settings.h"
#include "support/diff_helpers.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;

namespace {

const std::string k_models = R"toml([[table]]
name = "film"
columns = [{ name = "id", type = "integer", primary_key = true }]

[[function]]
name = "f"
returns = "int(11)"
sql_mode = "STRICT_TRANS_TABLES,TRADITIONAL"
character_set_client = "utf8mb3"
collation_connection = "utf8mb3_general_ci"
definition = "CREATE FUNCTION `f`(p INT) RETURNS int(11) RETURN p"

[[trigger]]
name = "ins_film"
table = "film"
timing = "after"
events = ["insert"]
body = "BEGIN END"
sql_mode = "NO_ZERO_DATE"

[[view]]
name = "v"
character_set_client = "latin1"
collation_connection = "latin1_swedish_ci"
definition = "select _utf8mb3' ' AS `x`"
)toml";

schema::Routine fn(const std::string& definition) {
  schema::Routine r;
  r.name = "f";
  r.returns = "int(11)";
  r.definition = definition;
  return r;
}

schema::Database with_routine(const schema::Routine& r) {
  schema::Database db;
  db.routines.push_back(r);
  return db;
}

migrate::DiffResult diff(const schema::Database& a, const schema::Database& b) {
  return migrate::diff(a, b, migrate::DiffOptions{});
}

} // namespace

TEST_CASE("session settings: read from models and written back", "[session][model_file]") {
  const schema::Database db = migrate::parse_models(k_models, "m.toml");
  REQUIRE(db.routines.size() == 1);
  CHECK(db.routines[0].session.sql_mode == "STRICT_TRANS_TABLES,TRADITIONAL");
  CHECK(db.routines[0].session.character_set_client == "utf8mb3");
  CHECK(db.triggers[0].session.sql_mode == "NO_ZERO_DATE");
  CHECK_FALSE(db.triggers[0].session.character_set_client);
  CHECK(db.views[0].session.collation_connection == "latin1_swedish_ci");
  const std::string text = migrate::render_models(db);
  CHECK(text.find("sql_mode = \"NO_ZERO_DATE\"") != std::string::npos);
  CHECK(migrate::parse_models(text, "m.toml") == db);
}

TEST_CASE("session settings: bad values and views' sql_mode are refused at file:line",
          "[session][model_file]") {
  CHECK_THROWS_WITH(migrate::parse_models("[[function]]\nname = \"f\"\nsql_mode = \"A'; DROP\"\n"
                                          "definition = \"CREATE FUNCTION f() RETURNS int RETURN "
                                          "1\"\n",
                                          "m.toml"),
                    Catch::StartsWith("m.toml:3:") &&
                        Catch::Contains("'sql_mode' must be modes separated by commas"));
  CHECK_THROWS_WITH(migrate::parse_models("[[view]]\nname = \"v\"\ncollation_connection = \"x y\"\n"
                                          "definition = \"select 1\"\n",
                                          "m.toml"),
                    Catch::StartsWith("m.toml:3:") &&
                        Catch::Contains("a character set or collation name"));
  CHECK_THROWS_WITH(migrate::parse_models("[[view]]\nname = \"v\"\nsql_mode = \"ANSI\"\n"
                                          "definition = \"select 1\"\n",
                                          "m.toml"),
                    Catch::Contains("unknown key 'sql_mode'"));
}

TEST_CASE("session settings: refused where the dialect keeps none", "[session][model_file]") {
  TempDir dir;
  write_file(dir / "fn.toml", "[[function]]\nname = \"f\"\nsql_mode = \"ANSI\"\n"
                              "definition = \"CREATE FUNCTION f() RETURNS int RETURN 1\"\n");
  write_file(dir / "v.toml", "[[view]]\nname = \"v\"\ncharacter_set_client = \"latin1\"\n"
                             "definition = \"select 1\"\n");
  const auto& mysql = dialects::dialect_by_name("mysql");
  const auto& pg = dialects::dialect_by_name("postgresql");
  const auto& sqlite = dialects::dialect_by_name("sqlite");
  CHECK_NOTHROW(migrate::load_models({dir / "fn.toml"}, &mysql));
  CHECK_THROWS_WITH(migrate::load_models({dir / "fn.toml"}, &pg),
                    (dir / "fn.toml").string() +
                        ":1: function 'f()': 'sql_mode' is MySQL's (the session a routine or "
                        "trigger was created under); there is none on postgresql");
  CHECK_NOTHROW(migrate::load_models({dir / "v.toml"}, &mysql));
  CHECK_THROWS_WITH(migrate::load_models({dir / "v.toml"}, &sqlite),
                    Catch::Contains("a view has no 'character_set_client' on sqlite"));
}

TEST_CASE("session settings: revision ops carry them, replace the existing ones too",
          "[session][revision_file]") {
  schema::Routine now = fn("CREATE FUNCTION `f`(p INT) RETURNS int(11) RETURN p");
  now.session.sql_mode = "TRADITIONAL";
  schema::Routine before = fn("CREATE FUNCTION `f`(p INT) RETURNS int(11) RETURN p + 0");
  before.session.character_set_client = "utf8mb3";
  schema::Trigger t;
  t.name = "t";
  t.table = "film";
  t.timing = "after";
  t.events = {"insert"};
  t.body = "BEGIN END";
  t.session.collation_connection = "utf8mb3_general_ci";
  const std::vector<schema::Op> ops = {
      schema::CreateRoutine{now}, schema::ReplaceRoutine{now, before},
      schema::DropRoutine{"f", "function", "", before}, schema::CreateTrigger{t},
      schema::DropTrigger{"film", "t", t}};
  const std::string text =
      "revision = \"r1\"\ndown_revision = \"\"\n\n" + migrate::render_ops(ops, "upgrade");
  CHECK(text.find("existing_character_set_client = \"utf8mb3\"") != std::string::npos);
  CHECK(migrate::parse_revision_file(text, "r1.toml").upgrade == ops);
}

TEST_CASE("session settings: compared where both sides give them", "[session][diff]") {
  CHECK(schema::same_sql_mode("STRICT_TRANS_TABLES,NO_ZERO_DATE",
                              "no_zero_date,strict_trans_tables"));
  CHECK_FALSE(schema::same_sql_mode("STRICT_TRANS_TABLES", "STRICT_TRANS_TABLES,NO_ZERO_DATE"));
  CHECK(schema::same_charset_name("utf8", "UTF8MB3"));
  CHECK(schema::same_charset_name("utf8_general_ci", "utf8mb3_general_ci"));
  CHECK_FALSE(schema::same_charset_name("utf8mb4", "utf8mb3"));

  schema::Routine live = fn("CREATE FUNCTION `f`(p INT) RETURNS int(11) RETURN p");
  live.session.sql_mode = "TRADITIONAL,STRICT_ALL_TABLES";
  schema::Routine model = live;
  model.session = {};
  // A model that leaves the settings out does not compare them (models written before).
  CHECK(diff(with_routine(live), with_routine(model)).empty());
  model.session.sql_mode = "STRICT_ALL_TABLES,TRADITIONAL";
  CHECK(diff(with_routine(live), with_routine(model)).empty());
  model.session.sql_mode = "ANSI_QUOTES";
  CHECK(briefs(diff(with_routine(live), with_routine(model)).upgrade) ==
        std::vector<std::string>{"replace_function f"});
}

TEST_CASE("diff: a model in an older inspect's spelling is no change", "[session][diff]") {
  // Parameters as written (the server keeps them) against information_schema's spelling,
  // which inspect wrote before.
  schema::Routine live = fn("CREATE FUNCTION `f`(p INT) RETURNS int(11)\nRETURN p");
  live.alternate_definitions.push_back(
      "CREATE FUNCTION `f`(`p` int(11)) RETURNS int(11)\nRETURN p");
  const schema::Routine old_model =
      fn("CREATE FUNCTION `f`(`p` int(11)) RETURNS int(11)\nRETURN p");
  CHECK(diff(with_routine(live), with_routine(old_model)).empty());
  CHECK(diff(with_routine(live),
             with_routine(fn("CREATE FUNCTION `f`(p int) RETURNS int(11) RETURN p")))
            .empty());
  CHECK(briefs(diff(with_routine(live),
                    with_routine(fn("CREATE FUNCTION `f`(p BIGINT) RETURNS int(11) RETURN p")))
                   .upgrade) == std::vector<std::string>{"replace_function f"});
  // A view's text with its introducers against information_schema's without them.
  schema::View v;
  v.name = "v";
  v.definition = "select concat(`a`,_utf8mb3' ') AS `x` from `t`";
  v.alternate_definitions.push_back("select concat(`a`,' ') AS `x` from `t`");
  schema::View old_view = v;
  old_view.alternate_definitions.clear();
  old_view.definition = "select concat(`a`,' ') AS `x` from `t`";
  CHECK(migrate::same_view(v, old_view));
  CHECK(migrate::same_view(old_view, v));
  old_view.definition = "select concat(`a`,'-') AS `x` from `t`";
  CHECK_FALSE(migrate::same_view(v, old_view));
  // Settings a side leaves out are not compared; given on both, they are.
  schema::View with_charset = v;
  with_charset.session.character_set_client = "utf8mb3";
  CHECK(migrate::same_view(v, with_charset));
  schema::View other_charset = v;
  other_charset.session.character_set_client = "latin1";
  CHECK_FALSE(migrate::same_view(with_charset, other_charset));
}
