#include "support/diff_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using Strings = std::vector<std::string>;

namespace {

schema::Table base() {
  return table("users", {pk("id"), col("email", "varchar(255)", false), col("org_id", "integer"),
                         col("age", "integer"), col("deleted_at", "timestamp")});
}

schema::Table orgs() {
  return table("orgs", {pk("id", "integer"), col("code", "text")});
}

schema::Table with_indexes(std::vector<schema::Index> indexes) {
  auto t = base();
  t.indexes = std::move(indexes);
  return t;
}

schema::Table with_uniques(std::vector<schema::UniqueConstraint> uniques) {
  auto t = base();
  t.uniques = std::move(uniques);
  return t;
}

schema::Table with_fks(std::vector<schema::ForeignKey> fks) {
  auto t = base();
  t.foreign_keys = std::move(fks);
  return t;
}

schema::Table with_checks(std::vector<schema::CheckConstraint> checks) {
  auto t = base();
  t.checks = std::move(checks);
  return t;
}

bool same(const schema::Table& a, const schema::Table& b) {
  return migrate::diff(database({a, orgs()}), database({b, orgs()}), {}).empty();
}

migrate::DiffResult diff_tables(const schema::Table& a, const schema::Table& b) {
  return diff_and_check(database({a, orgs()}), database({b, orgs()}));
}

} // namespace

TEST_CASE("diff: indexes", "[diff][indexes]") {
  const auto ix = index("ix_users_email", {"email"});

  SECTION("added") {
    const auto r = diff_tables(base(), with_indexes({ix}));
    CHECK(full_all(r.upgrade) == Strings{"create_index users " + dump(ix)});
    CHECK(full_all(r.downgrade) == Strings{"drop_index users ix_users_email " + dump(ix)});
  }
  SECTION("dropped, with its definition") {
    const auto r = diff_tables(with_indexes({ix}), base());
    CHECK(full_all(r.upgrade) == Strings{"drop_index users ix_users_email " + dump(ix)});
  }
  SECTION("made unique: drop then create under the same name") {
    auto unique = ix;
    unique.unique = true;
    const auto r = diff_tables(with_indexes({ix}), with_indexes({unique}));
    CHECK(full_all(r.upgrade) == Strings{"drop_index users ix_users_email " + dump(ix),
                                         "create_index users " + dump(unique)});
  }
  SECTION("other columns") {
    const auto r =
        diff_tables(with_indexes({ix}), with_indexes({index("ix_users_email", {"email", "id"})}));
    CHECK(briefs(r.upgrade) ==
          Strings{"drop_index users.ix_users_email", "create_index users.ix_users_email"});
  }
  SECTION("partial: predicate added, changed") {
    const auto live = index("ix_live", {"email"}, false, "deleted_at IS NULL");
    const auto r = diff_tables(with_indexes({index("ix_live", {"email"})}), with_indexes({live}));
    CHECK(briefs(r.upgrade) == Strings{"drop_index users.ix_live", "create_index users.ix_live"});
    const auto other = index("ix_live", {"email"}, false, "deleted_at IS NOT NULL");
    CHECK_FALSE(same(with_indexes({live}), with_indexes({other})));
  }
  SECTION("partial: predicates compare normalized") {
    const auto a = index("ix_live", {"email"}, false, "deleted_at IS NULL");
    const auto b = index("ix_live", {"email"}, false, "(\"deleted_at\"  is  null)");
    CHECK(same(with_indexes({a}), with_indexes({b})));
  }
  SECTION("expression entries compare normalized") {
    const auto a = index("ix_lower", {"lower(email)"});
    const auto b = index("ix_lower", {"(LOWER(\"email\"))"});
    CHECK(same(with_indexes({a}), with_indexes({b})));
  }
  SECTION("method: btree is the default") {
    auto btree = ix;
    btree.method = "BTREE";
    CHECK(same(with_indexes({ix}), with_indexes({btree})));
    auto gin = ix;
    gin.method = "gin";
    CHECK_FALSE(same(with_indexes({ix}), with_indexes({gin})));
  }
  SECTION("renamed: drop and create") {
    const auto r = diff_tables(with_indexes({ix}), with_indexes({index("ix_email", {"email"})}));
    CHECK(briefs(r.upgrade) ==
          Strings{"drop_index users.ix_users_email", "create_index users.ix_email"});
  }
  SECTION("unnamed on either side matches by definition") {
    CHECK(same(with_indexes({ix}), with_indexes({index("", {"email"})})));
    CHECK(same(with_indexes({index("", {"email"})}), with_indexes({ix})));
    CHECK(same(with_indexes({index("", {"email"})}), with_indexes({index("", {"email"})})));
    CHECK_FALSE(same(with_indexes({ix}), with_indexes({index("", {"email"}, true)})));
  }
  SECTION("an unnamed new index gets the convention name, clear of taken names") {
    // ix_users_email is taken (by an index on another column), so the new one is _2.
    const auto taken = index("ix_users_email", {"age"});
    const auto r = diff_tables(with_indexes({taken}), with_indexes({taken, index("", {"email"})}));
    CHECK(full_all(r.upgrade) ==
          Strings{"create_index users " + dump(index("ix_users_email_2", {"email"}))});
  }
  SECTION("several, sorted by name") {
    const auto r = diff_tables(with_indexes({index("ix_b", {"age"}), index("ix_a", {"org_id"})}),
                               with_indexes({index("ix_d", {"age"}), index("ix_c", {"email"})}));
    CHECK(briefs(r.upgrade) == Strings{"drop_index users.ix_a", "drop_index users.ix_b",
                                       "create_index users.ix_c", "create_index users.ix_d"});
  }
}

TEST_CASE("diff: unique constraints", "[diff][uniques]") {
  const schema::UniqueConstraint uq{"uq_users_email", {"email"}};

  SECTION("added, dropped") {
    auto r = diff_tables(base(), with_uniques({uq}));
    CHECK(full_all(r.upgrade) == Strings{"create_unique users " + dump(uq)});
    CHECK(full_all(r.downgrade) ==
          Strings{"drop_constraint users uq_users_email " + dump(uq) + " - -"});
    r = diff_tables(with_uniques({uq}), base());
    CHECK(full_all(r.upgrade) ==
          Strings{"drop_constraint users uq_users_email " + dump(uq) + " - -"});
  }
  SECTION("changed: drop then create") {
    const schema::UniqueConstraint wider{"uq_users_email", {"org_id", "email"}};
    const auto r = diff_tables(with_uniques({uq}), with_uniques({wider}));
    CHECK(full_all(r.upgrade) ==
          Strings{"drop_constraint users uq_users_email " + dump(uq) + " - -",
                  "create_unique users " + dump(wider)});
  }
  SECTION("unnamed matches by definition") {
    CHECK(same(with_uniques({uq}), with_uniques({{"", {"email"}}})));
    CHECK(same(with_uniques({{"", {"email"}}}), with_uniques({uq})));
    CHECK_FALSE(same(with_uniques({uq}), with_uniques({{"", {"email", "org_id"}}})));
  }
  SECTION("an unnamed new one gets the convention name") {
    const auto r = diff_tables(base(), with_uniques({{"", {"org_id", "email"}}}));
    CHECK(full_all(r.upgrade) ==
          Strings{"create_unique users unique uq_users_org_id_email[org_id,email]"});
  }
  SECTION("a unique index and a unique constraint on the same columns are one object") {
    auto as_index = base();
    as_index.indexes.push_back(index("uq_users_email", {"email"}, true));
    CHECK(same(with_uniques({uq}), as_index));
    CHECK(same(as_index, with_uniques({uq})));
    CHECK(same(with_uniques({{"", {"email"}}}), as_index));
    auto partial = base();
    partial.indexes.push_back(index("uq_users_email", {"email"}, true, "age > 0"));
    CHECK_FALSE(same(with_uniques({uq}), partial));
  }
}

TEST_CASE("diff: foreign keys", "[diff][foreign_keys]") {
  const auto f = fk("fk_users_org", {"org_id"}, "orgs", {"id"}, "cascade");

  SECTION("added after the columns, dropped first") {
    auto r = diff_tables(base(), with_fks({f}));
    CHECK(full_all(r.upgrade) == Strings{"create_foreign_key users " + dump(f)});
    CHECK(full_all(r.downgrade) ==
          Strings{"drop_constraint users fk_users_org - " + dump(f) + " -"});
    r = diff_tables(with_fks({f}), base());
    CHECK(full_all(r.upgrade) == Strings{"drop_constraint users fk_users_org - " + dump(f) + " -"});
  }
  SECTION("actions: a change is drop then create") {
    const auto set_null = fk("fk_users_org", {"org_id"}, "orgs", {"id"}, "set null", "cascade");
    const auto r = diff_tables(with_fks({f}), with_fks({set_null}));
    CHECK(full_all(r.upgrade) == Strings{"drop_constraint users fk_users_org - " + dump(f) + " -",
                                         "create_foreign_key users " + dump(set_null)});
  }
  SECTION("actions compare case-insensitively; NO ACTION is the default") {
    CHECK(same(with_fks({f}),
               with_fks({fk("fk_users_org", {"org_id"}, "orgs", {"id"}, "CASCADE", "NO ACTION")})));
    CHECK_FALSE(same(with_fks({f}), with_fks({fk("fk_users_org", {"org_id"}, "orgs", {"id"},
                                                 "cascade", "restrict")})));
  }
  SECTION("other target") {
    CHECK_FALSE(same(with_fks({f}),
                     with_fks({fk("fk_users_org", {"org_id"}, "orgs", {"code"}, "cascade")})));
  }
  SECTION("unnamed matches by definition; no ref columns means the primary key") {
    CHECK(same(with_fks({f}), with_fks({fk("", {"org_id"}, "orgs", {"id"}, "cascade")})));
    CHECK(same(with_fks({fk("", {"org_id"}, "orgs", {}, "cascade")}), with_fks({f})));
    CHECK_FALSE(same(with_fks({f}), with_fks({fk("", {"org_id"}, "orgs", {"id"})})));
  }
  SECTION("an unnamed new one gets the convention name") {
    const auto r = diff_tables(base(), with_fks({fk("", {"org_id"}, "orgs")}));
    CHECK(full_all(r.upgrade) ==
          Strings{"create_foreign_key users " + dump(fk("fk_users_org_id", {"org_id"}, "orgs"))});
  }
  SECTION("dropped foreign keys go before other drops, created ones after other creates") {
    auto before = with_fks({f});
    before.indexes.push_back(index("ix_a", {"age"}));
    auto after = with_fks({fk("fk_users_org2", {"org_id"}, "orgs")});
    after.indexes.push_back(index("ix_b", {"age"}));
    after.columns.push_back(col("nick", "text"));
    const auto r = diff_tables(before, after);
    CHECK(briefs(r.upgrade) == Strings{"drop_constraint users.fk_users_org",
                                       "drop_index users.ix_a", "add_column users.nick",
                                       "create_index users.ix_b",
                                       "create_foreign_key users.fk_users_org2"});
  }
}

TEST_CASE("diff: a type change under a foreign key, where keys block it (MySQL)",
          "[diff][foreign_keys]") {
  // users.org_id -> orgs.id; orgs.id and users.org_id widen together; users.age -> orgs.id
  // is a second key on a column that keeps its type but references a widened one.
  auto cur_users = with_fks({fk("fk_users_org", {"org_id"}, "orgs", {"id"}, "cascade"),
                             fk("fk_users_age", {"age"}, "orgs")});
  cur_users.columns[3] = col("age", "bigint");
  auto des_users = cur_users;
  des_users.columns[2].type = schema::ColumnType("bigint");
  auto des_orgs = orgs();
  des_orgs.columns[0].type = schema::ColumnType("bigint");
  const auto current = database({orgs(), cur_users});
  const auto desired = database({des_orgs, des_users});
  const auto f_org = fk("fk_users_org", {"org_id"}, "orgs", {"id"}, "cascade");
  const auto f_age = fk("fk_users_age", {"age"}, "orgs");

  SECTION("blocked: every key that involves a retyped column is dropped and made again") {
    migrate::DiffOptions options;
    options.foreign_keys_block_type_changes = true;
    const auto r = diff_and_check(current, desired, options);
    CHECK(briefs(r.upgrade) == Strings{"drop_constraint users.fk_users_age",
                                       "drop_constraint users.fk_users_org", "alter_column orgs.id",
                                       "alter_column users.org_id",
                                       "create_foreign_key users.fk_users_age",
                                       "create_foreign_key users.fk_users_org"});
    REQUIRE(r.upgrade.size() == 6);
    CHECK(full(r.upgrade[4]) == "create_foreign_key users " + dump(f_age));
    CHECK(full(r.upgrade[5]) == "create_foreign_key users " + dump(f_org));
  }
  SECTION("only the referencing side changes") {
    migrate::DiffOptions options;
    options.foreign_keys_block_type_changes = true;
    auto only = des_users;
    only.columns[2].type = schema::ColumnType("text");
    const auto r = diff_and_check(current, database({orgs(), only}), options);
    CHECK(briefs(r.upgrade) == Strings{"drop_constraint users.fk_users_org",
                                       "alter_column users.org_id",
                                       "create_foreign_key users.fk_users_org"});
  }
  SECTION("a nullability or comment change needs no drop") {
    migrate::DiffOptions options;
    options.foreign_keys_block_type_changes = true;
    auto only = cur_users;
    only.columns[2].nullable = false;
    CHECK(briefs(diff_and_check(current, database({orgs(), only}), options).upgrade) ==
          Strings{"alter_column users.org_id"});
  }
  SECTION("not blocked: the columns alter in place") {
    const auto r = diff_and_check(current, desired, {});
    CHECK(briefs(r.upgrade) == Strings{"alter_column orgs.id", "alter_column users.org_id"});
  }
}

TEST_CASE("diff: check constraints", "[diff][checks]") {
  const schema::CheckConstraint ck{"ck_users_age", "age >= 0"};

  SECTION("added, dropped, changed") {
    auto r = diff_tables(base(), with_checks({ck}));
    CHECK(full_all(r.upgrade) == Strings{"create_check users " + dump(ck)});
    r = diff_tables(with_checks({ck}), base());
    CHECK(full_all(r.upgrade) == Strings{"drop_constraint users ck_users_age - - " + dump(ck)});
    const schema::CheckConstraint adult{"ck_users_age", "age >= 18"};
    r = diff_tables(with_checks({ck}), with_checks({adult}));
    CHECK(full_all(r.upgrade) == Strings{"drop_constraint users ck_users_age - - " + dump(ck),
                                         "create_check users " + dump(adult)});
  }
  SECTION("expressions compare normalized") {
    for (const std::string e :
         {"(age >= 0)", "(\"age\">=0)", "((AGE >= 0))", "age>=0", "  age   >=   0  "}) {
      INFO(e);
      CHECK(same(with_checks({ck}), with_checks({{"ck_users_age", e}})));
    }
    CHECK_FALSE(same(with_checks({ck}), with_checks({{"ck_users_age", "age > 0"}})));
    CHECK_FALSE(same(with_checks({{"c", "email <> 'A'"}}), with_checks({{"c", "email <> 'a'"}})));
    CHECK(same(with_checks({{"c", "email <> 'A'"}}), with_checks({{"c", "email != 'A'"}})));
  }
  SECTION("unnamed matches by definition") {
    CHECK(same(with_checks({ck}), with_checks({{"", "(age >= 0)"}})));
    CHECK(same(with_checks({{"", "age >= 0"}}), with_checks({ck})));
  }
  SECTION("an unnamed new one gets the convention name") {
    const auto r = diff_tables(base(), with_checks({{"", "age >= 0 AND age < 200"}}));
    CHECK(full_all(r.upgrade) ==
          Strings{"create_check users check ck_users_age(age >= 0 AND age < 200)"});
  }
}

TEST_CASE("diff: normalize_expression", "[diff][normalize]") {
  using migrate::normalize_expression;
  CHECK(normalize_expression("age >= 0") == "age >= 0");
  CHECK(normalize_expression("(age >= 0)") == "age >= 0");
  CHECK(normalize_expression("(\"age\">=0)") == "age >= 0");
  CHECK(normalize_expression("(a) + (b)") == "( a ) + ( b )");
  CHECK(normalize_expression("status IN ('A', 'b')") == "status in ( 'A' , 'b' )");
  CHECK(normalize_expression("\"Mixed\" = `x` AND [y] != 1.5E3") == "Mixed = x and y <> 1.5e3");
  CHECK(normalize_expression("'it''s'") == "'it''s'");
  CHECK(normalize_expression("data->>'k' = 'v'::text") == "data ->> 'k' = 'v' :: text");
  CHECK(normalize_expression("") == "");
}

TEST_CASE("diff: normalize_expression keeps its token boundaries", "[diff][normalize]") {
  using migrate::normalize_expression;
  // Operators are read from runs of punctuation, PostgreSQL's included, wherever spaces fall.
  CHECK(normalize_expression("tags@>t AND x<@y AND a&&b") == "tags @> t and x <@ y and a && b");
  CHECK(normalize_expression("a <@:p") == "a <@ : p");
  CHECK(normalize_expression("a==b") == "a = = b");
  // An exponent's sign is an operator, and letters written against a number belong to it.
  CHECK(normalize_expression("1e+5") == "1e + 5");
  CHECK(normalize_expression("1E5 + 0X1F + 2abc") == "1e5 + 0x1f + 2abc");
  // Parameters: the sigil, then the name.
  CHECK(normalize_expression("?1 = :Name") == "? 1 = : name");
  // Comments are not read as comments (they never were); a blob is x then its string.
  CHECK(normalize_expression("a -- b") == "a - - b");
  CHECK(normalize_expression("X'00FF'") == "x '00FF'");
  // A quote left open runs to the end.
  CHECK(normalize_expression("a = 'b") == "a = 'b");
  CHECK(normalize_expression("\"a") == "a");
}
