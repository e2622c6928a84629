// What MySQL/MariaDB introspection leaves out is named (Dialect::unmanaged_objects).
#include "dialects/dialect.h"
#include "mysql_test_support.h"

using namespace migratecpp;
using dialects::UnmanagedObject;
using test::mysql::my_dialect;
using test::mysql::TestDatabase;

TEST_CASE("unmanaged objects of a database", "[mysql][introspect]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "unmanaged");
  for (const char* sql : {
           "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100))",
           "CREATE TABLE vendor (id INT PRIMARY KEY)",
           "CREATE TABLE events (id INT, at INT) PARTITION BY RANGE (at) "
           "(PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)",
           "CREATE VIEW active_users AS SELECT id FROM users",
           "CREATE TRIGGER users_email BEFORE INSERT ON users FOR EACH ROW "
           "SET NEW.email = LOWER(NEW.email)",
           "CREATE TRIGGER vendor_noop BEFORE INSERT ON vendor FOR EACH ROW SET @x = 1",
           "CREATE FUNCTION add2(a INT, b INT) RETURNS INT DETERMINISTIC RETURN a + b",
           "CREATE PROCEDURE noop() SELECT 1",
           "CREATE EVENT nightly_purge ON SCHEDULE EVERY 1 DAY DO DELETE FROM users",
       }) {
    db.conn().exec(sql);
  }
  introspect::Options options;
  options.exclude_tables = {"vendor"};
  auto objects = my_dialect().unmanaged_objects(db.conn(), options);
  // MariaDB has sequences (MySQL has none): the models hold them, so none is named.
  try {
    db.conn().exec("CREATE SEQUENCE invoice_numbers");
    objects = my_dialect().unmanaged_objects(db.conn(), options);
    CHECK(my_dialect().introspect(db.conn(), options).find_sequence("invoice_numbers") != nullptr);
  } catch (const dialects::DatabaseError&) {
  }
  // Views, routines and triggers are modelled (issue 11): read, not named.
  CHECK(objects == std::vector<UnmanagedObject>{{"event", "nightly_purge", ""},
                                                {"partitioning", "events", "events"}});
  CHECK(dialects::describe(objects[1]) == "partitioning 'events'");
  const auto live = my_dialect().introspect(db.conn(), options);
  CHECK(live.routines.size() == 2);
  REQUIRE(live.triggers.size() == 1);
  CHECK(live.triggers[0].name == "users_email");
  CHECK(live.find_view("active_users") != nullptr);
}
