#include "migrate/config.h"
#include "migrate/targets.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace migratecpp;
namespace fs = std::filesystem;

namespace {

std::vector<migrate::Target> parse(const std::string& text) {
  return migrate::parse_targets_file(text, "tenants.txt");
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const util::Error& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("targets file: URLs, names, comments and blank lines", "[targets]") {
  ::setenv("MIGRATECPP_TEST_TENANT_PW", "s3cret", 1);
  const auto t = parse("# tenants of the eu cluster\n"
                       "\n"
                       "sqlite:///tenants/a.db\n"
                       "  beta   sqlite:///tenants/b.db   # the second one\n"
                       "gamma postgresql://app:${MIGRATECPP_TEST_TENANT_PW}@db/gamma\r\n"
                       "sqlite:///odd#name.db\n"
                       "   \t\n");
  REQUIRE(t.size() == 4);
  CHECK(t[0].name.empty());
  CHECK(t[0].url == "sqlite:///tenants/a.db");
  CHECK(t[0].label() == "sqlite:///tenants/a.db");
  CHECK(t[0].where.line == 3);
  CHECK(t[1].name == "beta");
  CHECK(t[1].url == "sqlite:///tenants/b.db");
  CHECK(t[2].url == "postgresql://app:s3cret@db/gamma");
  CHECK(t[2].label() == "gamma");
  CHECK(t[3].url == "sqlite:///odd#name.db"); // a '#' inside a word is not a comment
  CHECK(parse("").empty());
}

TEST_CASE("targets file: a bad line is named by file:line", "[targets]") {
  CHECK(error_of("sqlite:///a.db\nx y z\n") ==
        "tenants.txt:2: expected 'URL' or 'NAME URL', found 3 words (put a comment after ' #')");
  CHECK(error_of("\n\ntenants/a.db\n") ==
        "tenants.txt:3: 'tenants/a.db' is not a database URL (expected scheme://..., for "
        "example sqlite:///tenant.db or postgresql://host/db)");
  CHECK_THAT(error_of("a sqlite:///a.db\nb mongodb://u:pw@h/x\n"),
             Catch::StartsWith("tenants.txt:2: ") && !Catch::Contains("pw"));
  CHECK(error_of("a sqlite:///a.db\na sqlite:///b.db\n") ==
        "tenants.txt:2: target name 'a' is already used at line 1");
  CHECK(error_of("sqlite:///a.db\nb sqlite:///a.db\n") ==
        "tenants.txt:2: the URL 'sqlite:///a.db' is already listed at line 1");
  CHECK(error_of("sqlite:///a.db\nb postgresql://u:pw@h/x\nc postgresql://u:pw@h/x\n") ==
        "tenants.txt:3: the URL 'postgresql://u:***@h/x' is already listed at line 2");
  CHECK(error_of("a/b sqlite:///a.db\n") ==
        "tenants.txt:1: target name 'a/b' may only hold letters, digits, '_', '-' and '.'");
}

TEST_CASE("targets file: an unset ${VAR} fails only that target", "[targets]") {
  ::unsetenv("MIGRATECPP_TEST_UNSET_PW");
  const auto t = parse("a sqlite:///a.db\nb postgresql://u:${MIGRATECPP_TEST_UNSET_PW}@h/b\n");
  REQUIRE(t.size() == 2);
  CHECK_FALSE(t[0].url_error);
  REQUIRE(t[1].url_error);
  CHECK(std::string(t[1].url_error->what()) ==
        "tenants.txt:2: environment variable 'MIGRATECPP_TEST_UNSET_PW' is not set and "
        "'${MIGRATECPP_TEST_UNSET_PW}' gives no default");
}

TEST_CASE("targets file: a missing or empty file", "[targets]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(migrate::load_targets_file(dir / "none.txt"),
                    Catch::StartsWith((dir / "none.txt").string() + ": cannot read targets file"));
  test::write_file(dir / "empty.txt", "# nothing yet\n");
  CHECK_THROWS_WITH(migrate::load_targets_file(dir / "empty.txt"),
                    (dir / "empty.txt").string() + ": the targets file lists no database");
}

TEST_CASE("targets: the list in migratecpp.toml", "[targets]") {
  test::TempDir dir;
  ::setenv("MIGRATECPP_TEST_SHARD_HOST", "shard1.local", 1);
  ::unsetenv("MIGRATECPP_TEST_UNSET_PW");
  test::write_file(dir / "migratecpp.toml", R"toml([database]
url = "sqlite:///dev.db"

[[targets]]
name = "eu-1"
url = "postgresql://app@${MIGRATECPP_TEST_SHARD_HOST}/app"

[[targets]]
name = "eu-2"
url = "postgresql://app:${MIGRATECPP_TEST_UNSET_PW}@h/app"
)toml");
  const auto cfg = migrate::load_config(dir / "migratecpp.toml");
  CHECK(cfg.url == "sqlite:///dev.db");
  REQUIRE(cfg.targets.size() == 2);
  CHECK(cfg.targets[0].name == "eu-1");
  CHECK(cfg.targets[0].url == "postgresql://app@shard1.local/app");
  REQUIRE(cfg.targets[1].url_error);
  CHECK_THAT(
      cfg.targets[1].url_error->what(),
      Catch::Contains("migratecpp.toml:10: environment variable 'MIGRATECPP_TEST_UNSET_PW'"));

  auto bad = [&](const std::string& text) -> std::string {
    test::write_file(dir / "migratecpp.toml", text);
    try {
      migrate::load_config(dir / "migratecpp.toml");
    } catch (const util::Error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string file = (dir / "migratecpp.toml").string();
  CHECK(bad("[[targets]]\nname = \"a\"\nulr = \"sqlite:///a.db\"\n") ==
        file + ":3: unknown key 'ulr' in [[targets]] (did you mean 'url'?)");
  CHECK_THAT(bad("[[targets]]\nurl = \"sqlite:///a.db\"\n"),
             Catch::Contains("missing required key 'name'"));
  CHECK(bad("[targets]\nname = \"a\"\n") ==
        file + ":1: 'targets' must be an array of tables ([[targets]] with name = \"...\" and "
               "url = \"...\")");
  CHECK(bad("[[targets]]\nname = \"a\"\nurl = \"sqlite:///a.db\"\n[[targets]]\nname = "
            "\"a\"\nurl = \"sqlite:///b.db\"\n") ==
        file + ":6: target name 'a' is already used at line 3");
}

TEST_CASE("selecting targets by name", "[targets]") {
  const auto all = parse("alpha sqlite:///a.db\nbeta sqlite:///b.db\ngamma sqlite:///c.db\n");
  CHECK(migrate::select_targets(all, {}, "tenants.txt").size() == 3);
  const auto some = migrate::select_targets(all, {"gamma", "alpha"}, "tenants.txt");
  REQUIRE(some.size() == 2);
  CHECK(some[0].name == "alpha"); // the list's order
  CHECK(some[1].name == "gamma");
  CHECK_THROWS_AS(migrate::select_targets(all, {"gama"}, "tenants.txt"), util::UsageError);
  CHECK_THROWS_WITH(migrate::select_targets(all, {"gama"}, "tenants.txt"),
                    "no target named 'gama' in tenants.txt (did you mean 'gamma'?)");
}
