// Conformance: a primary key or autoincrement changes in place, its rows kept (issue 9,
// defect 4: it was done as drop table + create table).
#include "conformance_fixture.h"

#include "migrate/diff.h"
#include "schema/apply.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

schema::AlterColumn autoincrement(const std::string& table, const std::string& column, bool on) {
  schema::AlterColumn a;
  a.table = table;
  a.column = column;
  a.autoincrement = on;
  a.existing_autoincrement = !on;
  return a;
}

} // namespace

TEST_CASE("alter_primary_key keeps the rows", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(
      schema::AlterPrimaryKey{"orders", {"id", "user_id"}, std::vector<std::string>{"id"}});
  f.round_trip(schema::AlterPrimaryKey{"orders", {}, std::vector<std::string>{"id"}});
}

TEST_CASE("alter_column autoincrement keeps the rows and counts on from them", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.apply(autoincrement("orders", "id", true));
  const auto before = f.rows("SELECT max(id) FROM orders");
  f.db().run({{"INSERT INTO orders (user_id, total) VALUES (1, 5)", ""}});
  CHECK(f.rows("SELECT count(*) FROM orders WHERE id > " + before.at(0)) ==
        std::vector<std::string>{"1"});
  f.apply(autoincrement("orders", "id", false));
  CHECK(f.rows("SELECT count(*) FROM orders") == std::vector<std::string>{"3"});
}

TEST_CASE("a model whose primary key changes migrates in place, rows kept", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Database desired = f.state();
  schema::Table& orders = *desired.find_table("orders");
  // The key moves from id to (user_id, id); id stops being the key on its own.
  schema::set_primary_key(orders, {"id", "user_id"});
  const auto rows_before = f.rows("SELECT id, user_id FROM orders ORDER BY id");
  const migrate::DiffResult d = migrate::diff(f.state(), desired, {});
  REQUIRE_FALSE(d.upgrade.empty());
  for (const auto& op : d.upgrade) {
    CHECK_FALSE(std::holds_alternative<schema::DropTable>(op));
    f.apply(op);
  }
  CHECK(f.rows("SELECT id, user_id FROM orders ORDER BY id") == rows_before);
  for (const auto& op : d.downgrade) {
    f.apply(op);
  }
  CHECK(f.rows("SELECT id, user_id FROM orders ORDER BY id") == rows_before);
}

// MySQL refuses to change the type of a column a foreign key involves (error 1832/1833);
// PostgreSQL alters both sides in place; SQLite rebuilds. The diff, given the dialect's
// capability, gets there on each with the keys and the rows kept, both ways.
TEST_CASE("a referenced key column and its referencing columns widen, keys and rows kept",
          "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Table parents;
  parents.name = "parents";
  parents.columns = {pk("id", "integer"), col("name", "varchar(20)")};
  schema::Table kids;
  kids.name = "kids";
  kids.columns = {pk("id", "integer"), col("parent_id", "integer", false)};
  kids.foreign_keys = {{"fk_kids_parent", {"parent_id"}, "parents", {"id"}, "cascade", ""}};
  f.apply(schema::CreateTable{parents});
  f.apply(schema::CreateTable{kids});
  f.db().run({{"INSERT INTO parents (id, name) VALUES (1, 'a'), (2, 'b')", ""},
              {"INSERT INTO kids (id, parent_id) VALUES (10, 1), (11, 2), (12, 2)", ""}});
  const auto rows = [&] {
    return f.rows("SELECT k.id, p.name FROM kids k JOIN parents p ON p.id = k.parent_id "
                  "ORDER BY k.id");
  };
  const auto rows_before = rows();
  schema::Database desired = f.state();
  desired.find_table("parents")->find_column("id")->type = schema::ColumnType("bigint");
  desired.find_table("kids")->find_column("parent_id")->type = schema::ColumnType("bigint");
  const migrate::DiffResult d = migrate::diff(f.state(), desired, f.diff_options());
  for (const auto& op : d.upgrade) {
    f.apply(op);
  }
  CHECK(f.table("kids").foreign_keys.size() == 1);
  CHECK(rows() == rows_before);
  for (const auto& op : d.downgrade) {
    f.apply(op);
  }
  CHECK(f.table("kids").foreign_keys.size() == 1);
  CHECK(rows() == rows_before);
}
