#include "migrate/script_directory.h"
#include "migrate/template.h"

#include <catch2/catch.hpp>

using namespace migratecpp;

TEST_CASE("slugify: Alembic's slug of a message", "[script_directory]") {
  CHECK(migrate::slugify("Add users") == "add_users");
  CHECK(migrate::slugify("  add   'users', & orgs!  ") == "add_users_orgs");
  CHECK(migrate::slugify("ünïcode names") == "ünïcode_names");
  CHECK(migrate::slugify("") == "");
  CHECK(migrate::slugify(std::string(60, 'a')).size() == 40);
  CHECK(migrate::slugify("one two three four five six seven eight nine") ==
        "one_two_three_four_five_six_seven_eight");
}

TEST_CASE("new revision ids are 12 lowercase hex characters", "[script_directory]") {
  for (int i = 0; i < 20; ++i) {
    const auto id = migrate::new_revision_id();
    REQUIRE(id.size() == 12);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  }
  CHECK(migrate::new_revision_id() != migrate::new_revision_id());
}

TEST_CASE("templates: ${name}, $$, -x values and located errors", "[template]") {
  const std::map<std::string, std::string> vars = {{"revision", "\"abc\""}, {"x.ticket", "T-1"}};
  CHECK(migrate::render_template("revision = ${revision}\n# ${x.ticket} $$5\n", vars, "t.tmpl") ==
        "revision = \"abc\"\n# T-1 $5\n");
  CHECK_THROWS_WITH(migrate::render_template("a\n${revison}\n", vars, "t.tmpl"),
                    "t.tmpl:2: unknown template variable '${revison}' (did you mean 'revision'?)");
  CHECK_THROWS_WITH(migrate::render_template("${x.owner}", vars, "t.tmpl"),
                    "t.tmpl:1: template variable '${x.owner}' needs -x owner=VALUE on the command "
                    "line");
  CHECK_THROWS_WITH(migrate::render_template("${revision", vars, "t.tmpl"),
                    "t.tmpl:1: unterminated '${' in template");
}
