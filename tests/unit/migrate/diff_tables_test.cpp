#include "support/diff_helpers.h"

#include <catch2/catch.hpp>

#include <map>

#include <cstdio>

using namespace migratecpp;
using namespace migratecpp::test;
using Strings = std::vector<std::string>;

namespace {

schema::Table users() {
  schema::Table t =
      table("users", {pk("id"), col("email", "varchar(255)", false), col("org_id", "integer")});
  t.comment = "registered users";
  return t;
}

schema::Table orgs() {
  return table("orgs", {pk("id"), col("name", "text", false)});
}

std::string chain_name(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "t%03d", i);
  return buf;
}

} // namespace

TEST_CASE("diff: a new table is created with everything inside it", "[diff][tables]") {
  schema::Table t = users();
  t.indexes.push_back(index("", {"email"}, true));
  t.uniques.push_back({"", {"org_id", "email"}});
  t.checks.push_back({"", "org_id > 0"});
  const auto r = diff_and_check(database({}), database({t}));

  REQUIRE(briefs(r.upgrade) == Strings{"create_table users"});
  // Unnamed objects get their convention name, so that the downgrade and later revisions can
  // drop them by name.
  schema::Table expected = t;
  expected.indexes[0].name = "ix_users_email";
  expected.uniques[0].name = "uq_users_org_id_email";
  expected.checks[0].name = "ck_users_org_id";
  CHECK(std::get<schema::CreateTable>(r.upgrade[0]).table == expected);
  CHECK(full_all(r.downgrade) == Strings{"drop_table users " + dump(expected)});
  CHECK(r.renames.empty());
  CHECK(r.warnings.empty());
}

TEST_CASE("diff: a dropped table carries its definition", "[diff][tables]") {
  const auto r = diff_and_check(database({users(), orgs()}), database({orgs()}));
  CHECK(full_all(r.upgrade) == Strings{"drop_table users " + dump(users())});
  CHECK(full_all(r.downgrade) == Strings{"create_table " + dump(users())});
  CHECK(schema::is_destructive(r.upgrade[0]));
}

TEST_CASE("diff: new tables come in foreign-key order, ties by name", "[diff][tables]") {
  schema::Table u = users();
  u.foreign_keys.push_back(fk("fk_users_org", {"org_id"}, "orgs"));
  schema::Table posts = table("posts", {pk("id"), col("user_id", "bigint", false)});
  posts.foreign_keys.push_back(fk("fk_posts_user", {"user_id"}, "users", {"id"}, "cascade"));
  schema::Table comments = table("a_comments", {pk("id"), col("post_id", "bigint")});
  comments.foreign_keys.push_back(fk("fk_comments_post", {"post_id"}, "posts"));
  schema::Table audit = table("audit", {pk("id")});
  const auto desired = database({u, posts, comments, audit, orgs()});

  SECTION("created referenced first, foreign keys inline") {
    const auto r = diff_and_check(database({}), desired);
    CHECK(briefs(r.upgrade) == Strings{"create_table audit", "create_table orgs",
                                       "create_table users", "create_table posts",
                                       "create_table a_comments"});
    CHECK(std::get<schema::CreateTable>(r.upgrade[2]).table.foreign_keys.size() == 1);
    CHECK(briefs(r.downgrade) == Strings{"drop_table a_comments", "drop_table posts",
                                         "drop_table users", "drop_table orgs",
                                         "drop_table audit"});
  }
  SECTION("dropped referencing first") {
    const auto r = diff_and_check(desired, database({}));
    CHECK(briefs(r.upgrade) == Strings{"drop_table a_comments", "drop_table posts",
                                       "drop_table users", "drop_table orgs", "drop_table audit"});
  }
}

TEST_CASE("diff: a 500-table foreign-key chain is ordered without recursion", "[diff][tables]") {
  // t000 -> t001 -> ... -> t499: name order is exactly the wrong order.
  constexpr int k_count = 500;
  std::vector<schema::Table> tables;
  for (int i = 0; i < k_count; ++i) {
    schema::Table t = table(chain_name(i), {pk("id"), col("next_id", "bigint")});
    if (i + 1 < k_count) {
      t.foreign_keys.push_back(fk("fk_" + chain_name(i), {"next_id"}, chain_name(i + 1)));
    }
    tables.push_back(std::move(t));
  }
  const auto chain = database(tables);

  const auto r = diff_and_check(database({}), chain);
  REQUIRE(r.upgrade.size() == k_count);
  for (int i = 0; i < k_count; ++i) {
    const auto& created = std::get<schema::CreateTable>(r.upgrade[i]).table;
    REQUIRE(created.name == chain_name(k_count - 1 - i));
    REQUIRE(created.foreign_keys.size() == (i == 0 ? 0u : 1u)); // nothing deferred
  }

  const auto back = migrate::diff(chain, database({}), {});
  REQUIRE(back.upgrade.size() == k_count);
  for (int i = 0; i < k_count; ++i) {
    REQUIRE(brief(back.upgrade[i]) == "drop_table " + chain_name(i));
  }
}

TEST_CASE("diff: a foreign-key cycle is closed after the tables exist", "[diff][tables]") {
  schema::Table a = table("a", {pk("id"), col("b_id", "bigint")});
  a.foreign_keys.push_back(fk("fk_a_b", {"b_id"}, "b"));
  schema::Table b = table("b", {pk("id"), col("a_id", "bigint")});
  b.foreign_keys.push_back(fk("fk_b_a", {"a_id"}, "a"));
  const auto both = database({b, a});

  SECTION("create") {
    const auto r = diff_and_check(database({}), both);
    CHECK(briefs(r.upgrade) ==
          Strings{"create_table a", "create_table b", "create_foreign_key a.fk_a_b"});
    CHECK(std::get<schema::CreateTable>(r.upgrade[0]).table.foreign_keys.empty());
    CHECK(std::get<schema::CreateTable>(r.upgrade[1]).table.foreign_keys == b.foreign_keys);
    CHECK(briefs(r.downgrade) ==
          Strings{"drop_constraint a.fk_a_b", "drop_table b", "drop_table a"});
  }
  SECTION("drop: the closing foreign key goes first, the definitions omit it") {
    const auto r = diff_and_check(both, database({}));
    CHECK(briefs(r.upgrade) == Strings{"drop_constraint a.fk_a_b", "drop_table b", "drop_table a"});
    schema::Table a_without = a;
    a_without.foreign_keys.clear();
    CHECK(full(r.upgrade[2]) == "drop_table a " + dump(a_without));
    CHECK(full(r.upgrade[0]) == "drop_constraint a fk_a_b - " + dump(a.foreign_keys[0]) + " -");
  }
  SECTION("a self-reference is no cycle") {
    schema::Table tree = table("tree", {pk("id"), col("parent_id", "bigint")});
    tree.foreign_keys.push_back(fk("fk_tree_parent", {"parent_id"}, "tree"));
    const auto r = diff_and_check(database({}), database({tree}));
    CHECK(full_all(r.upgrade) == Strings{"create_table " + dump(tree)});
  }
}

TEST_CASE("diff: a longer cycle defers one foreign key; tables after it wait", "[diff][tables]") {
  // a -> b -> c -> a, and d -> a (d is not on the cycle and must not lose its key).
  schema::Table a = table("a", {pk("id"), col("b_id", "bigint")});
  a.foreign_keys.push_back(fk("fk_a_b", {"b_id"}, "b"));
  schema::Table b = table("b", {pk("id"), col("c_id", "bigint")});
  b.foreign_keys.push_back(fk("fk_b_c", {"c_id"}, "c"));
  schema::Table c = table("c", {pk("id"), col("a_id", "bigint")});
  c.foreign_keys.push_back(fk("fk_c_a", {"a_id"}, "a"));
  schema::Table d = table("aa", {pk("id"), col("a_id", "bigint")});
  d.foreign_keys.push_back(fk("fk_aa_a", {"a_id"}, "a"));

  const auto r = diff_and_check(database({}), database({a, b, c, d}));
  CHECK(briefs(r.upgrade) == Strings{"create_table a", "create_table aa", "create_table c",
                                     "create_table b", "create_foreign_key a.fk_a_b"});
  CHECK(std::get<schema::CreateTable>(r.upgrade[1]).table.foreign_keys.size() == 1);
}

TEST_CASE("diff: excluded tables and the version table are never touched", "[diff][tables]") {
  const auto version = table("migratecpp_version", {col("version_num", "varchar(32)", false)});
  const auto legacy = table("legacy", {col("x", "integer")});
  auto legacy_changed = legacy;
  legacy_changed.columns.push_back(col("y", "text"));
  migrate::DiffOptions options;
  options.exclude_tables = {"migratecpp_version", "legacy", "spatial_ref_sys"};

  SECTION("present only in the database") {
    CHECK(migrate::diff(database({version, legacy, orgs()}), database({orgs()}), options).empty());
  }
  SECTION("present only in the models") {
    const auto extra = table("spatial_ref_sys", {col("srid", "integer")});
    CHECK(migrate::diff(database({orgs()}), database({orgs(), extra, legacy}), options).empty());
  }
  SECTION("different on both sides") {
    CHECK(migrate::diff(database({legacy}), database({legacy_changed}), options).empty());
  }
  SECTION("without the option they are dropped") {
    const auto r = migrate::diff(database({version, orgs()}), database({orgs()}), {});
    CHECK(briefs(r.upgrade) == Strings{"drop_table migratecpp_version"});
  }
  SECTION("a foreign key to an excluded table is an ordinary foreign key") {
    auto u = users();
    u.foreign_keys.push_back(fk("fk_users_legacy", {"org_id"}, "legacy", {"x"}));
    const auto r = diff_and_check(database({legacy}), database({legacy, u}), options);
    CHECK(full_all(r.upgrade) == Strings{"create_table " + dump(u)});
  }
}

TEST_CASE("diff: a primary-key change alters the key in place, rows kept", "[diff][tables]") {
  schema::Table posts = table("posts", {pk("id"), col("user_id", "bigint", false)});
  posts.foreign_keys.push_back(fk("fk_posts_user", {"user_id"}, "users"));
  auto before = users();
  auto after = users();

  SECTION("primary key membership") {
    after.columns[2] = col("org_id", "integer", false);
    after.columns[2].primary_key = true;
    const auto r = diff_and_check(database({before, posts}), database({after, posts}));
    // The foreign key pointing at the old key would block its drop: dropped and created again.
    // The column joining the key becomes NOT NULL first (and nullable again after the
    // downgrade has taken it out of the key).
    CHECK(briefs(r.upgrade) == Strings{"drop_constraint posts.fk_posts_user",
                                       "alter_column users.org_id", "alter_primary_key users",
                                       "create_foreign_key posts.fk_posts_user"});
    CHECK(full(r.upgrade[2]) == "alter_primary_key users (id,org_id) was (id)");
    CHECK(r.warnings.empty());
  }
  SECTION("a column leaving the key becomes nullable after it has left") {
    before.columns[2].primary_key = true;
    before.columns[2].nullable = false;
    const auto r = diff_and_check(database({before}), database({after}));
    CHECK(briefs(r.upgrade) == Strings{"alter_primary_key users", "alter_column users.org_id"});
    CHECK(briefs(r.downgrade) == Strings{"alter_column users.org_id", "alter_primary_key users"});
  }
  SECTION("autoincrement") {
    after.columns[0].autoincrement = false;
    const auto r = diff_and_check(database({before}), database({after}));
    CHECK(full_all(r.upgrade) ==
          Strings{"alter_column users.id type=- nullable=- default=- new_name=- comment=- "
                  "existing_type=- existing_nullable=- existing_default=- existing_comment=- "
                  "autoincrement=false existing_autoincrement=true"});
    CHECK(r.warnings.empty());
  }
  SECTION("the columns in another order, the key in the same order: the same key") {
    before.columns[2].primary_key = true;
    before.columns[2].nullable = false;
    after = before;
    std::swap(after.columns[0], after.columns[2]);
    schema::set_primary_key(after, {"id", "org_id"});
    CHECK(migrate::diff(database({before}), database({after}), {}).empty());
  }
  // Issue 11: PRIMARY KEY (b, a) is not PRIMARY KEY (a, b) (the index's order differs).
  SECTION("the key's order changes") {
    before.columns[2].primary_key = true;
    before.columns[2].nullable = false;
    after = before;
    schema::set_primary_key(after, {"org_id", "id"});
    const auto r = diff_and_check(database({before}), database({after}));
    CHECK(full_all(r.upgrade) == Strings{"alter_primary_key users (org_id,id) was (id,org_id)"});
    CHECK(full_all(r.downgrade) == Strings{"alter_primary_key users (id,org_id) was (org_id,id)"});
  }
  SECTION("the key's name changes where the model names it; no name asks for none") {
    after.key.name = "users_key";
    auto r = diff_and_check(database({before}), database({after}));
    REQUIRE(r.upgrade.size() == 1);
    const auto& alter = std::get<schema::AlterPrimaryKey>(r.upgrade[0]);
    CHECK(alter.columns == Strings{"id"});
    CHECK(alter.name == "users_key");
    CHECK(alter.existing_name == "");
    // The live key has a name the model does not give (a renamed PostgreSQL table's
    // <old>_pkey): no change.
    CHECK(migrate::diff(database({after}), database({before}), {}).empty());
  }
  SECTION("the key becomes deferrable") {
    after.key.deferrable = true;
    after.key.initially_deferred = true;
    const auto r = diff_and_check(database({before}), database({after}));
    REQUIRE(r.upgrade.size() == 1);
    CHECK(std::get<schema::AlterPrimaryKey>(r.upgrade[0]).initially_deferred);
    CHECK_FALSE(std::get<schema::AlterPrimaryKey>(r.downgrade[0]).deferrable);
  }
}

TEST_CASE("diff: a foreign key's deferrability is part of it", "[diff][tables]") {
  schema::Table posts = table("posts", {pk("id"), col("user_id", "bigint", false)});
  posts.foreign_keys.push_back(fk("fk_posts_user", {"user_id"}, "users"));
  schema::Table deferred = posts;
  deferred.foreign_keys[0].deferrable = true;
  deferred.foreign_keys[0].initially_deferred = true;
  const auto r = diff_and_check(database({users(), posts}), database({users(), deferred}));
  CHECK(briefs(r.upgrade) ==
        Strings{"drop_constraint posts.fk_posts_user", "create_foreign_key posts.fk_posts_user"});
  CHECK(std::get<schema::CreateForeignKey>(r.upgrade[1]).constraint.initially_deferred);
  CHECK(migrate::diff(database({users(), deferred}), database({users(), deferred}), {}).empty());
}

TEST_CASE("diff: a table that disappears while an identical one appears is a probable rename",
          "[diff][tables][renames]") {
  auto renamed = users();
  renamed.name = "accounts";

  SECTION("1:1") {
    const auto r = diff_and_check(database({users(), orgs()}), database({renamed, orgs()}));
    CHECK(briefs(r.upgrade) == Strings{"drop_table users", "create_table accounts"});
    REQUIRE(r.renames.size() == 1);
    CHECK(r.renames[0].is_table);
    CHECK(r.renames[0].table == "users");
    CHECK(r.renames[0].from == "users");
    CHECK(r.renames[0].to == "accounts");
  }
  SECTION("ambiguous: two candidates") {
    auto twin = users();
    twin.name = "people";
    CHECK(migrate::diff(database({users()}), database({renamed, twin}), {}).renames.empty());
  }
  SECTION("different columns") {
    renamed.columns.pop_back();
    CHECK(migrate::diff(database({users()}), database({renamed}), {}).renames.empty());
  }
}

TEST_CASE("diff: table comments", "[diff][tables][comments]") {
  auto commented = orgs();
  commented.comment = "tenants";
  auto recommented = orgs();
  recommented.comment = "customers";

  SECTION("added") {
    const auto r = diff_and_check(database({orgs()}), database({commented}));
    CHECK(full_all(r.upgrade) == Strings{"set_table_comment orgs 'tenants' ''"});
    CHECK(full_all(r.downgrade) == Strings{"set_table_comment orgs '' 'tenants'"});
  }
  SECTION("changed") {
    const auto r = diff_and_check(database({commented}), database({recommented}));
    CHECK(full_all(r.upgrade) == Strings{"set_table_comment orgs 'customers' 'tenants'"});
  }
  SECTION("removed") {
    const auto r = diff_and_check(database({commented}), database({orgs()}));
    CHECK(full_all(r.upgrade) == Strings{"set_table_comment orgs '' 'tenants'"});
  }
  SECTION("an empty comment is no comment") {
    auto empty = orgs();
    empty.comment = "";
    CHECK(migrate::diff(database({orgs()}), database({empty}), {}).empty());
  }
  SECTION("ignored where the dialect keeps no comments") {
    migrate::DiffOptions options;
    options.comments = false;
    CHECK(migrate::diff(database({commented}), database({recommented}), options).empty());
  }
}

TEST_CASE("diff: a new table's foreign key to a reshaped table waits for it", "[diff][tables]") {
  // members.org_code references orgs.code, which this same diff adds (with its unique key).
  auto new_orgs = orgs();
  new_orgs.columns.push_back(col("code", "varchar(16)"));
  new_orgs.uniques.push_back({"uq_orgs_code", {"code"}});
  auto members = table("members", {pk("id"), col("org_code", "varchar(16)")});
  members.foreign_keys.push_back(fk("fk_members_org", {"org_code"}, "orgs", {"code"}));

  const auto r = diff_and_check(database({orgs()}), database({new_orgs, members}));
  CHECK(briefs(r.upgrade) == Strings{"create_table members", "add_column orgs.code",
                                     "create_unique orgs.uq_orgs_code",
                                     "create_foreign_key members.fk_members_org"});
  CHECK(std::get<schema::CreateTable>(r.upgrade[0]).table.foreign_keys.empty());
}

TEST_CASE("diff: foreign keys to a dropped table go before it", "[diff][tables]") {
  auto u = users();
  u.foreign_keys.push_back(fk("fk_users_org", {"org_id"}, "orgs", {"id"}, "set null"));
  const auto r = diff_and_check(database({u, orgs()}), database({users()}));
  CHECK(briefs(r.upgrade) == Strings{"drop_constraint users.fk_users_org", "drop_table orgs"});
  CHECK(full(r.upgrade[0]) ==
        "drop_constraint users fk_users_org - " + dump(u.foreign_keys[0]) + " -");
}

TEST_CASE("diff: a foreign key is recreated around the unique key it relies on",
          "[diff][tables][foreign_keys]") {
  // members.org_code -> orgs.code; the unique constraint on orgs.code is renamed, i.e. dropped
  // and created: PostgreSQL refuses that drop while the foreign key depends on it.
  auto before = orgs();
  before.columns.push_back(col("code", "varchar(16)", false));
  before.uniques.push_back({"uq_orgs_code", {"code"}});
  auto after = before;
  after.uniques[0].name = "uq_orgs_code_v2";
  auto members = table("members", {pk("id"), col("org_code", "varchar(16)")});
  members.foreign_keys.push_back(fk("fk_members_org", {"org_code"}, "orgs", {"code"}));

  const auto r = diff_and_check(database({before, members}), database({after, members}));
  CHECK(briefs(r.upgrade) ==
        Strings{"drop_constraint members.fk_members_org", "drop_constraint orgs.uq_orgs_code",
                "create_unique orgs.uq_orgs_code_v2", "create_foreign_key members.fk_members_org"});

  SECTION("an unrelated unique key change leaves the foreign key alone") {
    auto other = before;
    other.columns.push_back(col("slug", "text"));
    other.uniques.push_back({"uq_orgs_slug", {"slug"}});
    auto other_after = other;
    other_after.uniques[1].columns = {"slug", "name"};
    const auto r2 = diff_and_check(database({other, members}), database({other_after, members}));
    CHECK(briefs(r2.upgrade) ==
          Strings{"drop_constraint orgs.uq_orgs_slug", "create_unique orgs.uq_orgs_slug"});
  }
}

TEST_CASE("diff: table options", "[diff][tables][options]") {
  auto with = [](schema::TableOptions o) {
    schema::Table t = orgs();
    t.options = std::move(o);
    return t;
  };
  schema::TableOptions live;
  live.engine = "InnoDB";
  live.charset = "utf8mb4";
  live.collate = "utf8mb4_unicode_ci";
  live.row_format = "DYNAMIC";

  SECTION("an option the model leaves out asks for no change") {
    CHECK(migrate::diff(database({with(live)}), database({orgs()}), {}).empty());
    schema::TableOptions engine_only;
    engine_only.engine = "innodb"; // names compare case-insensitively
    CHECK(migrate::diff(database({with(live)}), database({with(engine_only)}), {}).empty());
  }
  SECTION("a changed engine and row format: one op, its reverse from the live values") {
    schema::TableOptions want;
    want.engine = "MyISAM";
    want.row_format = "FIXED";
    const auto r = diff_and_check(database({with(live)}), database({with(want)}));
    schema::TableOptions was;
    was.engine = "InnoDB";
    was.row_format = "DYNAMIC";
    CHECK(full_all(r.upgrade) ==
          Strings{"alter_table_options orgs " + dump(want) + " was " + dump(was)});
    CHECK(full_all(r.downgrade) ==
          Strings{"alter_table_options orgs " + dump(was) + " was " + dump(want)});
    CHECK(describe_all(r.upgrade) ==
          Strings{"alter options of table orgs: engine InnoDB -> MyISAM, row_format DYNAMIC -> "
                  "FIXED"});
  }
  SECTION("a charset change alone keeps the old collation for the downgrade") {
    schema::TableOptions want;
    want.charset = "latin1";
    const auto r = diff_and_check(database({with(live)}), database({with(want)}));
    const auto& op = std::get<schema::AlterTableOptions>(r.upgrade.at(0));
    CHECK(op.options == want);
    CHECK(op.existing.charset == "utf8mb4");
    CHECK(op.existing.collate == "utf8mb4_unicode_ci");
    const auto& back = std::get<schema::AlterTableOptions>(r.downgrade.at(0));
    CHECK(back.options.charset == "utf8mb4");
    CHECK(back.options.collate == "utf8mb4_unicode_ci");
  }
  SECTION("PostgreSQL's: compared whole, only the changed parameters in the op") {
    schema::TableOptions have;
    have.unlogged = true;
    have.storage = std::map<std::string, std::string>{
        {"fillfactor", "50"}, {"toast.x", "1"}, {"autovacuum_enabled", "false"}};
    schema::TableOptions want;
    want.storage =
        std::map<std::string, std::string>{{"fillfactor", "70"}, {"autovacuum_enabled", "false"}};
    const auto r = diff_and_check(database({with(have)}), database({with(want)}));
    REQUIRE(r.upgrade.size() == 1);
    const auto& op = std::get<schema::AlterTableOptions>(r.upgrade.at(0));
    CHECK(op.options.unlogged == false);
    CHECK(op.existing.unlogged == true);
    CHECK(op.options.storage == std::map<std::string, std::string>{{"fillfactor", "70"}});
    CHECK(op.existing.storage ==
          std::map<std::string, std::string>{{"fillfactor", "50"}, {"toast.x", "1"}});
    CHECK(describe_all(r.upgrade) ==
          Strings{"alter options of table orgs: logged, fillfactor 50 -> 70, toast.x 1 -> "
                  "default"});
    // A model without options asks for a logged table without parameters.
    CHECK(migrate::diff(database({with(have)}), database({orgs()}), {}).upgrade.size() == 1);
  }
  SECTION("a new table is created with its options") {
    schema::TableOptions want;
    want.engine = "MyISAM";
    const auto r = diff_and_check(database({}), database({with(want)}));
    REQUIRE(r.upgrade.size() == 1);
    CHECK(std::get<schema::CreateTable>(r.upgrade[0]).table.options == want);
  }
}
