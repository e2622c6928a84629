#pragma once
// A fresh, empty database of the kind a test binary was asked to run against, for one test
// case: a temporary SQLite file, or a schema of its own ("conf_<random>") on a server whose
// URL the test command provides in an environment variable. Used by the conformance suite
// (tests/db/conformance), which runs the same cases against every database listed in
// tests/CMakeLists.txt. Nothing here names a dialect: the dialect comes from the URL scheme.
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "introspect/introspect.h"
#include "schema/model.h"
#include "support/skip.h"
#include "support/test_support.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace migratecpp::test {

// Which database to run against, from the test binary's command line.
struct DatabaseTarget {
  std::string name;    // "sqlite", "postgresql", ...: the URL scheme; for ctest names and messages
  std::string url_env; // the environment variable holding the server URL; "" = a temporary file
};
void set_database_target(DatabaseTarget target);
const DatabaseTarget& database_target();

class ScratchDatabase {
public:
  // The scratch database of the current target, or nullptr when its server is not configured
  // (the URL variable is unset); then `skip_reason` says why. Throws util::Error when the
  // server is configured but cannot be reached: a configured server that fails is a failure.
  static std::unique_ptr<ScratchDatabase> open(std::string& skip_reason);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const dialects::Dialect& dialect() const { return *m_dialect; }
  dialects::Connection& conn() { return *m_conn; }
  // What a project's config needs to reach this database: the URL ([database] url) and, on a
  // server, the schema to work in ([database] schema; "" for a file database).
  const std::string& url() const { return m_url; }
  const std::string& schema() const { return m_schema; }
  // Introspection options that read this scratch database only.
  introspect::Options introspect_options() const;
  schema::Database introspect();
  // Runs statements the way the runner does: in one transaction where the dialect has
  // transactional DDL.
  void run(const std::vector<dialects::Statement>& statements);
  // All rows of a query, each row's values joined with "|" ("NULL" for NULL).
  std::vector<std::string> rows(const std::string& sql);

private:
  ScratchDatabase() = default;

  std::optional<TempDir> m_dir; // SQLite: holds the file
  std::string m_url;
  std::string m_schema; // servers: the schema created for this test, dropped after
  const dialects::Dialect* m_dialect = nullptr;
  std::unique_ptr<dialects::Connection> m_conn;
};

} // namespace migratecpp::test

// Declares `var` (a std::unique_ptr<ScratchDatabase>), or ends the test case reported by ctest
// as skipped (support/skip.h) when the target's server is not configured.
#define MIGRATECPP_SCRATCH_DATABASE_OR_SKIP(var)                                                   \
  std::string var##_skip_reason;                                                                   \
  auto var = ::migratecpp::test::ScratchDatabase::open(var##_skip_reason);                         \
  if (!var) {                                                                                      \
    MIGRATECPP_SKIP_TEST(var##_skip_reason);                                                       \
  }
