#include "util/error.h"
#include "util/strings.h"
#include "util/url.h"

#include <catch2/catch.hpp>

using migratecpp::util::parse_url;
using migratecpp::util::redact_urls;

TEST_CASE("sqlite URLs: relative, absolute, memory", "[url]") {
  CHECK(parse_url("sqlite:///app.db").database == "app.db");
  CHECK(parse_url("sqlite:///dir/app.db").database == "dir/app.db");
  CHECK(parse_url("sqlite:////abs/app.db").database == "/abs/app.db");
  // The generic parse leaves an empty path empty; the SQLite dialect reads it as ":memory:"
  // (tests/unit/dialects/registry_test.cpp).
  CHECK(parse_url("sqlite://").database.empty());
  CHECK(parse_url("sqlite:///:memory:").database == ":memory:");
  CHECK(parse_url("SQLite:///x.db").scheme == "sqlite");
}

TEST_CASE("the path form is the same for every scheme", "[url]") {
  // No knowledge of any scheme in the parser: a new file-based dialect gets the same forms.
  for (const std::string scheme : {"sqlite", "duckdb", "postgresql"}) {
    const auto rel = parse_url(scheme + ":///dir/a%20b.db?mode=ro");
    CHECK(rel.scheme == scheme);
    CHECK(rel.host.empty());
    CHECK(rel.user.empty());
    CHECK(rel.database == "dir/a b.db");
    REQUIRE(rel.params.size() == 1);
    CHECK(rel.params[0] == std::pair<std::string, std::string>{"mode", "ro"});
    CHECK(parse_url(scheme + ":////abs/x@y:z.db").database == "/abs/x@y:z.db");
    CHECK(parse_url(scheme + ":////abs/x@y:z.db").host.empty());
    CHECK(parse_url(scheme + "://").database.empty());
  }
}

TEST_CASE("server URLs: parts, percent-decoding, parameters", "[url]") {
  const auto u = parse_url(
      "postgresql://us%40er:p%40ss%3Aw@db.example:5433/app?sslmode=disable&application_name=m");
  CHECK(u.scheme == "postgresql");
  CHECK(u.user == "us@er");
  CHECK(u.password == "p@ss:w");
  CHECK(u.has_password);
  CHECK(u.host == "db.example");
  CHECK(u.port == 5433);
  CHECK(u.database == "app");
  REQUIRE(u.params.size() == 2);
  CHECK(u.params[0] == std::pair<std::string, std::string>{"sslmode", "disable"});
  CHECK(u.params[1] == std::pair<std::string, std::string>{"application_name", "m"});
  CHECK(parse_url("mysql://root@localhost/db").has_password == false);
  CHECK(parse_url("mariadb://[::1]:3306/db").host == "::1");
  CHECK(parse_url("mariadb://[::1]:3306/db").port == 3306);
}

TEST_CASE("redaction never shows the password", "[url]") {
  CHECK(parse_url("postgresql://u:s3cret@h:1/db").redacted() == "postgresql://u:***@h:1/db");
  CHECK(parse_url("postgresql://u:p%40ss@h/db").redacted() == "postgresql://u:***@h/db");
  CHECK(parse_url("postgresql://u@h/db").redacted() == "postgresql://u@h/db");
  CHECK(redact_urls("cannot connect to mysql://root:hunter2@127.0.0.1:3306/x: refused") ==
        "cannot connect to mysql://root:***@127.0.0.1:3306/x: refused");
  CHECK(redact_urls("host=h password=hunter2 dbname=x") == "host=h password=*** dbname=x");
}

TEST_CASE("bad URLs are errors that do not leak the password", "[url]") {
  CHECK_THROWS_WITH(
      parse_url("app.db"),
      "invalid database URL 'app.db': expected scheme://..., for example sqlite:///app.db");
  CHECK_THROWS_WITH(parse_url("postgresql://u:pw@h:99999/db"),
                    "invalid database URL 'postgresql://u:***@h:99999/db': port '99999' is not a "
                    "number from 1 to 65535");
  CHECK_THROWS_WITH(parse_url("sqlite:app.db"),
                    "invalid database URL 'sqlite:app.db': expected scheme://..., for example "
                    "sqlite:///app.db");
}

TEST_CASE("did you mean", "[strings]") {
  using migratecpp::util::did_you_mean;
  CHECK(did_you_mean("upgrad", {"upgrade", "downgrade"}) == " (did you mean 'upgrade'?)");
  CHECK(did_you_mean("zzz", {"upgrade", "downgrade"}).empty());
  CHECK(did_you_mean("nulable", {"name", "type", "nullable"}) == " (did you mean 'nullable'?)");
}
