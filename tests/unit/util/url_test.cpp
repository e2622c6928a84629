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
  // A password given as a parameter, with a user but no userinfo password (found by fuzzing:
  // it used to come back whole).
  CHECK(parse_url("postgresql://u@h/db?password=hunter22&sslmode=require").redacted() ==
        "postgresql://u@h/db?password=***&sslmode=require");
  CHECK(parse_url("postgresql://h/db?password=hunter22").redacted() ==
        "postgresql://h/db?password=***");
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

namespace {

// Passwords written raw into a URL, with each character a URL gives a meaning to (and some it
// does not): the two halves around the odd characters must never be printed.
const std::vector<std::string> k_odd_separators = {
    "/", "?",  "@",   ":",  "#",   " ",  "'",  "\"", "%zz", "&",  "=", "[", "]",
    ",", "\\", "%40", "\t", "/?@", "?/", "@@", "%",  "//",  "\n", "*", "::"};

void check_hidden(const std::string& text, const std::string& context) {
  INFO(context << " -> " << text);
  CHECK(text.find("Q7pw") == std::string::npos);
  CHECK(text.find("Z9pw") == std::string::npos);
}

} // namespace

TEST_CASE("no password is printed, whatever its characters", "[url]") {
  for (const std::string scheme : {"postgresql", "mysql", "sqlite", "postgres+psycopg2"}) {
    for (const auto& sep : k_odd_separators) {
      const std::string password = "Q7pw" + sep + "Z9pw";
      for (const std::string& url :
           {scheme + "://u:" + password + "@h/db", scheme + "://u:" + password + "@h:5432/db",
            scheme + "://u:" + password + "@h:5432/db?sslmode=disable",
            scheme + "://u:" + password + "@[::1]:5432/db", scheme + "://u:" + password + "@/db",
            scheme + "://u:" + password + "@h1:5432,h2:5433/db"}) {
        // Parsed first, as every URL the tool prints was: parsing registers the password.
        try {
          check_hidden(parse_url(url).redacted(), url);
        } catch (const migratecpp::util::Error& e) {
          check_hidden(e.what(), url);
        }
        check_hidden(migratecpp::util::redact_url(url), url);
        check_hidden(redact_urls("cannot connect to " + url + ": refused"), url);
        check_hidden(redact_urls("'" + url + "'"), url);
      }
    }
  }
}

TEST_CASE("an '@' after the host part is refused, not split at a guess", "[url]") {
  CHECK_THROWS_WITH(parse_url("postgresql://u:pa/ss?x@h/db"),
                    Catch::StartsWith("invalid database URL 'postgresql://u:***@h/db': "));
  CHECK_THROWS_WITH(parse_url("postgresql://u:pa/ss?x@h/db"), Catch::Contains("percent-encode"));
  // A port, then an '@' in a query value: no password anywhere, taken as written.
  CHECK(parse_url("postgresql://h:5432/db?application_name=a@b").params.at(0).second == "a@b");
  CHECK(parse_url("sqlite:////abs/x@y:z.db").database == "/abs/x@y:z.db");
}

TEST_CASE("known passwords are scrubbed from any text", "[url]") {
  migratecpp::util::register_secret("Hunter-2 pw");
  CHECK(migratecpp::util::scrub_secrets("libpq: bad token \"Hunter-2 pw\" here") ==
        "libpq: bad token \"***\" here");
  // Too short to tell from ordinary words: left to the structural redaction.
  migratecpp::util::register_secret("ab");
  CHECK(migratecpp::util::scrub_secrets("abc") == "abc");
}

TEST_CASE("did you mean", "[strings]") {
  using migratecpp::util::did_you_mean;
  CHECK(did_you_mean("upgrad", {"upgrade", "downgrade"}) == " (did you mean 'upgrade'?)");
  CHECK(did_you_mean("zzz", {"upgrade", "downgrade"}).empty());
  CHECK(did_you_mean("nulable", {"name", "type", "nullable"}) == " (did you mean 'nullable'?)");
}

TEST_CASE("url_scheme: lowercased, without a driver suffix, empty without one", "[url]") {
  CHECK(migratecpp::util::url_scheme("PostgreSQL+psycopg2://u@h/db") == "postgresql");
  CHECK(migratecpp::util::url_scheme("sqlite:///app.db") == "sqlite");
  CHECK(migratecpp::util::url_scheme("app.db").empty());
  CHECK(migratecpp::util::url_scheme("://h/db").empty());
  // The one parse_url keeps.
  CHECK(migratecpp::util::parse_url("MySQL+pymysql://u@h/db").scheme ==
        migratecpp::util::url_scheme("MySQL+pymysql://u@h/db"));
}
