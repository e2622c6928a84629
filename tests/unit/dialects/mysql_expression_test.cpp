// Model expressions on MySQL: a double-quoted name is a name (standard SQL), written with
// backticks; strings, backticked names and comments are left as they are.
#include "dialects/mysql/mysql_expression.h"

#include <catch2/catch.hpp>

using migratecpp::dialects::mysql::mysql_expression;

TEST_CASE("mysql_expression: double-quoted names become backticked", "[mysql]") {
  CHECK(mysql_expression(R"("from" IN ('a', 'b'))") == "`from` IN ('a', 'b')");
  CHECK(mysql_expression(R"(length("ipV4") >= 7)") == "length(`ipV4`) >= 7");
  CHECK(mysql_expression(R"("a""b" > 0)") == "`a\"b` > 0");
  CHECK(mysql_expression(R"("we`ird" > 0)") == "`we``ird` > 0");
}

TEST_CASE("mysql_expression: everything else is kept", "[mysql]") {
  CHECK(mysql_expression("age >= 0") == "age >= 0");
  CHECK(mysql_expression("`from` <> 'x'") == "`from` <> 'x'");
  // A double quote inside a string (MySQL's backslash escapes respected) is not a name.
  CHECK(mysql_expression(R"(note <> 'say "hi"')") == R"(note <> 'say "hi"')");
  CHECK(mysql_expression(R"(note <> 'it\'s "x"')") == R"(note <> 'it\'s "x"')");
  CHECK(mysql_expression("").empty());
}
