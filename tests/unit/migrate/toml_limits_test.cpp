// The cheap scan that keeps pathological TOML (deep keys, deep nesting, huge files) away from
// the TOML library, which would overflow its stack on them.
#include "migrate/toml_limits.h"
#include "migrate/toml_reader.h"

#include <catch2/catch.hpp>

using migratecpp::migrate::check_toml_limits;
using migratecpp::migrate::parse_toml;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += s;
  }
  return out;
}

} // namespace

TEST_CASE("toml limits: a 50,000-level dotted key is an error at its line", "[toml_limits]") {
  const std::string text = "x = 1\n\n" + repeat("a.", 50000) + "a = 1\n";
  CHECK_THROWS_WITH(parse_toml(text, "f.toml"),
                    Catch::StartsWith("f.toml:3: a key nested more than 64 levels"));
  CHECK_THROWS_WITH(parse_toml("[" + repeat("a.", 50000) + "a]\n", "f.toml"),
                    Catch::StartsWith("f.toml:1: a key nested"));
  CHECK_THROWS_WITH(parse_toml("x = { " + repeat("a.", 500) + "a = 1 }\n", "f.toml"),
                    Catch::StartsWith("f.toml:1: a key nested"));
}

TEST_CASE("toml limits: deeply nested arrays and inline tables", "[toml_limits]") {
  CHECK_THROWS_WITH(parse_toml("x = " + repeat("[", 50000) + repeat("]", 50000), "f.toml"),
                    Catch::StartsWith("f.toml:1: arrays or inline tables nested more than 64"));
  CHECK_THROWS_WITH(
      parse_toml("\nx = " + repeat("{a = ", 50000) + "1" + repeat("}", 50000), "f.toml"),
      Catch::StartsWith("f.toml:2: arrays or inline tables nested"));
}

TEST_CASE("toml limits: strings and comments are not counted", "[toml_limits]") {
  const std::string dots = repeat(".", 1000);
  const std::string brackets = repeat("[{", 1000);
  CHECK_NOTHROW(check_toml_limits("a = \"" + dots + brackets + "\"\n", "f.toml"));
  CHECK_NOTHROW(check_toml_limits("a = '" + dots + brackets + "'\n", "f.toml"));
  CHECK_NOTHROW(check_toml_limits("a = \"\"\"\n" + dots + "\n" + brackets + "\"\"\"\n", "f.toml"));
  CHECK_NOTHROW(check_toml_limits("a = '''" + dots + brackets + "'''\n", "f.toml"));
  CHECK_NOTHROW(check_toml_limits("# " + dots + brackets + "\na = 1\n", "f.toml"));
  CHECK_NOTHROW(check_toml_limits("a = \"\\\"" + dots + "\"\n", "f.toml"));
  // The line count goes on across multi-line strings.
  CHECK_THROWS_WITH(
      check_toml_limits("a = \"\"\"\n1\n2\n\"\"\"\n" + repeat("b.", 100) + "b = 1\n", "f.toml"),
      Catch::StartsWith("f.toml:5: "));
}

TEST_CASE("toml limits: what people write passes", "[toml_limits]") {
  const std::string text = "[a.b.c]\nx.y.z = [[1, 2.5], [{ p.q = 1979-05-27T07:32:00.999 }]]\n"
                           "[[t.u]]\nv = { w = [1, [2, [3]]] }\n";
  CHECK_NOTHROW(parse_toml(text, "f.toml"));
  CHECK_NOTHROW(check_toml_limits(repeat("k.", 63) + "k = 1\n", "f.toml"));
  CHECK_NOTHROW(check_toml_limits("x = " + repeat("[", 64) + repeat("]", 64), "f.toml"));
}

TEST_CASE("toml limits: a file too large", "[toml_limits]") {
  const std::string big(migratecpp::migrate::k_max_toml_bytes + 1, '\n');
  CHECK_THROWS_WITH(
      check_toml_limits(big, "f.toml"),
      Catch::Contains("f.toml: file is larger than 64 MiB, the most a TOML file may have"));
}

// toml++ 3.3 (Debian 12) reaches TOML_UNREACHABLE, undefined behaviour, when it asks whether
// some characters beyond ASCII are white space (see toml_limits.cpp; found by fuzzing the
// loaders). The scan refuses each place it would ask, at its line, before the library sees it.
TEST_CASE("toml limits: a character beyond ASCII outside strings and comments", "[toml_limits]") {
  const std::string message = "a character beyond ASCII outside a string or a comment";
  CHECK_THROWS_WITH(parse_toml("a = 1\nkey \xc3\x9c = 2\n", "f.toml"),
                    Catch::StartsWith("f.toml:2: " + message));
  CHECK_THROWS_WITH(parse_toml("a = 1\xc3\xa9\n", "f.toml"),
                    Catch::StartsWith("f.toml:1: " + message));
  CHECK_THROWS_WITH(parse_toml("[t\xc3\xa9]\n", "f.toml"), Catch::StartsWith("f.toml:1: "));
  // toml++ reads a bad bare value up to a value terminator, quotes and all, and a date on
  // past a space; and asks about what follows a backslash in a multi-line string.
  CHECK_THROWS_WITH(parse_toml("[database]\nurl =0[d\"sqlite\xc9\x84///app\"\n", "f.toml"),
                    Catch::StartsWith("f.toml:2: " + message));
  CHECK_THROWS_WITH(parse_toml("a = [1, 2\"\xc3\xa9\"]\n", "f.toml"),
                    Catch::StartsWith("f.toml:1: " + message));
  CHECK_THROWS_WITH(parse_toml("a = 2026-01-01 \"\xc3\xa9\"\n", "f.toml"),
                    Catch::StartsWith("f.toml:1: " + message));
  CHECK_THROWS_WITH(parse_toml("a = \"\"\"x\\\xc3\xa9\"\"\"\n", "f.toml"),
                    Catch::StartsWith("f.toml:1: a backslash followed by a character beyond"));
  CHECK_THROWS_WITH(parse_toml("a = \"\"\"x \\  \n\n  \xc3\xa9\"\"\"\n", "f.toml"),
                    Catch::StartsWith("f.toml:1: a line-ending backslash in a multi-line string"));
  // In strings, comments, quoted keys and a byte order mark, it is what people write.
  CHECK_NOTHROW(
      parse_toml("\xef\xbb\xbf# caf\xc3\xa9\na = \"caf\xc3\xa9\" # \xc3\x9c\n"
                 "\"k\xc3\xa9y\" = 'caf\xc3\xa9'\nb = '''\n\xc3\x9c'''\n"
                 "c=\"\xc3\xa9\"\nd = [\"\xc3\xa9\",'\xc3\xa9', # \xc3\xa9\n  \"\xc3\xa9\"]\n"
                 "e = { f=\"\xc3\xa9\", g = [1,\"\xc3\xa9\"] }\nh = 1\ni=\"\xc3\xa9\"\n"
                 "j = \"\"\"x \\\n  y\xc3\xa9 \\t\xc3\xa9\"\"\"\n"
                 "k = 2026-01-01T00:00:00Z\nl = \"\xc3\xa9\"\n",
                 "f.toml"));
}
