// The MySQL-only parts of rendering and introspection, on the real server: ENUM / SET,
// UNSIGNED, tinyint(1), key prefixes, FULLTEXT, ON UPDATE, AUTO_INCREMENT, and everything a
// column has kept through alter_column (MODIFY restates the whole column).
#include "dialects/dialect.h"
#include "migrate/diff.h"
#include "mysql_test_support.h"
#include "schema/apply.h"
#include "util/error.h"
#include "util/strings.h"

using namespace migratecpp;
using test::mysql::my_dialect;
using test::mysql::TestDatabase;

namespace {

schema::Column column(std::string name, std::string type, bool nullable = true,
                      std::optional<std::string> default_expr = std::nullopt) {
  schema::Column c;
  c.name = std::move(name);
  c.type = schema::ColumnType(type);
  c.nullable = nullable;
  c.default_expr = std::move(default_expr);
  return c;
}

schema::Column key(std::string name, std::string type = "bigint") {
  schema::Column c = column(std::move(name), std::move(type), false);
  c.primary_key = true;
  return c;
}

// Applies `op` on the server and to `state`, then checks the live schema reads back as
// `state` (no diff either way).
void apply(TestDatabase& db, schema::Database& state, const schema::Op& op) {
  db.run(op, state);
  schema::apply(state, op);
  const auto live = db.introspect();
  const auto residual = migrate::diff(live, state, {});
  std::vector<std::string> described;
  for (const auto& o : residual.upgrade) {
    described.push_back(migrate::describe(o));
  }
  INFO("the live schema differs from the tracked state by: " << util::join(described, "; "));
  CHECK(residual.empty());
}

const schema::Column& live_column(TestDatabase& db, const std::string& table,
                                  const std::string& name, schema::Database& holder) {
  holder = db.introspect();
  const auto* t = holder.find_table(table);
  REQUIRE(t != nullptr);
  const auto* c = t->find_column(name);
  REQUIRE(c != nullptr);
  return *c;
}

} // namespace

TEST_CASE("MySQL column types read back as the model writes them", "[mysql][render]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "types");
  schema::Database state;
  schema::Table t;
  t.name = "things";
  t.columns = {key("id", "int unsigned"),
               column("flag", "boolean", false, "FALSE"),
               column("small", "smallint unsigned"),
               column("mood", "enum('sad','ok','it''s')", true, "'ok'"),
               column("tags", "set('a','b','c')"),
               column("price", "numeric(10,2)"),
               column("ratio", "real"),
               column("doc", "json"),
               column("body", "mediumtext"),
               column("at", "datetime(3)"),
               column("seen", "timestamp", false, "CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP")};
  t.columns[0].autoincrement = true;
  t.columns[1].comment = "a flag";
  apply(db, state, schema::CreateTable{t});
  const std::string ddl = db.show_create("things");
  CHECK_THAT(ddl, Catch::Contains("`flag` tinyint(1) NOT NULL DEFAULT 0 COMMENT 'a flag'"));
  CHECK_THAT(ddl, Catch::Contains("`id` int(10) unsigned NOT NULL AUTO_INCREMENT"));
  CHECK_THAT(ddl, Catch::Contains("ON UPDATE current_timestamp()"));
  // The values survive: inserting them works, SET takes several.
  db.conn().exec("INSERT INTO things (mood, tags, doc) VALUES ('it''s', 'a,c', '{\"k\": 1}')");
  CHECK(db.rows("SELECT id, mood, tags FROM things") == std::vector<std::string>{"1|it's|a,c"});
  // MariaDB's JSON is a LONGTEXT with a json_valid check: invalid JSON is refused, and the
  // check is not reported as a constraint of the model.
  CHECK_THROWS(db.conn().exec("INSERT INTO things (doc) VALUES ('{oops')"));
  schema::Database holder;
  CHECK(live_column(db, "things", "doc", holder).type.declared() == "json");
  CHECK(holder.find_table("things")->checks.empty());
}

TEST_CASE("a display width of its own survives a round trip", "[mysql][render]") {
  // roundcube says int(3), int(10) and int(11) unsigned: MariaDB keeps and shows each, so the
  // database made from the inspected models must say them again.
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "widths");
  db.conn().exec("CREATE TABLE w (a int(3) NOT NULL, b int(10), c int(11) unsigned, d int(11), "
                 "e smallint(5) unsigned)");
  schema::Database holder;
  CHECK(live_column(db, "w", "a", holder).type.declared() == "int(3)");
  CHECK(live_column(db, "w", "d", holder).type.declared() == "integer"); // the default width
  schema::Database state = holder;
  schema::Table copy = *holder.find_table("w");
  copy.name = "w2";
  apply(db, state, schema::CreateTable{copy});
  const std::string ddl = db.show_create("w2");
  CHECK_THAT(ddl, Catch::Contains("`a` int(3) NOT NULL"));
  CHECK_THAT(ddl, Catch::Contains("`b` int(10) DEFAULT NULL"));
  CHECK_THAT(ddl, Catch::Contains("`c` int(11) unsigned DEFAULT NULL"));
  CHECK_THAT(ddl, Catch::Contains("`d` int(11) DEFAULT NULL"));
  CHECK_THAT(ddl, Catch::Contains("`e` smallint(5) unsigned DEFAULT NULL"));
}

TEST_CASE("alter_column keeps what it does not change", "[mysql][render]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "alter");
  schema::Database state;
  schema::Table t;
  t.name = "people";
  t.columns = {key("id"), column("name", "varchar(50)", false, "'anon'"),
               column("score", "int unsigned", true, "7")};
  t.columns[1].comment = "display name";
  t.columns[0].autoincrement = true;
  apply(db, state, schema::CreateTable{t});
  // A column with its own collation, made by hand; introspection reads it (collation).
  db.conn().exec("ALTER TABLE people ADD COLUMN code VARCHAR(10) CHARACTER SET utf8mb4 COLLATE "
                 "utf8mb4_bin NULL");
  schema::Column code = column("code", "varchar(10)");
  code.collation = "utf8mb4_bin";
  state.find_table("people")->columns.push_back(code);

  SECTION("a rename keeps the comment, the default and NOT NULL") {
    schema::AlterColumn rename;
    rename.table = "people";
    rename.column = "name";
    rename.new_name = "label";
    apply(db, state, rename);
    schema::Database holder;
    const auto& c = live_column(db, "people", "label", holder);
    CHECK(c.comment == std::optional<std::string>("display name"));
    CHECK(c.default_expr == std::optional<std::string>("'anon'"));
    CHECK_FALSE(c.nullable);
  }
  SECTION("a type change keeps the comment, the default and NOT NULL") {
    schema::AlterColumn widen;
    widen.table = "people";
    widen.column = "name";
    widen.type = "varchar(200)";
    apply(db, state, widen);
    CHECK_THAT(
        db.show_create("people"),
        Catch::Contains("`name` varchar(200) NOT NULL DEFAULT 'anon' COMMENT 'display name'"));
  }
  SECTION("a comment change keeps the key's AUTO_INCREMENT and NOT NULL") {
    schema::AlterColumn comment;
    comment.table = "people";
    comment.column = "id";
    comment.comment = "the key";
    apply(db, state, comment);
    CHECK_THAT(db.show_create("people"),
               Catch::Contains("`id` bigint(20) NOT NULL AUTO_INCREMENT COMMENT 'the key'"));
  }
  SECTION("nullability changed, the collation of its own kept") {
    schema::AlterColumn required;
    required.table = "people";
    required.column = "code";
    required.nullable = false;
    apply(db, state, required);
    CHECK_THAT(
        db.show_create("people"),
        Catch::Contains("`code` varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL"));
  }
  SECTION("autoincrement off and on again") {
    schema::AlterColumn off;
    off.table = "people";
    off.column = "id";
    off.autoincrement = false;
    apply(db, state, off);
    CHECK_THAT(db.show_create("people"), !Catch::Contains("AUTO_INCREMENT"));
    schema::AlterColumn on = off;
    on.autoincrement = true;
    apply(db, state, on);
    CHECK_THAT(db.show_create("people"), Catch::Contains("AUTO_INCREMENT"));
  }
  SECTION("offline, a column the tracked schema lacks needs its existing_* definition") {
    schema::AlterColumn blind;
    blind.table = "elsewhere";
    blind.column = "x";
    blind.comment = "c";
    CHECK_THROWS_WITH(my_dialect().render(blind, state),
                      Catch::Contains("'elsewhere.x'") && Catch::Contains("existing_type"));
    blind.existing_type = "int";
    blind.existing_nullable = false;
    blind.existing_default = "3";
    const auto sql = my_dialect().render(blind, state).at(0).sql;
    CHECK(sql ==
          "ALTER TABLE `elsewhere` CHANGE COLUMN `x` `x` INT NOT NULL DEFAULT 3 COMMENT 'c'");
  }
}

TEST_CASE("key prefixes, FULLTEXT, and the index MySQL makes for a foreign key",
          "[mysql][render]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "index");
  schema::Database state;
  schema::Table parent;
  parent.name = "parent";
  parent.columns = {key("id")};
  apply(db, state, schema::CreateTable{parent});
  schema::Table t;
  t.name = "docs";
  t.columns = {key("id"), column("parent_id", "bigint"), column("title", "varchar(255)"),
               column("body", "text"), column("tag", "varchar(20)")};
  t.foreign_keys.push_back({"fk_docs_parent", {"parent_id"}, "parent", {"id"}, "cascade", ""});
  apply(db, state, schema::CreateTable{t});

  // A TEXT key part without a length gets the automatic prefix that fits 3072 bytes under
  // utf8mb4, and reads back without a length (as the model wrote it).
  schema::Index body;
  body.name = "ix_docs_body";
  body.parts = schema::parse_index_parts({"body"});
  apply(db, state, schema::CreateIndex{"docs", body});
  CHECK_THAT(db.show_create("docs"), Catch::Contains("KEY `ix_docs_body` (`body`(768))"));
  schema::Index mixed;
  mixed.name = "ix_docs_tag_body";
  mixed.parts = schema::parse_index_parts({"tag", "body"});
  apply(db, state, schema::CreateIndex{"docs", mixed});
  CHECK_THAT(db.show_create("docs"), Catch::Contains("(`tag`,`body`(748))"));
  // A length the model gives is kept as given.
  schema::Index title;
  title.name = "ix_docs_title";
  title.parts = schema::parse_index_parts({"title(10)"});
  apply(db, state, schema::CreateIndex{"docs", title});
  CHECK_THAT(db.show_create("docs"), Catch::Contains("(`title`(10))"));
  schema::Index fulltext;
  fulltext.name = "ft_docs";
  fulltext.parts = schema::parse_index_parts({"title", "body"});
  fulltext.method = "fulltext";
  apply(db, state, schema::CreateIndex{"docs", fulltext});
  CHECK_THAT(db.show_create("docs"), Catch::Contains("FULLTEXT KEY `ft_docs` (`title`,`body`)"));

  // An index that MySQL lets serve the foreign key (so it drops its own), then dropped: the
  // foreign key gets its index back in the same statement instead of error 1553.
  schema::Index by_parent;
  by_parent.name = "ix_docs_parent_tag";
  by_parent.parts = schema::parse_index_parts({"parent_id", "tag"});
  apply(db, state, schema::CreateIndex{"docs", by_parent});
  apply(db, state, schema::DropIndex{"docs", "ix_docs_parent_tag", by_parent});
  // Dropping the foreign key takes its index along.
  apply(db, state,
        schema::DropConstraint{"docs", "fk_docs_parent", std::nullopt,
                               state.find_table("docs")->foreign_keys.at(0), std::nullopt});
  CHECK_THAT(db.show_create("docs"), !Catch::Contains("fk_docs_parent"));
}

TEST_CASE("enums: add_enum_value restates the columns that use the enum", "[mysql][render]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "enum");
  schema::Database state;
  apply(db, state, schema::CreateEnum{{"mood", {"sad", "happy"}}});
  schema::Table t;
  t.name = "diary";
  t.columns = {key("id"), column("mood", "mood", false, "'sad'")};
  t.columns[1].comment = "how it went";
  db.run(schema::CreateTable{t}, state);
  schema::apply(state, schema::CreateTable{t});
  CHECK_THAT(
      db.show_create("diary"),
      Catch::Contains("`mood` enum('sad','happy') NOT NULL DEFAULT 'sad' COMMENT 'how it went'"));
  db.run(schema::AddEnumValue{"mood", "ok", std::string("happy")}, state);
  CHECK_THAT(db.show_create("diary"),
             Catch::Contains(
                 "`mood` enum('sad','ok','happy') NOT NULL DEFAULT 'sad' COMMENT 'how it went'"));
}

TEST_CASE("introspection sends the same number of queries for 3 and 30 tables",
          "[mysql][introspect]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  auto count_for = [&](int tables) {
    TestDatabase db(url, "count");
    for (int i = 0; i < tables; ++i) {
      db.conn().exec("CREATE TABLE t" + std::to_string(i) +
                     " (id INT PRIMARY KEY, v VARCHAR(5) UNIQUE, CHECK (id > 0))");
    }
    const auto before = db.conn().statements_sent();
    const auto live = db.introspect();
    CHECK(live.tables.size() == static_cast<std::size_t>(tables));
    return db.conn().statements_sent() - before;
  };
  CHECK(count_for(3) == count_for(30));
}

TEST_CASE("a table made by hand reads back as a model that recreates it", "[mysql][introspect]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase hand(url, "hand");
  const std::vector<std::string> ddl = {
      "CREATE TABLE org (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(80) "
      "NOT NULL UNIQUE) COMMENT 'orgs'",
      "CREATE TABLE member (id BIGINT NOT NULL PRIMARY KEY, org_id INT UNSIGNED, active "
      "TINYINT(1) NOT NULL DEFAULT 1, kind ENUM('a','b') DEFAULT 'a', perms SET('r','w'), bio "
      "TEXT, note VARCHAR(20) DEFAULT 'it''s', created DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3), "
      "updated TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP, "
      "KEY ix_bio (bio(100)), FULLTEXT KEY ft_note (note), "
      "CONSTRAINT fk_member_org FOREIGN KEY (org_id) REFERENCES org (id) ON DELETE SET NULL, "
      "CONSTRAINT ck_member_id CHECK (id > 0))"};
  for (const auto& s : ddl) {
    hand.conn().exec(s);
  }
  const schema::Database model = hand.introspect();
  TestDatabase built(url, "built");
  schema::Database state;
  for (const std::string name : {"org", "member"}) { // referenced table first
    const schema::Table* t = model.find_table(name);
    REQUIRE(t != nullptr);
    built.run(schema::CreateTable{*t}, state);
    schema::apply(state, schema::CreateTable{*t});
  }
  CHECK(migrate::diff(built.introspect(), model, {}).empty());
  for (const std::string table : {"org", "member"}) {
    CHECK(built.show_create(table) == hand.show_create(table));
  }
}

TEST_CASE("execute: sql.mariadb on MariaDB, else sql.mysql, else the common SQL",
          "[mysql][render]") {
  schema::Execute op{{{"mysql", "SELECT 1"}, {"mariadb", "SELECT 2"}, {"", "SELECT 0"}}, {}};
  const auto& mysql = dialects::dialect_for_scheme("mysql");
  const auto& mariadb = dialects::dialect_for_scheme("mariadb");
  CHECK(mysql.render(op, {}).at(0).sql == "SELECT 1");
  CHECK(mariadb.render(op, {}).at(0).sql == "SELECT 2");
  CHECK(mariadb.render(op, {}).at(0).free_form);
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  // Online the server decides, whatever the URL's scheme.
  TestDatabase db(url, "exec");
  const bool is_mariadb =
      db.rows("SELECT VERSION() LIKE '%MariaDB%'") == std::vector<std::string>{"1"};
  dialects::RenderContext context;
  context.live = &db.conn();
  CHECK(mysql.render(op, {}, context).at(0).sql == (is_mariadb ? "SELECT 2" : "SELECT 1"));
  op.sql.erase("mariadb");
  CHECK(mariadb.render(op, {}, context).at(0).sql == "SELECT 1");
  op.sql.erase("mysql");
  CHECK(mariadb.render(op, {}, context).at(0).sql == "SELECT 0");
}

TEST_CASE("generated columns and table options read back and recreate the table",
          "[mysql][introspect][generated][options]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase hand(url, "genhand");
  for (const std::string s : {
           "CREATE TABLE plain (id INT NOT NULL PRIMARY KEY)",
           "CREATE TABLE shapes (id INT NOT NULL PRIMARY KEY, w INT NOT NULL, h INT NOT NULL, "
           "area INT AS (w * h) VIRTUAL COMMENT 'computed', label VARCHAR(40) GENERATED ALWAYS "
           "AS (CONCAT('shape ', id)) STORED, KEY ix_area (area))",
           "CREATE TABLE legacy (id INT NOT NULL PRIMARY KEY, name VARCHAR(30)) ENGINE=MyISAM "
           "DEFAULT CHARSET=latin1 COLLATE=latin1_general_ci ROW_FORMAT=DYNAMIC",
       }) {
    hand.conn().exec(s);
  }
  const schema::Database model = hand.introspect();
  // Options left to the defaults are left out.
  CHECK(model.find_table("plain")->options.empty());
  const auto& legacy = model.find_table("legacy")->options;
  CHECK(legacy.engine == "MyISAM");
  CHECK(legacy.charset == "latin1");
  CHECK(legacy.collate == "latin1_general_ci");
  CHECK(legacy.row_format == "DYNAMIC");
  const schema::Table& shapes = *model.find_table("shapes");
  REQUIRE(shapes.find_column("area")->generated);
  CHECK_FALSE(shapes.find_column("area")->generated->stored);
  CHECK(migrate::normalize_expression(shapes.find_column("area")->generated->expression) ==
        "w * h");
  CHECK(shapes.find_column("label")->generated->stored);
  CHECK_FALSE(shapes.find_column("label")->default_expr);

  TestDatabase built(url, "genbuilt");
  schema::Database state;
  for (const std::string name : {"plain", "shapes", "legacy"}) {
    const schema::Op op = schema::CreateTable{*model.find_table(name)};
    built.run(op, state);
    schema::apply(state, op);
  }
  CHECK(migrate::diff(built.introspect(), model, {}).empty());
  for (const std::string table : {"plain", "shapes", "legacy"}) {
    CHECK(built.show_create(table) == hand.show_create(table));
  }
  // bulk_insert leaves the generated columns to the server.
  built.run(schema::BulkInsert{"shapes",
                               {{{"id", std::int64_t{1}},
                                 {"w", std::int64_t{2}},
                                 {"h", std::int64_t{5}},
                                 {"label", std::string("ignored")}}}},
            state);
  CHECK(built.rows("SELECT area, label FROM shapes") == std::vector<std::string>{"10|shape 1"});

  // The defaults a table without options gets.
  const auto defaults = my_dialect().table_option_defaults(built.conn(), "");
  CHECK(defaults.engine == "InnoDB");
  CHECK(defaults.charset == "utf8mb4");
  CHECK(defaults.row_format);
}

TEST_CASE("alter_table_options converts the table and undoes it", "[mysql][render][options]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "opts");
  schema::Database state;
  schema::Table t;
  t.name = "notes";
  t.columns = {key("id"), column("body", "varchar(40)")};
  apply(db, state, schema::CreateTable{t});
  db.conn().exec("INSERT INTO notes VALUES (1, 'caf\xc3\xa9')");
  schema::AlterTableOptions op;
  op.table = "notes";
  op.options.engine = "MyISAM";
  op.options.charset = "latin1";
  op.existing.engine = "InnoDB";
  op.existing.charset = "utf8mb4";
  op.existing.collate = "utf8mb4_general_ci";
  const auto statements = my_dialect().render(op, state);
  REQUIRE(statements.size() == 1);
  CHECK(statements[0].sql == "ALTER TABLE `notes` ENGINE=MyISAM, CONVERT TO CHARACTER SET latin1");
  CHECK(statements[0].undo == "ALTER TABLE `notes` ENGINE=InnoDB, CONVERT TO CHARACTER SET "
                              "utf8mb4 COLLATE utf8mb4_general_ci");
  db.run(op, state);
  schema::apply(state, op);
  const auto live = db.introspect();
  CHECK(live.find_table("notes")->options.engine == "MyISAM");
  CHECK(live.find_table("notes")->options.charset == "latin1");
  // CONVERT TO: the text is in the new charset, unchanged.
  CHECK(db.rows("SELECT HEX(body) FROM notes") == std::vector<std::string>{"636166E9"});
  db.conn().exec(*statements[0].undo);
  CHECK(db.introspect().find_table("notes")->options.engine != "MyISAM");
  CHECK(db.rows("SELECT body FROM notes") == std::vector<std::string>{"caf\xc3\xa9"});
}

TEST_CASE("MariaDB refuses a NOT NULL generated column with a clear error", "[mysql][render]") {
  schema::Table t;
  t.name = "g";
  t.columns = {key("id"), column("twice", "bigint", false)};
  t.columns[1].generated = schema::Generated{"id * 2", true};
  CHECK_THROWS_WITH(dialects::mysql::mariadb_dialect().render(schema::CreateTable{t}, {}),
                    "column 'g.twice': MariaDB cannot make a generated column NOT NULL; make it "
                    "nullable");
  const auto sql = my_dialect().render(schema::CreateTable{t}, {}).at(0).sql;
  CHECK(sql.find("`twice` BIGINT GENERATED ALWAYS AS (id * 2) STORED NOT NULL") !=
        std::string::npos);
}

TEST_CASE("a double-quoted name in a model expression is a name on MySQL too", "[mysql][render]") {
  // Model expressions are standard SQL. Passed through as written, MySQL (no ANSI_QUOTES) read
  // "from" as the string 'from': the check compared a constant and refused every row.
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "dquote");
  schema::Database state;
  schema::Table t;
  t.name = "orders";
  t.columns = {key("id", "integer"), column("from", "varchar(10)"), column("total", "integer"),
               column("twice", "integer")};
  t.columns[3].generated = schema::Generated{R"("total" * 2)", false};
  t.checks = {{"ck_orders_from", R"("from" IN ('web', 'app'))"}};
  apply(db, state, schema::CreateTable{t});
  db.conn().exec("INSERT INTO orders (id, `from`, total) VALUES (1, 'web', 21)");
  CHECK(db.conn().query("SELECT twice FROM orders").rows.at(0).at(0) == "42");
  CHECK_THROWS(db.conn().exec("INSERT INTO orders (id, `from`) VALUES (2, 'fax')"));
  apply(db, state, schema::CreateCheck{"orders", {"ck_orders_id", R"("id" < 100)"}});
  CHECK_THROWS(db.conn().exec("INSERT INTO orders (id, `from`) VALUES (200, 'app')"));
}
