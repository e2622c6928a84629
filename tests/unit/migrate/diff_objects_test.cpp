// The diff of sequences, domains and extensions: each created before the tables that may use
// it and dropped after them, each change undone by its reverse (diff_and_check applies both).
#include "support/diff_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using Strings = std::vector<std::string>;

namespace {

schema::Database with_objects(std::vector<schema::Table> tables,
                              std::vector<schema::Sequence> sequences,
                              std::vector<schema::Domain> domains = {},
                              std::vector<schema::Extension> extensions = {},
                              std::vector<schema::Enum> enums = {}) {
  schema::Database db = database(std::move(tables), std::move(enums));
  db.sequences = std::move(sequences);
  db.domains = std::move(domains);
  db.extensions = std::move(extensions);
  return db;
}

schema::Sequence sequence(std::string name, std::optional<std::int64_t> increment = std::nullopt,
                          std::optional<std::string> owned_by = std::nullopt) {
  schema::Sequence s;
  s.name = std::move(name);
  s.increment = increment;
  s.owned_by = std::move(owned_by);
  return s;
}

schema::Domain year(std::vector<schema::CheckConstraint> checks = {}) {
  schema::Domain d;
  d.name = "year";
  d.type = "integer";
  d.checks = std::move(checks);
  return d;
}

schema::Table film() {
  return table("film", {pk("film_id", "integer", false),
                        with_default(col("id2", "bigint"), "nextval('film_seq'::regclass)"),
                        col("release_year", "year")});
}

schema::Table bbox() {
  schema::Table t = table("changesets", {pk("id"), col("min_lat", "integer")});
  t.indexes.push_back(index("changesets_bbox_idx", {"min_lat gist_int4_ops"}, false, {}));
  t.indexes.back().method = "gist";
  return t;
}

} // namespace

TEST_CASE("diff: extensions, enums, domains and sequences come before the tables, and go after",
          "[diff][objects]") {
  const auto desired = with_objects({film(), bbox()}, {sequence("film_seq")}, {year()},
                                    {{"btree_gist", {}, {}}}, {schema::Enum{"mood", {"a"}}});
  const auto r = diff_and_check(database({}), desired, [] {
    migrate::DiffOptions o;
    o.enums = true;
    return o;
  }());
  CHECK(briefs(r.upgrade) == Strings{"create_extension btree_gist", "create_enum mood",
                                     "create_domain year", "create_sequence film_seq",
                                     "create_table changesets", "create_table film"});
  CHECK(briefs(r.downgrade) == Strings{"drop_table film", "drop_table changesets",
                                       "drop_sequence film_seq", "drop_domain year",
                                       "drop_enum mood", "drop_extension btree_gist"});
}

TEST_CASE("diff: OWNED BY is set after the table exists and given up before it is dropped",
          "[diff][objects]") {
  const auto desired = with_objects({film()}, {sequence("film_seq", {}, "film.id2")});
  const auto r = diff_and_check(database({}), desired);
  CHECK(briefs(r.upgrade) ==
        Strings{"create_sequence film_seq", "create_table film", "alter_sequence film_seq"});
  CHECK(full(r.upgrade[0]) == "create_sequence sequence film_seq type=- start=- increment=- "
                              "min=- max=- cache=- owned_by=-");
  CHECK(briefs(r.downgrade) ==
        Strings{"alter_sequence film_seq", "drop_table film", "drop_sequence film_seq"});

  // And the other way: the table and its sequence go.
  const auto back = diff_and_check(desired, database({}));
  CHECK(briefs(back.upgrade) ==
        Strings{"alter_sequence film_seq", "drop_table film", "drop_sequence film_seq"});
}

TEST_CASE("diff: a sequence's increment changes both ways", "[diff][objects]") {
  const auto before = with_objects({}, {sequence("s")});
  const auto after = with_objects({}, {sequence("s", 5)});
  const auto r = diff_and_check(before, after);
  REQUIRE(r.upgrade.size() == 1);
  CHECK(full(r.upgrade[0]) == "alter_sequence sequence s type=- start=- increment=5 min=- max=- "
                              "cache=- owned_by=- was sequence s type=- start=- increment=- "
                              "min=- max=- cache=- owned_by=-");
  CHECK(migrate::describe(r.upgrade[0]) == "alter sequence s: increment default -> 5");
  // The defaults every dialect shares compare equal to nothing said.
  CHECK(migrate::diff(before, with_objects({}, {sequence("s", 1)}), {}).empty());
}

TEST_CASE("diff: a domain check added, changed and dropped", "[diff][objects]") {
  const auto none = with_objects({}, {}, {year()});
  const auto checked =
      with_objects({}, {}, {year({{"year_check", "VALUE >= 1901 AND VALUE <= 2155"}})});
  const auto r = diff_and_check(none, checked);
  REQUIRE(r.upgrade.size() == 1);
  CHECK(migrate::describe(r.upgrade[0]) ==
        "alter domain year: add check year_check (VALUE >= 1901 AND VALUE <= 2155)");
  CHECK(migrate::describe(r.downgrade[0]) == "alter domain year: drop check year_check");
  // Spelled otherwise, the same check.
  CHECK(migrate::diff(
            checked,
            with_objects({}, {}, {year({{"year_check", "(value>=1901 and value<=2155)"}})}), {})
            .empty());
  // A new base type: drop and create, with a warning.
  schema::Domain wider = year();
  wider.type = "bigint";
  const auto retyped = migrate::diff(none, with_objects({}, {}, {wider}), {});
  CHECK(briefs(retyped.upgrade) == Strings{"drop_domain year", "create_domain year"});
  CHECK(retyped.warnings.size() == 1);
}

TEST_CASE("diff: an extension's version is compared only when the model gives it",
          "[diff][objects]") {
  const auto live = with_objects({}, {}, {}, {{"btree_gist", {}, "1.6"}});
  CHECK(migrate::diff(live, with_objects({}, {}, {}, {{"btree_gist", {}, {}}}), {}).empty());
  const auto r = diff_and_check(live, with_objects({}, {}, {}, {{"btree_gist", {}, "1.7"}}));
  CHECK(full_all(r.upgrade) == Strings{"alter_extension btree_gist 1.7 was '1.6'"});
}
