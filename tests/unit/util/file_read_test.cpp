// Reading files: whole, or in growing prefixes (a revision's header), with errors that name
// the file.
#include "util/file_read.h"

#include "support/test_support.h"
#include "util/error.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using migratecpp::test::TempDir;

TEST_CASE("file_read: whole, in prefixes, and one read at a time", "[file_read]") {
  TempDir dir;
  const std::string text = std::string(10000, 'x') + "end";
  test::write_file(dir / "f.toml", text);
  CHECK(util::read_file(dir / "f.toml") == text);
  test::write_file(dir / "empty.toml", "");
  CHECK(util::read_file(dir / "empty.toml").empty());

  SECTION("read_more fills each request until the end") {
    util::FileReader r(dir / "f.toml", "file");
    std::string got;
    CHECK(r.read_more(got, 4096));
    CHECK(got.size() == 4096);
    CHECK_FALSE(r.read_more(got, 8192)); // the end, found in the same call
    CHECK(got == text);
  }
  SECTION("read_some: a small file whole in one call, the end in the next") {
    test::write_file(dir / "small.toml", "revision = \"a1\"\n");
    util::FileReader r(dir / "small.toml", "file");
    std::string got;
    CHECK(r.read_some(got, 4096));
    CHECK(got == "revision = \"a1\"\n");
    CHECK_FALSE(r.read_some(got, 4096));
    CHECK(got == "revision = \"a1\"\n");
  }
  SECTION("a missing file is named") {
    CHECK_THROWS_WITH(util::FileReader(dir / "nope.toml", "revision file"),
                      Catch::Contains("nope.toml") &&
                          Catch::Contains("cannot read revision file: No such file"));
  }
}

TEST_CASE("read_file: the whole file, or an error naming it and what it is", "[file_read]") {
  test::TempDir dir;
  const auto missing = dir / "nope.toml";
  CHECK_THROWS_WITH(util::read_file(missing, "models file"),
                    missing.string() + ": cannot read models file: No such file or directory");
  test::write_file(dir / "yes.toml", "x = 1\n");
  CHECK(util::read_file(dir / "yes.toml", "models file") == "x = 1\n");
}
