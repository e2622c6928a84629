// Views in the models, in revision files and in the diff: [[view]] read and written the same,
// the three ops round-trip and reverse, views created after what they read (a view on a view
// after that view, whatever the names) and dropped before it, a changed view replaced or, where
// its columns change on PostgreSQL, dropped and created with the views that read it, and the
// views over a table whose column type changes dropped and created around the change.
#include "dialects/dialect.h"
#include "migrate/model_file.h"
#include "migrate/revision_file.h"
#include "schema/view.h"
#include "support/diff_helpers.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace migratecpp;
using namespace migratecpp::test;
using Strings = std::vector<std::string>;

namespace {

schema::View view(std::string name, std::string definition) {
  schema::View v;
  v.name = std::move(name);
  v.definition = std::move(definition);
  return v;
}

schema::Database with_views(std::vector<schema::Table> tables, std::vector<schema::View> views) {
  schema::Database db = database(std::move(tables));
  db.views = std::move(views);
  return db;
}

schema::Table items(const std::string& price_type = "integer") {
  return table("items", {pk("id"), col("name", "varchar(50)"), col("price", price_type)});
}

std::vector<schema::Op> round_trip(const std::vector<schema::Op>& ops) {
  const std::string text =
      "revision = \"r1\"\ndown_revision = \"\"\n\n" + migrate::render_ops(ops, "upgrade");
  return migrate::parse_revision_file(text, "versions/r1.toml").upgrade;
}

} // namespace

TEST_CASE("views: [[view]] is read and written back the same", "[views][model]") {
  const std::string text = R"toml([[table]]
name = "items"
columns = [{ name = "id", type = "integer", primary_key = true }]

[[view]]
name = "b"
definition = "SELECT id FROM items"

[[view]]
name = "a"
columns = ["x"]
check_option = "cascaded"
security_barrier = true
comment = "the ids"
definition = '''
SELECT id
  FROM b'''

[[view]]
name = "m"
materialized = true
with_data = false
indexes = [{ name = "m_id", columns = ["id"], unique = true }]
definition = "SELECT id FROM items"
)toml";
  const schema::Database db = migrate::parse_models(text, "models/v.toml");
  REQUIRE(db.views.size() == 3);
  const schema::View& a = *db.find_view("a");
  CHECK(a.definition == "SELECT id\n  FROM b");
  CHECK(a.columns == Strings{"x"});
  CHECK(a.check_option == "cascaded");
  CHECK(a.security_barrier == true);
  CHECK(a.comment == "the ids");
  const schema::View& m = *db.find_view("m");
  CHECK(m.materialized);
  CHECK_FALSE(m.with_data);
  REQUIRE(m.indexes.size() == 1);
  CHECK(m.indexes[0].unique);
  // Written in dependency order (b before a, which reads it), and read back the same.
  const std::string out = migrate::render_models(db);
  CHECK(out.find("name = \"b\"") < out.find("name = \"a\""));
  const schema::Database back = migrate::parse_models(out, "models/v.toml");
  INFO(out);
  CHECK(back.views == db.views);
  CHECK(back == db);
}

TEST_CASE("views: bad [[view]] blocks are refused at file:line", "[views][model]") {
  auto error_of = [](const std::string& text) {
    try {
      migrate::parse_models(text, "models/v.toml");
    } catch (const util::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("[[view]]\nname = \"v\"\n"),
             Catch::Contains("models/v.toml:1") && Catch::Contains("definition"));
  CHECK_THAT(error_of("[[view]]\nname = \"v\"\ndefintion = \"SELECT 1\"\n"),
             Catch::Contains("models/v.toml:3") && Catch::Contains("did you mean"));
  CHECK_THAT(error_of("[[view]]\nname = \"v\"\ndefinition = \"SELECT 1\"\ncheck_option = \"x\"\n"),
             Catch::Contains("models/v.toml:4") && Catch::Contains("local, cascaded"));
  CHECK_THAT(error_of("[[view]]\nname = \"v\"\ndefinition = \"SELECT 1; DROP TABLE t\"\n"),
             Catch::Contains("models/v.toml:3"));
  CHECK_THAT(error_of("[[view]]\nname = \"v\"\ndefinition = \"SELECT 1\"\n\n"
                      "[[view]]\nname = \"v\"\ndefinition = \"SELECT 2\"\n"),
             Catch::Contains("models/v.toml:5") && Catch::Contains("duplicate view"));
  CHECK_THAT(error_of("[[view]]\nname = \"v\"\ndefinition = \"SELECT 1\"\n"
                      "indexes = [{ name = \"i\", columns = [\"a\"] }]\n"),
             Catch::Contains("models/v.toml:4") && Catch::Contains("materialized"));
}

TEST_CASE("views: a materialized view or another database's option is refused at load",
          "[views][model]") {
  const auto dir = std::filesystem::temp_directory_path() / "migratecpp_views_test";
  std::filesystem::create_directories(dir);
  const auto file = dir / "v.toml";
  auto load_on = [&](const std::string& text, const std::string& dialect) {
    { std::ofstream(file) << text; }
    try {
      migrate::load_models({file}, &dialects::dialect_by_name(dialect));
    } catch (const util::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string mv =
      "\n[[view]]\nname = \"m\"\nmaterialized = true\ndefinition = \"SELECT 1\"\n";
  CHECK_THAT(load_on(mv, "sqlite"),
             Catch::Contains("v.toml:2") && Catch::Contains("no materialized views on sqlite"));
  CHECK_THAT(load_on(mv, "mysql"), Catch::Contains("no materialized views on mysql"));
  CHECK(load_on(mv, "postgresql") == "no error");
  const std::string algo =
      "[[view]]\nname = \"v\"\nalgorithm = \"merge\"\ndefinition = \"SELECT 1\"\n";
  CHECK_THAT(load_on(algo, "postgresql"), Catch::Contains("'algorithm' on postgresql"));
  CHECK(load_on(algo, "mysql") == "no error");
  const std::string co =
      "[[view]]\nname = \"v\"\ncheck_option = \"local\"\ndefinition = \"SELECT 1\"\n";
  CHECK_THAT(load_on(co, "sqlite"), Catch::Contains("no check option on sqlite"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("views: create_view, drop_view and replace_view round-trip and reverse",
          "[views][revision]") {
  schema::View v = view("v", "SELECT id\n  FROM items");
  v.check_option = "local";
  schema::View m = view("m", "SELECT id FROM items");
  m.materialized = true;
  m.indexes = {index("m_id", {"id"}, true, {})};
  const std::vector<schema::Op> ops = {
      schema::CreateView{v},
      schema::CreateView{m},
      schema::ReplaceView{view("v", "SELECT 2"), v},
      schema::DropView{"v", false, v},
      schema::DropView{"m", true, m},
      schema::DropView{"bare", false, std::nullopt},
  };
  CHECK(full_all(round_trip(ops)) == full_all(ops));
  CHECK(round_trip(ops) == ops);
  CHECK(schema::reverse(ops[0]) == schema::Op{schema::DropView{"v", false, v}});
  CHECK(schema::reverse(ops[4]) == schema::Op{schema::CreateView{m}});
  CHECK(schema::reverse(ops[2]) == schema::Op{schema::ReplaceView{v, view("v", "SELECT 2")}});
  CHECK_THROWS_WITH(schema::reverse(ops[5]), Catch::Contains("drop_view bare"));
  CHECK(schema::is_destructive(ops[4]));
  CHECK_FALSE(schema::is_destructive(ops[3]));
}

TEST_CASE("views: what a view reads, and the order views are created in", "[views][order]") {
  CHECK(schema::view_references("SELECT a.x FROM \"T1\" a JOIN v2 ON 'v3' = v2.y",
                                {"T1", "v2", "v3", "other"}) == Strings{"T1", "v2"});
  CHECK(schema::view_references("select `db`.`t`.`c` from `db`.`t`", {"t"}) == Strings{"t"});
  // a reads z, z reads m: created m, z, a (not by name).
  schema::Database db =
      with_views({items()}, {view("a", "SELECT name FROM z"), view("z", "SELECT * FROM m"),
                             view("m", "SELECT * FROM items")});
  schema::fill_view_dependencies(db);
  CHECK(db.find_view("a")->depends_on == Strings{"z"});
  CHECK(schema::views_in_order(db, {"a", "m", "z"}) == Strings{"m", "z", "a"});
  CHECK(schema::dependent_views(db, {"items"}) == std::set<std::string>{"a", "m", "z"});
  CHECK(schema::dependent_views(db, {"z"}) == std::set<std::string>{"a"});
}

TEST_CASE("diff: views come after their tables and views, and go before them", "[views][diff]") {
  const auto desired = with_views(
      {items()}, {view("a_names", "SELECT name FROM z_cheap"),
                  view("z_cheap", "SELECT id, name, price FROM items WHERE price < 10")});
  const auto r = diff_and_check(database({}), desired);
  CHECK(briefs(r.upgrade) ==
        Strings{"create_table items", "create_view z_cheap", "create_view a_names"});
  CHECK(briefs(r.downgrade) ==
        Strings{"drop_view a_names", "drop_view z_cheap", "drop_table items"});
  // Unchanged but written another way (case, spacing, quotes): no change.
  const auto same = with_views(
      {items()}, {view("a_names", "select  \"name\" from z_cheap"),
                  view("z_cheap", "SELECT id, name, price\nFROM items WHERE price < 10;")});
  CHECK(migrate::diff(desired, same, {}).empty());
}

TEST_CASE("diff: a changed view is replaced in place, or dropped and created with its dependents",
          "[views][diff]") {
  const auto before = with_views({items()}, {view("a_names", "SELECT name FROM z_cheap"),
                                             view("z_cheap", "SELECT id, name FROM items")});
  auto after = with_views({items()}, {view("a_names", "SELECT name FROM z_cheap"),
                                      view("z_cheap", "SELECT id, name, price FROM items")});
  // MariaDB, SQLite: replace_view, the dependent untouched.
  const auto r = diff_and_check(before, after);
  CHECK(briefs(r.upgrade) == Strings{"replace_view z_cheap"});
  // PostgreSQL with the columns changing: drop the dependent, drop and create, create it again.
  migrate::DiffOptions pg;
  pg.view_replace_keeps_columns = true;
  const auto p = diff_and_check(before, after, pg);
  CHECK(briefs(p.upgrade) == Strings{"drop_view a_names", "drop_view z_cheap",
                                     "create_view z_cheap", "create_view a_names"});
  CHECK_THAT(list(p.warnings), Catch::Contains("view 'a_names' is dropped and created again"));
  // PostgreSQL with the same columns (signatures known and equal): replaced in place.
  schema::Database before_sig = before;
  const_cast<schema::View*>(before_sig.find_view("z_cheap"))->signature = {"id integer"};
  const_cast<schema::View*>(after.find_view("z_cheap"))->signature = {"id integer"};
  const auto same_columns = migrate::diff(before_sig, after, pg);
  CHECK(briefs(same_columns.upgrade) == Strings{"replace_view z_cheap"});
  // PostgreSQL with columns only appended: in place, the dependent untouched; the downgrade
  // (which would take a column away) drops and creates it, with the view on it.
  const_cast<schema::View*>(after.find_view("z_cheap"))->signature = {"id integer",
                                                                      "price integer"};
  const auto appended = migrate::diff(before_sig, after, pg);
  CHECK(briefs(appended.upgrade) == Strings{"replace_view z_cheap"});
  CHECK(briefs(appended.downgrade) == Strings{"drop_view a_names", "drop_view z_cheap",
                                              "create_view z_cheap", "create_view a_names"});
  const schema::Database up = applied(before_sig, appended.upgrade);
  CHECK(migrate::diff(applied(up, appended.downgrade), before, {}).empty());
}

TEST_CASE("diff: views over a column whose type changes are dropped and created around it",
          "[views][diff]") {
  const auto before = with_views({items()}, {view("a_names", "SELECT name FROM z_cheap"),
                                             view("z_cheap", "SELECT id, name FROM items")});
  const auto after = with_views({items("bigint")}, before.views);
  const auto r = diff_and_check(before, after);
  CHECK(briefs(r.upgrade) == Strings{"drop_view a_names", "drop_view z_cheap",
                                     "alter_column items.price", "create_view z_cheap",
                                     "create_view a_names"});
  // A column added is no reason.
  auto wider = with_views({items()}, before.views);
  wider.tables[0].columns.push_back(col("extra", "integer"));
  CHECK(briefs(migrate::diff(before, wider, {}).upgrade) == Strings{"add_column items.extra"});
}

TEST_CASE("diff: a materialized view is never replaced, and is flagged", "[views][diff]") {
  schema::View m1 = view("m", "SELECT id FROM items");
  m1.materialized = true;
  schema::View m2 = m1;
  m2.definition = "SELECT id, name FROM items";
  const auto r = diff_and_check(with_views({items()}, {m1}), with_views({items()}, {m2}));
  CHECK(briefs(r.upgrade) == Strings{"drop_view m", "create_view m"});
  CHECK_THAT(list(r.warnings), Catch::Contains("materialized view 'm'"));
}

TEST_CASE("diff: [models.exclude] views patterns leave views alone", "[views][diff]") {
  const auto live = with_views({items()}, {view("vendor_v", "SELECT id FROM items")});
  migrate::DiffOptions o;
  o.objects.exclude["views"] = {"vendor_*"};
  CHECK(migrate::diff(live, database({items()}), o).empty());
  CHECK_FALSE(migrate::diff(live, database({items()}), {}).empty());
}

TEST_CASE("diff: views over a column whose enum type is recreated go first and come back",
          "[views][diff]") {
  schema::Table t = table("moods", {pk("id"), col("mood", "mood")});
  schema::Database before = with_views({t}, {view("v_moods", "SELECT mood FROM moods")});
  before.enums = {{"mood", {"sad", "ok", "happy"}}};
  schema::Database after = before;
  after.enums = {{"mood", {"sad", "happy"}}}; // a value removed: the type is recreated
  migrate::DiffOptions pg;
  pg.enums = true;
  const auto r = migrate::diff(before, after, pg);
  const auto b = briefs(r.upgrade);
  REQUIRE(!b.empty());
  CHECK(b.front() == "drop_view v_moods");
  CHECK(b.back() == "create_view v_moods");
}
