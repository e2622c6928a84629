#pragma once
// Helpers for the MySQL / MariaDB tests: the server comes from TEST_MYSQL_URL (when it is
// unset, ctest reports the tests as skipped: support/skip.h), and every test works in a
// database of its own, t_<name>_<random>, created on the server and dropped at the end.
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "dialects/mysql/mysql_dialect.h"
#include "introspect/introspect.h"
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

namespace migratecpp::test::mysql {

// TEST_MYSQL_URL, or nullopt when it is not set.
inline std::optional<std::string> server_url() {
  const char* url = std::getenv("TEST_MYSQL_URL");
  if (url == nullptr || *url == '\0') {
    return std::nullopt;
  }
  return std::string(url);
}

// Ends the test case, reported by ctest as skipped, when no server is configured.
#define MIGRATECPP_MYSQL_URL_OR_SKIP(var)                                                          \
  const auto var##_maybe = ::migratecpp::test::mysql::server_url();                                \
  if (!var##_maybe) {                                                                              \
    MIGRATECPP_SKIP_TEST("TEST_MYSQL_URL is not set");                                             \
  }                                                                                                \
  const std::string var = *var##_maybe

inline const dialects::mysql::MysqlDialect& my_dialect() {
  return static_cast<const dialects::mysql::MysqlDialect&>(dialects::mysql::dialect());
}

inline std::string random_suffix() {
  static std::mt19937_64 rng(std::random_device{}() ^ static_cast<std::uint64_t>(::getpid()));
  static const char k_hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 10; ++i) {
    out.push_back(k_hex[rng() % 16]);
  }
  return out;
}

inline std::unique_ptr<dialects::Connection> connect(const std::string& url) {
  return my_dialect().connect(dialects::parse_url(url));
}

// `url` with its database replaced by `database` (and its query string kept).
inline std::string with_database(const std::string& url, const std::string& database) {
  const auto scheme_end = url.find("://");
  const auto slash = url.find('/', scheme_end + 3);
  const auto query = url.find('?');
  std::string out = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  out += "/" + database;
  if (query != std::string::npos) {
    out += url.substr(query);
  }
  return out;
}

// A fresh database t_<name>_<random> and a connection to it; dropped when the object dies,
// even if the test failed halfway.
class TestDatabase {
public:
  explicit TestDatabase(const std::string& url, const std::string& name = "my")
      : m_name("t_" + name + "_" + random_suffix()) {
    auto admin = connect(url);
    admin->exec("CREATE DATABASE `" + m_name + "` CHARACTER SET utf8mb4");
    m_url = with_database(url, m_name);
    m_conn = connect(m_url);
  }
  ~TestDatabase() {
    try {
      m_conn->rollback();
      m_conn->exec("DROP DATABASE `" + m_name + "`");
    } catch (...) {
      // Nothing useful to do in a destructor; a leftover database has a recognizable name.
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return m_name; }
  const std::string& url() const { return m_url; }
  dialects::Connection& conn() { return *m_conn; }
  std::unique_ptr<dialects::Connection> connect_other() const { return connect(m_url); }

  schema::Database introspect() {
    introspect::Options options;
    return introspect::introspect(*m_conn, my_dialect(), options);
  }
  // Renders `op` against `before` with this connection live and runs its statements.
  void run(const schema::Op& op, const schema::Database& before) {
    dialects::RenderContext context;
    context.live = m_conn.get();
    for (const auto& s : my_dialect().render(op, before, context)) {
      dialects::run_statement(*m_conn, s);
    }
  }
  // The rows of `sql`, each row's values joined with "|" ("NULL" for NULL).
  std::vector<std::string> rows(const std::string& sql) { return joined_rows(m_conn->query(sql)); }
  // SHOW CREATE TABLE's text.
  std::string show_create(const std::string& table) {
    return m_conn->query("SHOW CREATE TABLE `" + table + "`").rows.at(0).at(1).value_or("");
  }

private:
  std::string m_name;
  std::string m_url;
  std::unique_ptr<dialects::Connection> m_conn;
};

} // namespace migratecpp::test::mysql
