#pragma once
// Helpers for the PostgreSQL tests: the server comes from TEST_PG_URL (when it is unset, ctest
// reports the tests as skipped: support/skip.h), and every test works in a schema of its own,
// created with a random name and dropped at the end, so tests can run in parallel on one database.
#include "dialects/connection.h"
#include "dialects/postgresql/pg_dialect.h"
#include "support/joined_rows.h"
#include "support/skip.h"
#include "util/url.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unistd.h>

namespace migratecpp::test::pg {

// TEST_PG_URL, or nullopt when it is not set.
inline std::optional<std::string> server_url() {
  const char* url = std::getenv("TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    return std::nullopt;
  }
  return std::string(url);
}

// Ends the test case, reported by ctest as skipped, when no server is configured.
#define MIGRATECPP_PG_URL_OR_SKIP(var)                                                             \
  const auto var##_maybe = ::migratecpp::test::pg::server_url();                                   \
  if (!var##_maybe) {                                                                              \
    MIGRATECPP_SKIP_TEST("TEST_PG_URL is not set");                                                \
  }                                                                                                \
  const std::string var = *var##_maybe

inline const dialects::postgresql::PostgresDialect& pg_dialect() {
  return static_cast<const dialects::postgresql::PostgresDialect&>(dialects::postgresql::dialect());
}

inline std::string random_suffix() {
  static std::mt19937_64 rng(std::random_device{}() ^ static_cast<std::uint64_t>(::getpid()));
  static const char k_hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 12; ++i) {
    out.push_back(k_hex[rng() % 16]);
  }
  return out;
}

inline std::unique_ptr<dialects::Connection> connect(const std::string& url) {
  return pg_dialect().connect(dialects::parse_url(url));
}

// A fresh schema "mt_<random>" with its own connection whose search_path is that schema only;
// dropped (CASCADE) when the object dies, even if the test failed halfway.
class TestSchema {
public:
  explicit TestSchema(const std::string& url)
      : m_url(url), m_name("mt_" + random_suffix()), m_conn(connect(url)) {
    m_conn->exec("CREATE SCHEMA " + quoted());
    use_schema(*m_conn);
  }
  ~TestSchema() {
    try {
      m_conn->rollback();
      m_conn->exec("DROP SCHEMA " + quoted() + " CASCADE");
    } catch (...) {
      // Nothing useful to do in a destructor; a leftover schema has a recognizable name.
    }
  }
  TestSchema(const TestSchema&) = delete;
  TestSchema& operator=(const TestSchema&) = delete;

  const std::string& name() const { return m_name; }
  dialects::Connection& conn() { return *m_conn; }
  // Another session on the same schema.
  std::unique_ptr<dialects::Connection> connect_other() const {
    auto c = connect(m_url);
    use_schema(*c);
    return c;
  }
  // The rows of `sql` on this schema's connection (joined_rows).
  std::vector<std::string> rows(const std::string& sql) { return joined_rows(m_conn->query(sql)); }
  // A one-value query on this schema's connection ("" for NULL).
  std::string scalar(const std::string& sql) {
    const auto rows = m_conn->query(sql);
    REQUIRE(rows.rows.size() == 1);
    return rows.rows[0][0].value_or("");
  }

private:
  std::string quoted() const { return pg_dialect().quote_ident(m_name); }
  void use_schema(dialects::Connection& c) const { c.exec("SET search_path TO " + quoted()); }

  std::string m_url;
  std::string m_name;
  std::unique_ptr<dialects::Connection> m_conn;
};

} // namespace migratecpp::test::pg
