// MySQL/MariaDB introspection asks for views and sequences only where the schema has some:
// its first catalog query lists every object of the schema with its type, and each of those
// queries scans the schema's objects again on the server.
#include "dialects/dialect.h"
#include "mysql_test_support.h"

using namespace migratecpp;
using test::mysql::my_dialect;
using test::mysql::TestDatabase;

namespace {

// The statements one introspection sends, and what it read.
std::pair<std::size_t, schema::Database> introspect_counted(dialects::Connection& conn) {
  const std::size_t before = dialects::Connection::statements_sent_by_process();
  schema::Database db = my_dialect().introspect(conn, introspect::Options{});
  return {dialects::Connection::statements_sent_by_process() - before, std::move(db)};
}

} // namespace

TEST_CASE("introspection asks for views and sequences only when there are some",
          "[mysql][introspect]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "introspect_queries");
  db.conn().exec("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100))");
  const auto [no_view, first] = introspect_counted(db.conn());
  CHECK(first.tables.size() == 1);
  CHECK(first.views.empty());

  // Each view may cost statements of its own; the query that lists them is sent once, and
  // only from the first view on.
  db.conn().exec("CREATE VIEW active_users AS SELECT id FROM users");
  const auto [one_view, second] = introspect_counted(db.conn());
  db.conn().exec("CREATE VIEW all_users AS SELECT id, email FROM users");
  const auto [two_views, third] = introspect_counted(db.conn());
  const std::size_t per_view = two_views - one_view;
  CHECK(one_view == no_view + 1 + per_view);
  CHECK(third.views.size() == 2);
  CHECK(third.tables.size() == 1); // the views are not tables

  bool has_sequences = true;
  try {
    db.conn().exec("CREATE SEQUENCE invoice_numbers START WITH 100");
  } catch (const dialects::DatabaseError&) {
    has_sequences = false; // MySQL has none
  }
  if (has_sequences) {
    // One statement reads every sequence's options.
    const auto [one_sequence, fourth] = introspect_counted(db.conn());
    db.conn().exec("CREATE SEQUENCE order_numbers");
    const auto [two_sequences, fifth] = introspect_counted(db.conn());
    CHECK(one_sequence == two_views + 1);
    CHECK(two_sequences == one_sequence);
    REQUIRE(fifth.find_sequence("invoice_numbers") != nullptr);
    CHECK(fifth.find_sequence("invoice_numbers")->start == 100);
    CHECK(fifth.find_sequence("order_numbers") != nullptr);
    CHECK(fifth.tables.size() == 1); // nor are the sequences
  }
}
