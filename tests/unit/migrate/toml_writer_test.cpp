#include "migrate/toml_reader.h"
#include "migrate/toml_writer.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace migratecpp;

TEST_CASE("toml writer: toml_string escapes", "[toml_writer]") {
  CHECK(migrate::toml_string("plain") == "\"plain\"");
  CHECK(migrate::toml_string("a\"b\\c\nd\te\rf") == "\"a\\\"b\\\\c\\nd\\te\\rf\"");
  CHECK(migrate::toml_string(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001F\\u007F\"");
  CHECK(migrate::toml_string("héllo") == "\"héllo\"");
  CHECK(migrate::toml_string_array({}) == "[]");
  CHECK(migrate::toml_string_array({"a", "b\""}) == "[\"a\", \"b\\\"\"]");
  // What we write, toml++ reads back.
  const std::string nasty = std::string("q\"\\\n\t\r\x01\x7f end", 13);
  const toml::table t = migrate::parse_toml("v = " + migrate::toml_string(nasty) + "\n", "t.toml");
  CHECK(t["v"].value<std::string>() == nasty);
}

TEST_CASE("toml writer: toml_float reads back as the same double", "[toml_writer]") {
  CHECK(migrate::toml_float(0.5) == "0.5");
  CHECK(migrate::toml_float(2.0) == "2.0");
  CHECK(migrate::toml_float(1e300) == "1e+300");
  CHECK(migrate::toml_float(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(migrate::toml_float(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(migrate::toml_float(std::nan("")) == "nan");
  for (double v : {0.1, -3.25, 123456789.0, 1e-7}) {
    const toml::table t = migrate::parse_toml("v = " + migrate::toml_float(v) + "\n", "t.toml");
    CHECK(t["v"].value<double>() == v);
  }
}

TEST_CASE("toml writer: toml_comment_text keeps a comment on its line", "[toml_writer]") {
  CHECK(migrate::toml_comment_text("drops table users") == "drops table users");
  CHECK(migrate::toml_comment_text("a\nb\r\nc\td") == "a b  c\td");
  CHECK(migrate::toml_comment_text(std::string("x\x01y\x7f\x1b", 5)) == "x\\x01y\\x7f\\x1b");
  const std::string nasty = "t\n[[upgrade]]\nop = \"execute\"\x01\r";
  const toml::table t =
      migrate::parse_toml("# " + migrate::toml_comment_text(nasty) + "\nv = 1\n", "t.toml");
  CHECK(t.size() == 1);
}
