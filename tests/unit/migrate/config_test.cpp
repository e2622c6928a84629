#include "migrate/config.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace migratecpp;
namespace fs = std::filesystem;

namespace {

// Writes migratecpp.toml into `dir` and loads it.
migrate::Config load(const test::TempDir& dir, const std::string& text) {
  test::write_file(dir / "migratecpp.toml", text);
  return migrate::load_config(dir / "migratecpp.toml");
}

std::string at(const test::TempDir& dir, int line, const std::string& message) {
  return (dir / "migratecpp.toml").string() + ":" + std::to_string(line) + ": " + message;
}

std::optional<std::string> fake_env(const std::string& name) {
  if (name == "HOST") {
    return "db.local";
  }
  if (name == "EMPTY") {
    return "";
  }
  return std::nullopt;
}

} // namespace

TEST_CASE("config: every key", "[config]") {
  test::TempDir dir;
  const auto cfg = load(dir, R"toml([database]
url = "postgresql://u@h/db"
version_table = "alembic_version"
schema = "app"
lock_timeout = 12.5

[migrations]
script_location = "db/migrations"
file_template = "{year}_{rev}_{slug}"
transaction_per_migration = false
version_locations = ["extra/versions", "/abs/versions"]

[models]
paths = ["models/*.toml", "more/**/*.toml"]
exclude_tables = ["spatial_ref_sys"]
)toml");
  CHECK(cfg.file == dir / "migratecpp.toml");
  CHECK(cfg.dir == dir.path());
  CHECK(cfg.url == "postgresql://u@h/db");
  CHECK(cfg.version_table == "alembic_version");
  CHECK(cfg.schema == "app");
  CHECK(cfg.lock_timeout_seconds == 12.5);
  CHECK(cfg.script_location == dir / "db/migrations");
  CHECK(cfg.file_template == "{year}_{rev}_{slug}");
  CHECK_FALSE(cfg.transaction_per_migration);
  CHECK(cfg.version_locations == std::vector<fs::path>{dir / "extra/versions", "/abs/versions"});
  CHECK(cfg.model_paths == std::vector<std::string>{"models/*.toml", "more/**/*.toml"});
  // A listed name matches itself only (as a pattern it is escaped).
  CHECK_FALSE(cfg.objects.manages("tables", "spatial_ref_sys"));
  CHECK(cfg.objects.manages("tables", "spatial_ref_sys2"));
  CHECK(cfg.x_args.empty());
}

TEST_CASE("config: defaults", "[config]") {
  test::TempDir dir;
  const auto cfg = load(dir, "");
  CHECK(cfg.url.empty());
  CHECK(cfg.version_table == "migratecpp_version");
  CHECK(cfg.script_location == dir / "migrations");
  CHECK(cfg.file_template == "{rev}_{slug}");
  CHECK(cfg.transaction_per_migration);
  CHECK(cfg.version_locations.empty());
  CHECK(cfg.model_paths.empty());
  CHECK(cfg.objects.empty());
  CHECK(cfg.schema.empty());
  CHECK(cfg.lock_timeout_seconds == 300);
}

TEST_CASE("config: lock_timeout is a number of seconds", "[config]") {
  test::TempDir dir;
  CHECK(load(dir, "[database]\nlock_timeout = 0\n").lock_timeout_seconds == 0);
  CHECK(load(dir, "[database]\nlock_timeout = 60\n").lock_timeout_seconds == 60);
  CHECK_THROWS_WITH(load(dir, "[database]\nlock_timeout = \"60\"\n"),
                    at(dir, 2, "'lock_timeout' must be a number of seconds"));
  CHECK_THROWS_WITH(load(dir, "[database]\nlock_timeout = true\n"),
                    at(dir, 2, "'lock_timeout' must be a number of seconds"));
  CHECK_THROWS_WITH(load(dir, "[database]\nlock_timeout = -1\n"),
                    at(dir, 2, "'lock_timeout' must be between 0 and 604800 seconds"));
  CHECK_THROWS_WITH(load(dir, "[database]\nlock_timeout = nan\n"),
                    at(dir, 2, "'lock_timeout' must be between 0 and 604800 seconds"));
}

TEST_CASE("config: relative paths start at the config file's directory", "[config]") {
  test::TempDir dir;
  test::write_file(dir / "sub/migratecpp.toml", "[migrations]\nscript_location = \"../mig\"\n"
                                                "version_locations = \"v2\"\n");
  const auto cfg = migrate::load_config(dir / "sub/migratecpp.toml");
  CHECK(cfg.script_location == dir / "mig");
  CHECK(cfg.version_locations == std::vector<fs::path>{dir / "sub/v2"});
}

TEST_CASE("config: ${VAR} and ${VAR:-default}", "[config]") {
  auto expand = [](const std::string& s) { return migrate::expand_env(s, fake_env); };
  CHECK(expand("postgresql://${HOST}/db") == "postgresql://db.local/db");
  CHECK(expand("${HOST:-x}") == "db.local");
  CHECK(expand("${NOPE:-sqlite:///app.db}") == "sqlite:///app.db");
  CHECK(expand("${EMPTY:-fallback}") == "fallback");
  CHECK(expand("[${EMPTY}]") == "[]");
  CHECK(expand("${NOPE:-}") == "");
  CHECK(expand("pa$$word$x") == "pa$$word$x");
  CHECK(expand("$${HOST}") == "${HOST}");
  CHECK_THROWS_WITH(expand("${NOPE}"),
                    "environment variable 'NOPE' is not set and '${NOPE}' gives no default");
  CHECK_THROWS_WITH(expand("${HOST"), "unterminated '${' (missing '}')");
  CHECK_THROWS_WITH(expand("${A-B}"), "invalid environment variable name 'A-B'");
  CHECK_THROWS_WITH(expand("${}"), "invalid environment variable name ''");
}

TEST_CASE("config: expansion applies to every string, errors are located", "[config]") {
  test::TempDir dir;
  ::setenv("MIGRATECPP_TEST_DB", "app", 1);
  ::unsetenv("MIGRATECPP_TEST_UNSET");
  const auto cfg = load(dir, "[database]\nurl = \"sqlite:///${MIGRATECPP_TEST_DB}.db\"\n"
                             "version_table = \"${MIGRATECPP_TEST_UNSET:-v}\"\n"
                             "[migrations]\nscript_location = \"${MIGRATECPP_TEST_DB}/m\"\n"
                             "[models]\npaths = [\"${MIGRATECPP_TEST_DB}/*.toml\"]\n");
  CHECK(cfg.url == "sqlite:///app.db");
  CHECK(cfg.version_table == "v");
  CHECK(cfg.script_location == dir / "app/m");
  CHECK(cfg.model_paths == std::vector<std::string>{"app/*.toml"});

  // An unset variable in the URL is kept as an error for when that URL is used: --url or
  // MIGRATECPP_URL make it irrelevant, and commands without a database never need it.
  {
    const migrate::Config c = load(dir, "[database]\n\nurl = \"${MIGRATECPP_TEST_UNSET}\"\n");
    REQUIRE(c.url_error.has_value());
    CHECK(std::string(c.url_error->what()) ==
          at(dir, 3,
             "environment variable 'MIGRATECPP_TEST_UNSET' is not set and "
             "'${MIGRATECPP_TEST_UNSET}' gives no default"));
  }
  CHECK_THROWS_WITH(
      load(dir, "[models]\npaths = [\n  \"a\",\n  \"${MIGRATECPP_TEST_UNSET}\",\n]\n"),
      at(dir, 4,
         "environment variable 'MIGRATECPP_TEST_UNSET' is not set and "
         "'${MIGRATECPP_TEST_UNSET}' gives no default"));
}

TEST_CASE("config: located errors", "[config]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(load(dir, "[databse]\nurl = \"x\"\n"),
                    at(dir, 1, "unknown section '[databse]' (did you mean '[database]'?)"));
  CHECK_THROWS_WITH(load(dir, "[frobs]\n"), at(dir, 1, "unknown section '[frobs]'"));
  CHECK_THROWS_WITH(load(dir, "url = \"x\"\n"),
                    at(dir, 1,
                       "unknown key 'url' outside any section (sections: [database], "
                       "[migrations], [models], [post_write_hooks], [[targets]])"));
  CHECK_THROWS_WITH(load(dir, "[database]\nulr = \"x\"\n"),
                    at(dir, 2, "unknown key 'ulr' in [database] (did you mean 'url'?)"));
  CHECK_THROWS_WITH(load(dir, "[migrations]\nscript_locaton = \"x\"\n"),
                    at(dir, 2,
                       "unknown key 'script_locaton' in [migrations] (did you mean "
                       "'script_location'?)"));
  CHECK_THROWS_WITH(load(dir, "[models]\npath = []\n"),
                    at(dir, 2, "unknown key 'path' in [models] (did you mean 'paths'?)"));
  CHECK_THROWS_WITH(load(dir, "database = 1\n"),
                    at(dir, 1, "'database' must be a section ([database])"));
  CHECK_THROWS_WITH(load(dir, "[migrations]\ntransaction_per_migration = \"yes\"\n"),
                    at(dir, 2, "'transaction_per_migration' must be a boolean"));
  CHECK_THROWS_WITH(load(dir, "[database]\nurl = 5\n"), at(dir, 2, "'url' must be a string"));
  CHECK_THROWS_WITH(load(dir, "[database]\nversion_table = \"\"\n"),
                    at(dir, 2, "'version_table' must not be empty"));
  CHECK_THROWS_WITH(load(dir, "[models]\npaths = [1]\n"),
                    at(dir, 2, "'paths' must be an array of strings"));
  CHECK_THROWS_WITH(load(dir, "[database\n"),
                    at(dir, 1, "Error while parsing table header: expected ']', saw '\\n'"));
  CHECK_THROWS_WITH(migrate::load_config(dir / "nope.toml"),
                    (dir / "nope.toml").string() +
                        ": cannot read config file: No such file or directory");
}

TEST_CASE("config: model globs", "[config]") {
  test::TempDir dir;
  for (const char* f : {"models/b.toml", "models/a.toml", "models/.hidden.toml", "models/x.txt",
                        "more/top.toml", "more/s/t/deep.toml", "more/.git/skip.toml", "one.toml"}) {
    test::write_file(dir / f, "");
  }
  fs::create_directories(dir / "models/dir.toml");
  migrate::Config cfg = load(dir, "");

  cfg.model_paths = {"models/*.toml"};
  CHECK(migrate::expand_model_globs(cfg) ==
        std::vector<fs::path>{dir / "models/a.toml", dir / "models/b.toml"});

  cfg.model_paths = {"more/**/*.toml", "models/?.toml", "one.toml", "models/a.toml"};
  CHECK(migrate::expand_model_globs(cfg) ==
        std::vector<fs::path>{dir / "models/a.toml", dir / "models/b.toml",
                              dir / "more/s/t/deep.toml", dir / "more/top.toml", dir / "one.toml"});

  cfg.model_paths = {"**/*.toml"};
  CHECK(migrate::expand_model_globs(cfg).size() == 6); // migratecpp.toml itself included

  cfg.model_paths = {(dir / "models/[ab].toml").string()}; // absolute globs work too
  CHECK(migrate::expand_model_globs(cfg) ==
        std::vector<fs::path>{dir / "models/a.toml", dir / "models/b.toml"});

  cfg.model_paths = {"nothing/*.toml"};
  CHECK(migrate::expand_model_globs(cfg).empty());

  cfg.model_paths = {"models/missing.toml"};
  CHECK_THROWS_WITH(migrate::expand_model_globs(cfg),
                    (dir / "migratecpp.toml").string() +
                        ": models path 'models/missing.toml' does not exist");
  cfg.model_paths = {"models"};
  CHECK_THROWS_WITH(migrate::expand_model_globs(cfg),
                    (dir / "migratecpp.toml").string() +
                        ": models path 'models' is a directory; use a glob such as "
                        "'models/*.toml'");
}

TEST_CASE("config: parse_config reads text without opening the file", "[config]") {
  const fs::path file = "/nonexistent/project/migratecpp.toml";
  const auto cfg = migrate::parse_config(
      "[database]\nurl = \"sqlite:///app.db\"\n[migrations]\nscript_location = \"db\"\n", file);
  CHECK(cfg.file == file);
  CHECK(cfg.url == "sqlite:///app.db");
  CHECK(cfg.script_location == fs::path("/nonexistent/project/db"));
  CHECK_THROWS_WITH(migrate::parse_config("[database]\nurll = \"x\"\n", file),
                    Catch::Contains(file.string() + ":2: ") && Catch::Contains("'url'"));
}

TEST_CASE("config: [models.exclude] and [models.include], glob patterns per kind", "[config]") {
  test::TempDir dir;
  const auto cfg = load(dir, R"toml(
[models]
exclude_tables = ["odd*name"]
[models.exclude]
tables = ["pg_*", "spatial_ref_sys"]
functions = ["postgis_*", "st_*"]
triggers = ["*.audit_*"]
[models.include]
views = ["app_*"]
)toml");
  CHECK_FALSE(cfg.objects.manages("tables", "odd*name"));
  CHECK(cfg.objects.manages("tables", "oddXname")); // exclude_tables lists names, not patterns
  CHECK_FALSE(cfg.objects.manages("tables", "pg_stat"));
  CHECK_FALSE(cfg.objects.manages("table", "Spatial_Ref_Sys"));
  CHECK(cfg.objects.manages("tables", "users"));
  CHECK_FALSE(cfg.objects.manages("function", "ST_Area"));
  CHECK(cfg.objects.manages("function", "area"));
  CHECK_FALSE(cfg.objects.manages("trigger", "audit_insert", "users"));
  CHECK(cfg.objects.manages("trigger", "audit_insert")); // no table: "*.audit_*" cannot match
  CHECK(cfg.objects.manages("view", "app_users"));
  CHECK_FALSE(cfg.objects.manages("view", "vendor_users"));
  CHECK(cfg.objects.manages("materialized view", "vendor_users")); // another kind
}

TEST_CASE("config: a kind [models.exclude] does not know is refused", "[config]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(load(dir, "[models.exclude]\nfuntions = [\"x\"]\n"),
                    Catch::Contains("migratecpp.toml:2: unknown key 'funtions' in "
                                    "[models.exclude] (did you mean 'functions'?)"));
  CHECK_THROWS_WITH(load(dir, "[models]\ninclude = [\"x\"]\n"),
                    Catch::Contains("migratecpp.toml:2: 'include' must be a table"));
}

TEST_CASE("config: [post_write_hooks] in the order hooks lists them", "[config][hooks]") {
  test::TempDir dir;
  setenv("MIGRATECPP_TEST_FORMATTER", "taplo", 1);
  const auto cfg = load(dir, R"toml([post_write_hooks]
hooks = ["lint", "format"]

[post_write_hooks.format]
executable = "${MIGRATECPP_TEST_FORMATTER}"
options = ["fmt", "REVISION_SCRIPT_FILENAME"]

[post_write_hooks.lint]
executable = "tools/lint.sh"
cwd = "tools"

[post_write_hooks.off]
executable = "not-run"
)toml");
  unsetenv("MIGRATECPP_TEST_FORMATTER");
  REQUIRE(cfg.post_write_hooks.size() == 2); // "off" is not listed: turned off
  CHECK(cfg.post_write_hooks[0].name == "lint");
  CHECK(cfg.post_write_hooks[0].program == dir / "tools/lint.sh");
  CHECK(cfg.post_write_hooks[0].cwd == dir / "tools");
  CHECK(cfg.post_write_hooks[0].options.empty());
  CHECK(cfg.post_write_hooks[1].name == "format");
  CHECK(cfg.post_write_hooks[1].program == "taplo"); // a bare name: looked up on PATH
  CHECK(cfg.post_write_hooks[1].cwd == dir.path().lexically_normal());
  CHECK(cfg.post_write_hooks[1].options ==
        std::vector<std::string>{"fmt", "REVISION_SCRIPT_FILENAME"});
}

TEST_CASE("config: [post_write_hooks] mistakes are refused at their line", "[config][hooks]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(load(dir, "[post_write_hooks]\nhooks = [\"fromat\"]\n"
                              "[post_write_hooks.format]\nexecutable = \"x\"\n"),
                    at(dir, 2,
                       "hook 'fromat' is listed in hooks but has no [post_write_hooks.fromat] "
                       "table (did you mean 'format'?)"));
  CHECK_THROWS_WITH(load(dir, "[post_write_hooks]\nhook = [\"x\"]\n"),
                    Catch::Contains("migratecpp.toml:2: unknown key 'hook'"));
  CHECK_THROWS_WITH(load(dir, "[post_write_hooks]\nhooks = \"x\"\n"),
                    at(dir, 2, "'hooks' must be an array of hook names, e.g. [\"format\"]"));
  CHECK_THROWS_WITH(load(dir, "[post_write_hooks]\nhooks = [\"x\"]\n[post_write_hooks.x]\n"
                              "options = [\"a\"]\n"),
                    Catch::Contains("missing required key 'executable'"));
  CHECK_THROWS_WITH(load(dir, "[post_write_hooks]\nhooks = [\"x\"]\n[post_write_hooks.x]\n"
                              "executable = \"x\"\noptions = \"-l 79\"\n"),
                    Catch::Contains("migratecpp.toml:5: 'options' must be an array of strings"));
  CHECK_THROWS_WITH(load(dir, "[post_write_hooks]\nhooks = [\"x\"]\n[post_write_hooks.x]\n"
                              "executable = \"${MIGRATECPP_UNSET_FOR_TEST}\"\n"),
                    Catch::Contains("migratecpp.toml:4: environment variable "
                                    "'MIGRATECPP_UNSET_FOR_TEST' is not set"));
}
