// Text made fit to print: control characters escaped, statements trimmed without row data.
#include "util/display.h"

#include <catch2/catch.hpp>

using migratecpp::util::escape_control;
using migratecpp::util::quote_statement;

TEST_CASE("display: control characters are escaped, text and UTF-8 kept", "[display]") {
  CHECK(escape_control("plain text, ünïcode ✓") == "plain text, ünïcode ✓");
  CHECK(escape_control("two\nlines\tand a tab") == "two\nlines\tand a tab");
  CHECK(escape_control("red \x1b[31m alert\a\r") == "red \\x1b[31m alert\\a\\r");
  CHECK(escape_control(std::string("nul\0byte", 8)) == "nul\\x00byte");
  CHECK(escape_control("del\x7f") == "del\\x7f");
  CHECK(escape_control("csi \xc2\x9b"
                       "2J") == "csi \\u009b2J"); // U+009B, a one-byte CSI
  CHECK(escape_control("nbsp \xc2\xa0.") == "nbsp \xc2\xa0.");
}

TEST_CASE("display: an INSERT is quoted without its rows", "[display]") {
  CHECK(quote_statement(
            "INSERT INTO \"items\" (\"id\", \"name\") VALUES\n  (1, 'secret'),\n  (2, 'x')") ==
        "INSERT INTO \"items\" (\"id\", \"name\") VALUES …(row values not shown)");
  CHECK(quote_statement("insert into t values (4, 'a')") ==
        "insert into t values …(row values not shown)");
  // A column named values, quoted, is not the keyword; INSERT ... SELECT has no rows to hide.
  CHECK(quote_statement("INSERT INTO t (\"values\") SELECT 1") ==
        "INSERT INTO t (\"values\") SELECT 1");
  CHECK(quote_statement("SELECT 'VALUES'") == "SELECT 'VALUES'");
}

TEST_CASE("display: long statements are cut", "[display]") {
  std::string wide = "CREATE TABLE \"wide\" (";
  for (int i = 0; i < 2000; ++i) {
    wide += "\n  \"c" + std::to_string(i) + "\" INTEGER,";
  }
  const std::string quoted = quote_statement(wide);
  CHECK(quoted.rfind("CREATE TABLE \"wide\" (\n  \"c0\" INTEGER,", 0) == 0);
  CHECK(std::count(quoted.begin(), quoted.end(), '\n') == 4);
  CHECK_THAT(quoted, Catch::EndsWith(" more characters)"));
  const std::string one_line(1000, 'x');
  CHECK(quote_statement(one_line) == std::string(200, 'x') + " …(800 more characters)");
  CHECK(quote_statement("SELECT 1") == "SELECT 1");
}
