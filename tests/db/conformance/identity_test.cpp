// Conformance: an identity column that always numbers its rows (identity = "always",
// PostgreSQL GENERATED ALWAYS AS IDENTITY): made, switched to BY DEFAULT and back in place, read
// back as it is. On a database without such columns, the dialect refuses the op and nothing
// changes (the models loader refuses the key first, with file:line: model_file_test.cpp).
#include "conformance_fixture.h"

#include "migrate/diff.h"
#include "util/strings.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

// orders.id made an identity column, ALWAYS.
schema::AlterColumn always_identity() {
  schema::AlterColumn a;
  a.table = "orders";
  a.column = "id";
  a.autoincrement = true;
  a.existing_autoincrement = false;
  a.identity_always = true;
  a.existing_identity_always = false;
  return a;
}

} // namespace

TEST_CASE("identity always: made, switched to by default and back", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().has_identity_always()) {
    CHECK_THROWS_WITH(f.dialect().render(always_identity(), f.state()),
                      Catch::Contains("identity = \"always\""));
    INFO("after a refused alter_column");
    CHECK(migrate::diff(f.db().introspect(), f.state(), f.diff_options()).empty());
    return;
  }
  // apply() reads the schema back after each op: an ALWAYS column read as BY DEFAULT fails it.
  f.apply(always_identity());
  CHECK(f.db().introspect().find_table("orders")->find_column("id")->identity_always);
  // A value written for an ALWAYS column is refused; the server numbers the rows.
  CHECK_THROWS(f.db().run({{"INSERT INTO orders (id, user_id, total) VALUES (99, 1, 5)", ""}}));
  f.db().run({{"INSERT INTO orders (user_id, total) VALUES (1, 5)", ""}});
  // A bulk_insert writes the rows as they are, the identity column's values included.
  schema::BulkInsert insert;
  insert.table = "orders";
  insert.rows = {
      {{"id", std::int64_t{50}}, {"user_id", std::int64_t{1}}, {"total", std::int64_t{7}}}};
  f.apply(insert);
  CHECK(f.rows("SELECT count(*) FROM orders WHERE id = 50") == std::vector<std::string>{"1"});
  schema::AlterColumn by_default;
  by_default.table = "orders";
  by_default.column = "id";
  by_default.identity_always = false;
  by_default.existing_identity_always = true;
  f.round_trip(by_default);
  CHECK(f.rows("SELECT count(*) FROM orders") == std::vector<std::string>{"4"});
}
