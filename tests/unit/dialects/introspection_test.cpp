// The rules every dialect's introspection shares: which tables are left out, and the order.
#include "dialects/introspection.h"

#include <catch2/catch.hpp>

using namespace migratecpp;

TEST_CASE("introspection options: the version table and excluded tables are skipped",
          "[dialects][introspection]") {
  dialects::IntrospectOptions o;
  CHECK_FALSE(o.skips("anything"));
  o.version_table = "alembic_version";
  o.exclude_tables = {"Legacy", "spatial_ref_sys"};
  CHECK(o.skips("alembic_version"));
  CHECK(o.skips("ALEMBIC_VERSION"));
  CHECK(o.skips("legacy"));
  CHECK(o.skips("spatial_ref_sys"));
  CHECK_FALSE(o.skips("users"));
  CHECK_FALSE(o.skips("legacy2"));
}

TEST_CASE("introspection options: the objects [models] leaves out are skipped",
          "[dialects][introspection]") {
  dialects::IntrospectOptions o;
  o.objects.exclude["tables"] = {"pg_*"};
  o.objects.exclude["functions"] = {"postgis_*"};
  o.objects.include["views"] = {"app_*"};
  CHECK(o.skips("pg_stat"));
  CHECK_FALSE(o.skips("users"));
  const auto kept = dialects::kept_and_sorted({{"function", "postgis_version()", ""},
                                               {"function", "area()", ""},
                                               {"view", "vendor_list", ""},
                                               {"view", "app_list", ""},
                                               {"trigger", "t1", "pg_stat"},
                                               {"trigger", "t2", "users"},
                                               {"trigger", "pg_audit", "users"},
                                               {"partition", "pg_p1", "events"}},
                                              o);
  // A table pattern leaves out tables (and partitions), not a trigger whose name matches it.
  CHECK(kept == std::vector<dialects::UnmanagedObject>{{"function", "area()", ""},
                                                       {"trigger", "pg_audit", "users"},
                                                       {"trigger", "t2", "users"},
                                                       {"view", "app_list", ""}});
}

TEST_CASE("introspection order: by name, byte-wise; unnamed by definition",
          "[dialects][introspection]") {
  auto table = [](std::string name) {
    schema::Table t;
    t.name = std::move(name);
    return t;
  };
  auto index = [](std::string name, std::string column) {
    schema::Index i;
    i.name = std::move(name);
    i.parts = {schema::IndexPart(column)};
    return i;
  };
  auto foreign_key = [](std::string name, std::string column) {
    schema::ForeignKey fk;
    fk.name = std::move(name);
    fk.columns = {std::move(column)};
    fk.ref_table = "p";
    fk.ref_columns = {"id"};
    return fk;
  };
  schema::Database db;
  db.tables = {table("b"), table("B"), table("a")};
  db.enums.push_back({"mood", {"sad", "happy"}});
  db.enums.push_back({"Color", {}});
  schema::Table& t = db.tables[2];
  t.indexes = {index("ix_z", "z"), index("ix_a", "a")};
  t.uniques = {{"", {"y"}}, {"", {"x"}}, {"uq_a", {"q"}}};
  t.checks = {{"ck_b", "b > 0"}, {"", "z > 0"}, {"", "a > 0"}};
  t.foreign_keys = {foreign_key("fk_b", "b"), foreign_key("fk_a", "a")};
  dialects::sort_introspected(db);

  REQUIRE(db.tables.size() == 3);
  CHECK(db.tables[0].name == "B");
  CHECK(db.tables[1].name == "a");
  CHECK(db.tables[2].name == "b");
  CHECK(db.enums[0].name == "Color");
  // Enum values keep their order: it is the type's order, not a sorting accident.
  CHECK(db.enums[1].values == std::vector<std::string>{"sad", "happy"});
  const schema::Table& a = db.tables[1];
  CHECK(a.indexes[0].name == "ix_a");
  CHECK(a.uniques[0].columns == std::vector<std::string>{"x"});
  CHECK(a.uniques[1].columns == std::vector<std::string>{"y"});
  CHECK(a.uniques[2].name == "uq_a");
  CHECK(a.checks[0].expression == "a > 0");
  CHECK(a.checks[1].expression == "z > 0");
  CHECK(a.checks[2].name == "ck_b");
  CHECK(a.foreign_keys[0].name == "fk_a");
}
