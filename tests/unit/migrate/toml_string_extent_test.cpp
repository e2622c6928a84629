// Where a TOML string ends, as the scans that do not parse TOML need it.
#include "migrate/toml_string_extent.h"

#include <catch2/catch.hpp>

#include <string>

using migratecpp::migrate::toml_string_extent;

namespace {

// The extent of the string at the first quote of `text`: what it covers, and whether it closed.
std::string covered(std::string_view text, bool* closed = nullptr, bool* multi = nullptr) {
  const std::size_t begin = text.find_first_of("\"'");
  const auto e = toml_string_extent(text, begin);
  if (closed != nullptr) {
    *closed = e.closed;
  }
  if (multi != nullptr) {
    *multi = e.multi_line;
  }
  return std::string(text.substr(begin, e.end - begin));
}

} // namespace

TEST_CASE("toml_string_extent: one-line strings", "[toml_string_extent]") {
  bool closed = false;
  bool multi = true;
  CHECK(covered(R"(a = "x [y] # z" # c)", &closed, &multi) == R"("x [y] # z")");
  CHECK(closed);
  CHECK_FALSE(multi);
  CHECK(covered(R"(a = "say \"hi\" \\" b)") == R"("say \"hi\" \\")");
  CHECK(covered(R"(a = 'C:\dir\' b)") == R"('C:\dir\')"); // no escapes in a literal string
  CHECK(covered("a = \"\" b") == "\"\"");
}

TEST_CASE("toml_string_extent: a line end or the text's end stops an open string",
          "[toml_string_extent]") {
  bool closed = true;
  CHECK(covered("a = \"open\nb = 1", &closed) == "\"open");
  CHECK_FALSE(closed);
  CHECK(covered("a = 'open", &closed) == "'open");
  CHECK_FALSE(closed);
  CHECK(covered("a = \"ends in \\", &closed) == "\"ends in \\");
  CHECK_FALSE(closed);
  // An escaped line end is inside the string (the parser refuses it in a one-line string).
  CHECK(covered("a = \"x\\\ny\" z", &closed) == "\"x\\\ny\"");
  CHECK(closed);
}

TEST_CASE("toml_string_extent: multi-line strings", "[toml_string_extent]") {
  bool closed = false;
  bool multi = false;
  CHECK(covered("a = '''\n[x]\n''' b", &closed, &multi) == "'''\n[x]\n'''");
  CHECK(closed);
  CHECK(multi);
  CHECK(covered("a = \"\"\"q \\\"\"\" \"\"\" b") == "\"\"\"q \\\"\"\" \"\"\"");
  // Closing quotes and the ones right after them: """a"""" is 'a"'.
  CHECK(covered("a = \"\"\"a\"\"\"\" b") == "\"\"\"a\"\"\"\"");
  CHECK(covered("a = '''never closed\n'' ", &closed) == "'''never closed\n'' ");
  CHECK_FALSE(closed);
}
