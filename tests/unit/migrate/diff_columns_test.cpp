#include "support/diff_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using Strings = std::vector<std::string>;

namespace {

schema::Table users(std::vector<schema::Column> extra = {}) {
  schema::Table t = table("users", {pk("id"), col("email", "varchar(255)", false)});
  for (auto& c : extra) {
    t.columns.push_back(std::move(c));
  }
  return t;
}

// The single upgrade op of a diff between two versions of one column of users.
std::string alter(const schema::Column& before, const schema::Column& after,
                  const migrate::DiffOptions& options = {}) {
  const auto r = diff_and_check(database({users({before})}), database({users({after})}), options);
  REQUIRE(r.upgrade.size() == 1);
  return full(r.upgrade[0]);
}

bool same(const schema::Column& before, const schema::Column& after,
          const migrate::DiffOptions& options = {}) {
  return migrate::diff(database({users({before})}), database({users({after})}), options).empty();
}

} // namespace

TEST_CASE("diff: added and dropped columns", "[diff][columns]") {
  const auto age = with_comment(with_default(col("age", "integer", false), "0"), "years");

  SECTION("added: the whole column") {
    const auto r = diff_and_check(database({users()}), database({users({age})}));
    CHECK(full_all(r.upgrade) == Strings{"add_column users " + dump(age)});
    CHECK(full_all(r.downgrade) == Strings{"drop_column users.age " + dump(age)});
  }
  SECTION("dropped: with its definition") {
    const auto r = diff_and_check(database({users({age})}), database({users()}));
    CHECK(full_all(r.upgrade) == Strings{"drop_column users.age " + dump(age)});
    CHECK(schema::is_destructive(r.upgrade[0]));
  }
  SECTION("several: added in model order, dropped in table order") {
    const auto r =
        diff_and_check(database({users({col("b", "text"), col("a", "text"), col("z", "text")})}),
                       database({users({col("y", "integer"), col("x", "date")})}));
    CHECK(briefs(r.upgrade) == Strings{"add_column users.y", "add_column users.x",
                                       "drop_column users.b", "drop_column users.a",
                                       "drop_column users.z"});
  }
  SECTION("column order is no difference") {
    auto reordered = users({age});
    std::swap(reordered.columns[0], reordered.columns[2]);
    CHECK(migrate::diff(database({users({age})}), database({reordered}), {}).empty());
  }
}

TEST_CASE("diff: each column property alters alone, with every existing_* filled",
          "[diff][columns]") {
  const auto age = col("age", "integer");

  SECTION("type") {
    CHECK(alter(age, col("age", "bigint")) ==
          "alter_column users.age type='bigint' nullable=- default=- new_name=- comment=- "
          "existing_type='integer' existing_nullable=true existing_default='' "
          "existing_comment=''");
  }
  SECTION("type narrowing is destructive") {
    const auto r = migrate::diff(database({users({col("name", "varchar(100)")})}),
                                 database({users({col("name", "varchar(20)")})}), {});
    REQUIRE(r.upgrade.size() == 1);
    CHECK(schema::is_destructive(r.upgrade[0]));
  }
  SECTION("nullable") {
    CHECK(alter(age, col("age", "integer", false)) ==
          "alter_column users.age type=- nullable=false default=- new_name=- comment=- "
          "existing_type='integer' existing_nullable=true existing_default='' "
          "existing_comment=''");
  }
  SECTION("default added") {
    CHECK(alter(age, with_default(age, "18")) ==
          "alter_column users.age type=- nullable=- default='18' new_name=- comment=- "
          "existing_type='integer' existing_nullable=true existing_default='' "
          "existing_comment=''");
  }
  SECTION("default changed") {
    CHECK(alter(with_default(age, "18"), with_default(age, "21")) ==
          "alter_column users.age type=- nullable=- default='21' new_name=- comment=- "
          "existing_type='integer' existing_nullable=true existing_default='18' "
          "existing_comment=''");
  }
  SECTION("default removed") {
    CHECK(alter(with_default(age, "18"), age) ==
          "alter_column users.age type=- nullable=- default='' new_name=- comment=- "
          "existing_type='integer' existing_nullable=true existing_default='18' "
          "existing_comment=''");
  }
  SECTION("comment added, changed, removed") {
    CHECK(alter(age, with_comment(age, "in years")) ==
          "alter_column users.age type=- nullable=- default=- new_name=- comment='in years' "
          "existing_type='integer' existing_nullable=true existing_default='' "
          "existing_comment=''");
    CHECK(alter(with_comment(age, "a"), with_comment(age, "b")) ==
          "alter_column users.age type=- nullable=- default=- new_name=- comment='b' "
          "existing_type='integer' existing_nullable=true existing_default='' "
          "existing_comment='a'");
    CHECK(alter(with_comment(age, "a"), age) ==
          "alter_column users.age type=- nullable=- default=- new_name=- comment='' "
          "existing_type='integer' existing_nullable=true existing_default='' "
          "existing_comment='a'");
  }
  SECTION("everything at once, unchanged existing values kept") {
    const auto before = with_comment(with_default(col("age", "int4", false), "0"), "years");
    const auto after = with_comment(with_default(col("age", "bigint"), "1"), "years");
    CHECK(alter(before, after) ==
          "alter_column users.age type='bigint' nullable=true default='1' new_name=- comment=- "
          "existing_type='int4' existing_nullable=false existing_default='0' "
          "existing_comment='years'");
  }
  SECTION("the reverse swaps new and existing") {
    const auto r = migrate::diff(database({users({with_default(age, "1")})}),
                                 database({users({with_default(col("age", "bigint"), "2")})}), {});
    CHECK(full_all(r.downgrade) ==
          Strings{"alter_column users.age type='integer' nullable=- default='1' new_name=- "
                  "comment=- existing_type='bigint' existing_nullable=true "
                  "existing_default='2' existing_comment=''"});
  }
  SECTION("comments ignored where the dialect keeps none") {
    migrate::DiffOptions options;
    options.comments = false;
    CHECK(same(with_comment(age, "a"), with_comment(age, "b"), options));
    CHECK(alter(with_comment(age, "a"), with_comment(col("age", "bigint"), "b"), options) ==
          "alter_column users.age type='bigint' nullable=- default=- new_name=- comment=- "
          "existing_type='integer' existing_nullable=true existing_default='' "
          "existing_comment='a'");
  }
}

TEST_CASE("diff: type aliases compare equal", "[diff][columns][types]") {
  const std::vector<std::pair<std::string, std::string>> aliases = {
      {"int4", "integer"},
      {"INT", "integer"},
      {"character varying(255)", "varchar(255)"},
      {"VARCHAR(255)", "varchar(255)"},
      {"decimal(10, 2)", "numeric(10,2)"},
      {"bool", "boolean"},
      {"int8", "bigint"},
      {"timestamp with time zone", "timestamptz"},
      {"double precision", "double"},
      {"bytea", "blob"},
  };
  for (const auto& [a, b] : aliases) {
    INFO(a << " vs " << b);
    CHECK(same(col("x", a), col("x", b)));
    CHECK(same(col("x", b), col("x", a)));
  }
  CHECK_FALSE(same(col("x", "varchar(255)"), col("x", "varchar(256)")));
  CHECK_FALSE(same(col("x", "integer"), col("x", "bigint")));
  CHECK_FALSE(same(col("x", "jsonb"), col("x", "json")));
}

TEST_CASE("diff: defaults compare after light normalization", "[diff][columns][defaults]") {
  auto d = [](const std::string& expr) { return with_default(col("x", "text"), expr); };
  SECTION("equal") {
    CHECK(same(d("0"), d("(0)")));
    CHECK(same(d("0"), d(" ((0)) ")));
    CHECK(same(d("CURRENT_TIMESTAMP"), d("current_timestamp")));
    CHECK(same(d("TRUE"), d("true")));
    CHECK(same(d("FALSE"), d("(false)")));
    CHECK(same(d("now()"), d("NOW( )")));
    CHECK(same(d("'active'"), d("('active')")));
    CHECK(same(d("NULL"), col("x", "text"))); // an explicit NULL default is no default
    CHECK(same(d("null"), col("x", "text")));
  }
  SECTION("different: no over-normalization") {
    CHECK_FALSE(same(d("0"), d("'0'")));
    CHECK_FALSE(same(d("'Active'"), d("'active'")));
    CHECK_FALSE(same(d("0"), d("0.0")));
    CHECK_FALSE(same(d("CURRENT_TIMESTAMP"), d("now()")));
    CHECK_FALSE(same(d("'a b'"), d("'a  b'")));
  }
  SECTION("a number on a numeric column compares by value") {
    // MySQL stores a DECIMAL(10,2) column's DEFAULT 0 as 0.00: the same value, not a change.
    auto n = [](const std::string& type, const std::string& expr) {
      return with_default(col("x", type), expr);
    };
    CHECK(same(n("numeric(10,2)", "0.00"), n("numeric(10,2)", "0")));
    CHECK(same(n("numeric(5,3)", "1.000"), n("numeric(5,3)", "1")));
    CHECK(same(n("numeric(6,2)", "9.90"), n("numeric(6,2)", "9.9")));
    CHECK(same(n("numeric(6,2)", "-0.50"), n("numeric(6,2)", "(-.5)")));
    CHECK(same(n("double", "1.50"), n("double", "1.5")));
    CHECK(same(n("integer", "007"), n("integer", "7")));
    CHECK_FALSE(same(n("numeric(6,2)", "9.90"), n("numeric(6,2)", "9.09")));
    CHECK_FALSE(same(n("numeric(6,2)", "0.00"), n("numeric(6,2)", "'0'")));
    CHECK_FALSE(same(n("numeric(6,2)", "1.00"), n("numeric(6,2)", "-1")));
    CHECK_FALSE(same(n("numeric(6,2)", "10"), n("numeric(6,2)", "1")));
    CHECK_FALSE(same(n("numeric(6,2)", "100"), n("numeric(6,2)", "1.00")));
  }
}

TEST_CASE("diff: primary-key columns are never nullable, whatever the flag", "[diff][columns]") {
  auto loose = table("t", {pk("id")});
  loose.columns[0].nullable = true;
  CHECK(migrate::diff(database({loose}), database({table("t", {pk("id")})}), {}).empty());
}

TEST_CASE("diff: probable column renames", "[diff][columns][renames]") {
  SECTION("one dropped, one compatible added: a hint, and still drop + add") {
    const auto r = diff_and_check(database({users({col("name", "varchar(100)", false)})}),
                                  database({users({col("full_name", "varchar(100)", false)})}));
    CHECK(briefs(r.upgrade) == Strings{"add_column users.full_name", "drop_column users.name"});
    REQUIRE(r.renames.size() == 1);
    CHECK(r.renames[0].table == "users");
    CHECK(r.renames[0].from == "name");
    CHECK(r.renames[0].to == "full_name");
    CHECK_FALSE(r.renames[0].is_table);
  }
  SECTION("aliases of one type are compatible") {
    const auto r = migrate::diff(database({users({col("n", "int4")})}),
                                 database({users({col("m", "integer")})}), {});
    CHECK(r.renames.size() == 1);
  }
  SECTION("other type or nullability: no hint") {
    CHECK(migrate::diff(database({users({col("a", "integer")})}),
                        database({users({col("b", "bigint")})}), {})
              .renames.empty());
    CHECK(migrate::diff(database({users({col("a", "integer")})}),
                        database({users({col("b", "integer", false)})}), {})
              .renames.empty());
  }
  SECTION("ambiguous: no hint") {
    CHECK(migrate::diff(database({users({col("a", "text"), col("b", "text")})}),
                        database({users({col("c", "text")})}), {})
              .renames.empty());
    CHECK(migrate::diff(database({users({col("a", "text")})}),
                        database({users({col("b", "text"), col("c", "text")})}), {})
              .renames.empty());
  }
  SECTION("several unambiguous pairs in one table, sorted") {
    const auto r = migrate::diff(database({users({col("zz", "text"), col("aa", "date")})}),
                                 database({users({col("z2", "text"), col("a2", "date")})}), {});
    REQUIRE(r.renames.size() == 2);
    CHECK(r.renames[0].from == "aa");
    CHECK(r.renames[0].to == "a2");
    CHECK(r.renames[1].from == "zz");
    CHECK(r.renames[1].to == "z2");
  }
}

TEST_CASE("diff: generated columns", "[diff][columns]") {
  auto generated = [](const std::string& expression, bool stored) {
    schema::Column c = col("area", "integer");
    c.generated = schema::Generated{expression, stored};
    return c;
  };
  SECTION("the same generation in another spelling is no change") {
    CHECK(same(generated("w * h", true), generated("(`w`*`h`)", true)));
    CHECK(same(generated("w * h", false), generated("\"w\" * h", false)));
  }
  SECTION("a changed expression: drop and add again, reversible") {
    const auto before = generated("w * h", true);
    const auto after = generated("w * h * 2", true);
    const auto r = diff_and_check(database({users({before})}), database({users({after})}));
    CHECK(full_all(r.upgrade) ==
          Strings{"drop_column users.area " + dump(before), "add_column users " + dump(after)});
    CHECK(full_all(r.downgrade) ==
          Strings{"drop_column users.area " + dump(after), "add_column users " + dump(before)});
    // The values are derived: the drop is not marked as losing data.
    CHECK_FALSE(schema::is_destructive(r.upgrade[0]));
  }
  SECTION("stored or virtual, generated or not: drop and add again") {
    for (const auto& [from, to] : std::vector<std::pair<schema::Column, schema::Column>>{
             {generated("w * h", true), generated("w * h", false)},
             {col("area", "integer"), generated("w * h", true)},
             {generated("w * h", false), col("area", "integer")}}) {
      const auto r = diff_and_check(database({users({from})}), database({users({to})}));
      CHECK(briefs(r.upgrade) == Strings{"drop_column users.area", "add_column users.area"});
    }
  }
  SECTION("what is on the column is dropped before it and made again after it") {
    auto with_dependents = [&](const schema::Column& area) {
      schema::Table t = users({area});
      t.indexes = {{"ix_users_area", {"area DESC"}, false, std::nullopt, std::nullopt},
                   {"ix_users_email", {"email"}, false, std::nullopt, std::nullopt}};
      t.uniques = {{"", {"area", "id"}}};
      t.foreign_keys = {{"fk_users_area", {"area"}, "sizes", {"id"}, "", ""}};
      t.checks = {{"ck_users_area", "\"area\" > 0"}, {"ck_users_email", "email <> ''"}};
      return t;
    };
    const schema::Table sizes = table("sizes", {pk("id", "integer")});
    const auto r = diff_and_check(database({sizes, with_dependents(generated("w * h", true))}),
                                  database({sizes, with_dependents(generated("w * h * 2", true))}));
    // The objects on other columns stay; the unnamed unique is made again under its name.
    CHECK(briefs(r.upgrade) ==
          Strings{"drop_constraint users.fk_users_area", "drop_index users.ix_users_area",
                  "drop_constraint users.", "drop_constraint users.ck_users_area",
                  "drop_column users.area", "add_column users.area",
                  "create_index users.ix_users_area", "create_unique users.uq_users_area_id",
                  "create_check users.ck_users_area", "create_foreign_key users.fk_users_area"});
  }
  SECTION("a type or comment change of a generated column is an alter") {
    auto after = generated("w * h", true);
    after.type = schema::ColumnType("bigint");
    const auto r =
        diff_and_check(database({users({generated("w * h", true)})}), database({users({after})}));
    CHECK(briefs(r.upgrade) == Strings{"alter_column users.area"});
  }
  SECTION("the alter carries the generation both ways (MySQL restates the column)") {
    for (bool stored : {true, false}) {
      auto after = generated("w * h", stored);
      after.comment = "computed";
      const auto r = diff_and_check(database({users({generated("w * h", stored)})}),
                                    database({users({after})}));
      const std::string kind = stored ? "stored" : "virtual";
      CHECK(full_all(r.upgrade) ==
            Strings{"alter_column users.area type=- nullable=- default=- new_name=- "
                    "comment='computed' existing_type='integer' existing_nullable=true "
                    "existing_default='' existing_comment='' existing_generated=(w * h)" +
                    kind});
      CHECK(full_all(r.downgrade) ==
            Strings{"alter_column users.area type=- nullable=- default=- new_name=- "
                    "comment='' existing_type='integer' existing_nullable=true "
                    "existing_default='' existing_comment='computed' existing_generated=(w * h)" +
                    kind});
    }
  }
}

TEST_CASE("diff: a sole key's spelling counts where the dialect makes it a row alias",
          "[diff][columns][types]") {
  // SQLite: a table's only key column declared exactly INTEGER is the rowid; INT is not.
  migrate::DiffOptions lite;
  lite.is_row_alias = [](const schema::Table& t, const schema::Column& c) {
    return t.primary_key() == std::vector<std::string>{c.name} &&
           util::iequals(c.type.declared(), "integer");
  };
  auto keyed = [](const std::string& type) {
    return database({table("t", {pk("id", type, false), col("name", "text")})});
  };
  const auto r = diff_and_check(keyed("INTEGER"), keyed("INT"), lite);
  REQUIRE(r.upgrade.size() == 1);
  CHECK_THAT(full(r.upgrade[0]),
             Catch::Contains("type='INT'") && Catch::Contains("existing_type='INTEGER'"));
  CHECK(migrate::diff(keyed("integer"), keyed("INTEGER"), lite).empty());
  CHECK(migrate::diff(keyed("INT"), keyed("int4"), lite).empty());
  // Elsewhere (and without the option) the two mean the same.
  CHECK(migrate::diff(keyed("INTEGER"), keyed("INT"), {}).empty());
  // Not a sole key: the spelling does not matter.
  auto two = [](const std::string& type) {
    return database({table("t", {pk("id", type, false), pk("n", "integer", false)})});
  };
  CHECK(migrate::diff(two("INTEGER"), two("INT"), lite).empty());
}

TEST_CASE("diff: a column's collation", "[diff][columns][collation]") {
  auto with_collation = [](schema::Column c, std::optional<std::string> collation) {
    c.collation = std::move(collation);
    return c;
  };
  const schema::Column plain = col("name", "varchar(40)");
  CHECK(alter(plain, with_collation(plain, "C")) ==
        "alter_column users.name type=- nullable=- default=- new_name=- comment=- "
        "existing_type='varchar(40)' existing_nullable=true existing_default='' "
        "existing_comment='' collation='C' "
        "existing_collation=''");
  CHECK(alter(with_collation(plain, "C"), plain) ==
        "alter_column users.name type=- nullable=- default=- new_name=- comment=- "
        "existing_type='varchar(40)' existing_nullable=true existing_default='' "
        "existing_comment='' collation='' "
        "existing_collation='C'");
  // Another change keeps the collation the column has (MySQL restates the column).
  CHECK_THAT(alter(with_collation(plain, "utf8mb3_general_ci"),
                   with_collation(col("name", "varchar(80)"), "utf8mb3_general_ci")),
             Catch::Contains("type='varchar(80)'") && Catch::Contains("collation=- ") &&
                 Catch::Contains("existing_collation='utf8mb3_general_ci'"));
  // Collation names compare case-insensitively.
  CHECK(same(with_collation(plain, "NOCASE"), with_collation(plain, "nocase")));
  CHECK(migrate::describe(schema::AlterColumn{
            .table = "users", .column = "name", .collation = "C", .existing_collation = ""}) ==
        "alter column users.name: collation none -> C");
}

TEST_CASE("diff: an identity column ALWAYS <-> BY DEFAULT", "[diff][columns]") {
  schema::Column by_default = col("n", "bigint", false);
  by_default.autoincrement = true;
  schema::Column always = by_default;
  always.identity_always = true;
  schema::Column plain = col("n", "bigint", false);

  const std::string change = alter(by_default, always);
  CHECK(change.find("alter_column users.n ") == 0);
  CHECK(change.find(" identity_always=true existing_identity_always=false") != std::string::npos);
  CHECK(change.find("autoincrement=") == std::string::npos);
  CHECK(alter(always, by_default).find(" identity_always=false existing_identity_always=true") !=
        std::string::npos);
  // Made an identity column: ALWAYS from the start.
  const std::string on = alter(plain, always);
  CHECK(on.find(" autoincrement=true existing_autoincrement=false") != std::string::npos);
  CHECK(on.find(" identity_always=true existing_identity_always=false") != std::string::npos);
  CHECK(same(always, always));
}
