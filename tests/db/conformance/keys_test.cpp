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

// Issue 11: the key comes back as the database holds it: in its own order (not the columns'),
// with its name (MySQL: always PRIMARY, never named by a model).
TEST_CASE("a named composite key in non-column order survives create, introspect and check",
          "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  const bool named = f.dialect().names_primary_keys();
  schema::Table tags;
  tags.name = "relation_tags";
  tags.columns = {col("relation_id", "bigint", false), col("k", "varchar(255)", false),
                  col("v", "varchar(255)", false), col("version", "bigint", false)};
  schema::set_primary_key(tags, {"relation_id", "version", "k"});
  if (named) {
    tags.key.name = "relation_tags_key";
  }
  REQUIRE(tags.primary_key() == std::vector<std::string>{"relation_id", "version", "k"});
  f.apply(schema::CreateTable{tags});
  const schema::Database live = f.db().introspect();
  const schema::Table* t = live.find_table("relation_tags");
  REQUIRE(t != nullptr);
  CHECK(t->primary_key() == std::vector<std::string>{"relation_id", "version", "k"});
  CHECK(t->key.name == (named ? "relation_tags_key" : ""));
  CHECK(migrate::diff(live, f.state(), f.diff_options()).empty());
}

TEST_CASE("a changed key order is an alter_primary_key, rows kept, both ways", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::Table pairs;
  pairs.name = "pairs";
  pairs.columns = {col("a", "integer", false), col("b", "integer", false), col("n", "integer")};
  schema::set_primary_key(pairs, {"a", "b"});
  f.apply(schema::CreateTable{pairs});
  f.db().run({{"INSERT INTO pairs (a, b, n) VALUES (1, 2, 3), (2, 1, 4)", ""}});
  schema::Database desired = f.state();
  schema::set_primary_key(*desired.find_table("pairs"), {"b", "a"});
  const migrate::DiffResult d = migrate::diff(f.state(), desired, f.diff_options());
  REQUIRE(d.upgrade.size() == 1);
  REQUIRE(std::holds_alternative<schema::AlterPrimaryKey>(d.upgrade[0]));
  CHECK(std::get<schema::AlterPrimaryKey>(d.upgrade[0]).columns ==
        std::vector<std::string>{"b", "a"});
  f.round_trip(d.upgrade[0]);
  f.apply(d.upgrade[0]);
  CHECK(f.db().introspect().find_table("pairs")->primary_key() ==
        std::vector<std::string>{"b", "a"});
  CHECK(f.rows("SELECT n FROM pairs ORDER BY n") == std::vector<std::string>{"3", "4"});
}

TEST_CASE("a key renamed by the model is made again under its new name", "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().names_primary_keys()) {
    SUCCEED("MySQL/MariaDB: every primary key is PRIMARY");
    return;
  }
  schema::Database desired = f.state();
  desired.find_table("orders")->key.name = "orders_key";
  const migrate::DiffResult d = migrate::diff(f.state(), desired, f.diff_options());
  REQUIRE(d.upgrade.size() == 1);
  f.round_trip(d.upgrade[0]);
  f.apply(d.upgrade[0]);
  CHECK(f.db().introspect().find_table("orders")->key.name == "orders_key");
}

// DEFERRABLE INITIALLY DEFERRED foreign keys (PostgreSQL, SQLite): written, read back, and a
// change of it migrates; MySQL/MariaDB have none (the models loader refuses them there).
TEST_CASE("deferrable foreign keys survive, and a change of deferrability migrates",
          "[conformance]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  if (!f.dialect().deferrable_foreign_keys()) {
    SUCCEED("no deferrable constraints on this database (refused at load)");
    return;
  }
  schema::Table kids;
  kids.name = "kids";
  kids.columns = {pk("id", "integer"), col("org_id", "bigint", false)};
  schema::ForeignKey fk{"fk_kids_org", {"org_id"}, "orgs", {"id"}, "", ""};
  fk.deferrable = true;
  fk.initially_deferred = true;
  kids.foreign_keys = {fk};
  f.apply(schema::CreateTable{kids});
  {
    const schema::Database live = f.db().introspect();
    const auto& fks = live.find_table("kids")->foreign_keys;
    REQUIRE(fks.size() == 1);
    CHECK(fks[0].deferrable);
    CHECK(fks[0].initially_deferred);
  }
  // Deferred: a child row before its parent, inside one transaction, is accepted at commit.
  f.db().run({{"INSERT INTO kids (id, org_id) VALUES (1, 99)", ""},
              {"INSERT INTO orgs (id, name) VALUES (99, 'late')", ""}});
  CHECK(f.rows("SELECT count(*) FROM kids") == std::vector<std::string>{"1"});

  schema::Database desired = f.state();
  desired.find_table("kids")->foreign_keys[0].initially_deferred = false;
  const migrate::DiffResult d = migrate::diff(f.state(), desired, f.diff_options());
  REQUIRE_FALSE(d.upgrade.empty());
  for (const auto& op : d.upgrade) {
    f.apply(op);
  }
  const schema::Database live = f.db().introspect();
  const auto& fks = live.find_table("kids")->foreign_keys;
  REQUIRE(fks.size() == 1);
  CHECK(fks[0].deferrable);
  CHECK_FALSE(fks[0].initially_deferred);
  for (const auto& op : d.downgrade) {
    f.apply(op);
  }
  CHECK(f.db().introspect().find_table("kids")->foreign_keys[0].initially_deferred);
}
