// A MySQL/MariaDB routine, trigger or view made under the session settings its model gives:
// a SET before (saving the session's values), the DDL, the values put back after; undos that
// re-create a dropped object under its own settings; a character set that cannot read the
// UTF-8 text sent refused, naming the object.
#include "dialects/mysql/mysql_dialect.h"
#include "schema/model.h"
#include "schema/ops.h"
#include "util/error.h"

#include <catch2/catch.hpp>

using namespace migratecpp;

namespace {

const dialects::Dialect& my() {
  return dialects::mysql::dialect();
}

schema::Routine tag() {
  schema::Routine r;
  r.name = "tag";
  r.returns = "varchar(10)";
  r.definition = "CREATE FUNCTION `tag`(p INT) RETURNS varchar(10)\nRETURN 'a' || p";
  return r;
}

} // namespace

TEST_CASE("MySQL: a routine is created under its sql_mode, and the session's put back",
          "[dialects][mysql][session]") {
  schema::Routine r = tag();
  // Without settings: the statement alone, as before.
  auto st = my().render(schema::Op{schema::CreateRoutine{r}}, schema::Database{});
  REQUIRE(st.size() == 1);
  r.session.sql_mode = "PIPES_AS_CONCAT";
  r.session.character_set_client = "utf8mb3";
  st = my().render(schema::Op{schema::CreateRoutine{r}}, schema::Database{});
  REQUIRE(st.size() == 3);
  CHECK(st[0].sql == "SET @migratecpp_sql_mode = @@SESSION.sql_mode, "
                     "@migratecpp_character_set_client = @@SESSION.character_set_client, "
                     "SESSION sql_mode = 'PIPES_AS_CONCAT', SESSION character_set_client = "
                     "'utf8mb3'");
  CHECK(st[0].undo == "SET SESSION sql_mode = @migratecpp_sql_mode, SESSION "
                      "character_set_client = @migratecpp_character_set_client");
  CHECK(st[1].sql.rfind("CREATE FUNCTION `tag`", 0) == 0);
  CHECK(st[2].sql == st[0].undo);
  CHECK(st[2].undo == "SET SESSION sql_mode = 'PIPES_AS_CONCAT', SESSION character_set_client = "
                      "'utf8mb3'");
  // A drop's undo creates it again under its own settings: the restoring statement's undo
  // sets them, the drop's creates, the first statement's puts the session back.
  st = my().render(schema::Op{schema::DropRoutine{"tag", "function", "", r}}, schema::Database{});
  REQUIRE(st.size() == 3);
  CHECK(st[1].sql == "DROP FUNCTION `tag`");
  CHECK(st[1].undo->rfind("CREATE FUNCTION `tag`", 0) == 0);
  // A replace that changes the settings has no undo: the old text would come back under the
  // new settings.
  schema::Routine before = tag();
  st = my().render(schema::Op{schema::ReplaceRoutine{r, before}}, schema::Database{});
  REQUIRE(st.size() == 3);
  CHECK_FALSE(st[1].undo);
  before.session = r.session;
  st = my().render(schema::Op{schema::ReplaceRoutine{r, before}}, schema::Database{});
  CHECK(st[1].undo);
}

TEST_CASE("MySQL: triggers and views are made under their settings too",
          "[dialects][mysql][session]") {
  schema::Trigger t;
  t.name = "ins_film";
  t.table = "film";
  t.timing = "after";
  t.events = {"insert"};
  t.body = "BEGIN\n  SET @x = 1;\nEND";
  t.session.sql_mode = "TRADITIONAL";
  auto st = my().render(schema::Op{schema::CreateTrigger{t}}, schema::Database{});
  REQUIRE(st.size() == 3);
  // FOR EACH ROW BEGIN: the body follows on the same line.
  CHECK(st[1].sql == "CREATE TRIGGER `ins_film` AFTER INSERT ON `film` FOR EACH ROW BEGIN\n  "
                     "SET @x = 1;\nEND");
  schema::View v;
  v.name = "v";
  v.definition = "select _utf8mb3' ' AS `x`";
  v.session.collation_connection = "utf8mb3_general_ci";
  st = my().render(schema::Op{schema::CreateView{v}}, schema::Database{});
  REQUIRE(st.size() == 3);
  CHECK(st[0].sql.find("SESSION collation_connection = 'utf8mb3_general_ci'") != std::string::npos);
}

TEST_CASE("MySQL: text a character_set_client cannot read as sent is refused",
          "[dialects][mysql][session]") {
  schema::Routine r = tag();
  r.definition = "CREATE FUNCTION `tag`(p INT) RETURNS varchar(10)\nRETURN 'caf\xc3\xa9'";
  r.session.character_set_client = "utf8mb3";
  CHECK(my().render(schema::Op{schema::CreateRoutine{r}}, schema::Database{}).size() == 3);
  r.session.character_set_client = "latin1";
  CHECK_THROWS_WITH(my().render(schema::Op{schema::CreateRoutine{r}}, schema::Database{}),
                    Catch::Contains("function 'tag()': its text has characters that "
                                    "character_set_client = 'latin1' cannot read as sent"));
  r.definition = "CREATE FUNCTION `tag`() RETURNS varchar(10)\nRETURN '\xf0\x9f\x8e\xac'";
  r.session.character_set_client = "utf8";
  CHECK_THROWS(my().render(schema::Op{schema::CreateRoutine{r}}, schema::Database{}));
}
