// The conformance binary's main: Catch2's, plus the database to run against. tests/CMakeLists.txt
// registers the binary once per listed database, e.g.
//   test_conformance --database=sqlite                          (a temporary file)
//   test_conformance --database=postgresql --url-from=TEST_PG_URL (skipped when it is unset)
#define CATCH_CONFIG_RUNNER
#include "support/scratch_database.h"

#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  Catch::Session session;
  migratecpp::test::DatabaseTarget target{"sqlite", ""};
  using Catch::clara::Opt;
  session.cli(session.cli() |
              Opt(target.name, "scheme")["--database"](
                  "the database to run against, by URL scheme (default sqlite)") |
              Opt(target.url_env, "variable")["--url-from"](
                  "the environment variable with the server's URL; none: a temporary file"));
  if (const int rc = session.applyCommandLine(argc, argv); rc != 0) {
    return rc;
  }
  migratecpp::test::set_database_target(target);
  return session.run();
}
