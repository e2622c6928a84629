// [models.exclude] / [models.include]: which objects migratecpp manages (schema/object_filter.h).
#include "schema/object_filter.h"

#include <catch2/catch.hpp>

using migratecpp::schema::ObjectFilter;

TEST_CASE("object filter: everything is managed when nothing is said", "[object_filter]") {
  const ObjectFilter f;
  CHECK(f.empty());
  CHECK(f.manages("tables", "users"));
  CHECK(f.manages("view", "v"));
}

TEST_CASE("object filter: exclude wins, include narrows a kind", "[object_filter]") {
  ObjectFilter f;
  f.exclude["functions"] = {"st_*", "postgis_?"};
  f.include["functions"] = {"app_*", "st_*"};
  CHECK_FALSE(f.manages("function", "st_area"));  // included, but excluded too
  CHECK_FALSE(f.manages("functions", "ST_AREA")); // case-insensitive, as exclude_tables was
  CHECK(f.manages("function", "app_total"));
  CHECK_FALSE(f.manages("function", "total")); // not included
  CHECK(f.manages("function", "postgis_full") == false);
  CHECK(f.manages("window function", "app_rank"));
  CHECK_FALSE(f.manages("window function", "rank"));
  CHECK(f.manages("procedure", "total")); // another kind
}

TEST_CASE("object filter: an object of a table also matches as table.name", "[object_filter]") {
  ObjectFilter f;
  f.exclude["triggers"] = {"legacy.*"};
  CHECK_FALSE(f.manages("trigger", "audit", "legacy"));
  CHECK(f.manages("trigger", "audit", "users"));
  f.exclude["tables"] = {"payment_p*"};
  CHECK_FALSE(f.manages("partition", "payment_p2022_01", "payment"));
  CHECK(f.manages("table", "payment"));
}

TEST_CASE("object filter: kinds and literal names", "[object_filter]") {
  CHECK(ObjectFilter::config_kind("materialized view") == "materialized_views");
  CHECK(ObjectFilter::config_kind("partition") == "tables");
  CHECK(ObjectFilter::config_kind("views") == "views");
  ObjectFilter f;
  f.exclude["tables"] = {ObjectFilter::literal("a*[b]?")};
  CHECK_FALSE(f.manages("tables", "a*[b]?"));
  CHECK(f.manages("tables", "axb1"));
  for (const auto& kind : ObjectFilter::kinds()) {
    CHECK(ObjectFilter::config_kind(kind) == kind);
  }
}
