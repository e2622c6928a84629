#include "support/diff_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using Strings = std::vector<std::string>;

namespace {

migrate::DiffOptions with_enums() {
  migrate::DiffOptions options;
  options.enums = true;
  return options;
}

schema::Table person() {
  return table("person", {pk("id"), with_default(col("mood", "mood", false), "'happy'"),
                          col("history", "mood[]")});
}

schema::Enum mood(std::vector<std::string> values) {
  return schema::Enum{"mood", values};
}

// The ops that swap the type under person's columns (see recreate_enum in diff.cpp).
Strings recreation(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  return {
      "alter_column person.mood type='text' nullable=- default='' new_name=- comment=- "
      "existing_type='mood' existing_nullable=false existing_default=''happy'' "
      "existing_comment=''",
      "alter_column person.history type='text[]' nullable=- default=- new_name=- comment=- "
      "existing_type='mood[]' existing_nullable=true existing_default='' existing_comment=''",
      "drop_enum mood" + list(from),
      "create_enum mood" + list(to),
      "alter_column person.mood type='mood' nullable=- default=''happy'' new_name=- comment=- "
      "existing_type='text' existing_nullable=false existing_default='' existing_comment=''",
      "alter_column person.history type='mood[]' nullable=- default=- new_name=- comment=- "
      "existing_type='text[]' existing_nullable=true existing_default='' existing_comment=''",
  };
}

} // namespace

TEST_CASE("diff: a new enum type comes before the tables using it", "[diff][enums]") {
  const auto desired = database({person()}, {mood({"happy", "sad"})});
  const auto r = diff_and_check(database({}), desired, with_enums());
  CHECK(briefs(r.upgrade) == Strings{"create_enum mood", "create_table person"});
  CHECK(full(r.upgrade[0]) == "create_enum mood[happy,sad]");
  CHECK(briefs(r.downgrade) == Strings{"drop_table person", "drop_enum mood"});
  CHECK(full(r.downgrade[1]) == "drop_enum mood[happy,sad]");
}

TEST_CASE("diff: a dropped enum type goes after what used it", "[diff][enums]") {
  const auto current = database({person()}, {mood({"happy", "sad"})});
  SECTION("with its table") {
    const auto r = diff_and_check(current, database({}), with_enums());
    CHECK(briefs(r.upgrade) == Strings{"drop_table person", "drop_enum mood"});
  }
  SECTION("with its columns retyped") {
    auto retyped = person();
    retyped.columns[1] = with_default(col("mood", "text", false), "'happy'");
    retyped.columns[2] = col("history", "text[]");
    const auto r = diff_and_check(current, database({retyped}), with_enums());
    CHECK(briefs(r.upgrade) ==
          Strings{"alter_column person.mood", "alter_column person.history", "drop_enum mood"});
  }
}

TEST_CASE("diff: enums are ignored where the dialect has none", "[diff][enums]") {
  const auto r = migrate::diff(database({}), database({person()}, {mood({"happy"})}), {});
  CHECK(briefs(r.upgrade) == Strings{"create_table person"});
  CHECK(migrate::diff(database({person()}, {mood({"happy"})}),
                      database({person()}, {mood({"sad", "happy"})}), {})
            .empty());
}

TEST_CASE("diff: enum values added", "[diff][enums]") {
  const auto current = database({person()}, {mood({"happy", "sad"})});

  SECTION("appended; the downgrade recreates the old type") {
    const auto desired = database({person()}, {mood({"happy", "sad", "meh"})});
    const auto r = diff_and_check(current, desired, with_enums());
    CHECK(full_all(r.upgrade) == Strings{"add_enum_value mood meh before=-"});
    CHECK(full_all(r.downgrade) == recreation({"happy", "sad", "meh"}, {"happy", "sad"}));
    CHECK(r.warnings.empty());
  }
  SECTION("inserted anywhere: anchored on the next existing value") {
    const auto desired =
        database({person()}, {mood({"ecstatic", "happy", "meh", "so-so", "sad", "angry"})});
    const auto r = diff_and_check(current, desired, with_enums());
    CHECK(full_all(r.upgrade) == Strings{"add_enum_value mood ecstatic before='happy'",
                                         "add_enum_value mood meh before='sad'",
                                         "add_enum_value mood so-so before='sad'",
                                         "add_enum_value mood angry before=-"});
  }
}

TEST_CASE("diff: enum values removed or reordered recreate the type", "[diff][enums]") {
  const auto current = database({person()}, {mood({"happy", "sad"})});
  SECTION("removed") {
    const auto r = diff_and_check(current, database({person()}, {mood({"happy"})}), with_enums());
    CHECK(full_all(r.upgrade) == recreation({"happy", "sad"}, {"happy"}));
    // The exact reverse (checked by diff_and_check): the same dance, columns in reverse order.
    REQUIRE(r.downgrade.size() == 6);
    CHECK(full(r.downgrade[2]) == "drop_enum mood[happy]");
    CHECK(full(r.downgrade[3]) == "create_enum mood[happy,sad]");
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].rfind("enum 'mood' is dropped and created again", 0) == 0);
  }
  SECTION("reordered") {
    const auto r =
        diff_and_check(current, database({person()}, {mood({"sad", "happy"})}), with_enums());
    CHECK(full_all(r.upgrade) == recreation({"happy", "sad"}, {"sad", "happy"}));
  }
  SECTION("recreation comes first, before other changes") {
    auto wider = person();
    wider.columns.push_back(col("note", "text"));
    const auto r = diff_and_check(current, database({wider}, {mood({"sad"})}), with_enums());
    REQUIRE(r.upgrade.size() == 7);
    CHECK(brief(r.upgrade[6]) == "add_column person.note");
  }
}
