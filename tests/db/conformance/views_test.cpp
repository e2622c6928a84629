// Conformance: views on every database. create_view / drop_view / replace_view run, the live
// schema is read back and compared with the tracked state in the stored form (as autogenerate
// compares), then the reverse runs; a view on a view; a column type changed under two views
// through the diff's ops (PostgreSQL refuses ALTER COLUMN TYPE under a view: the diff drops and
// creates them around it); materialized views on PostgreSQL, refused elsewhere.
#include "conformance_fixture.h"
#include "migrate/diff.h"
#include "util/strings.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test::conformance;

namespace {

schema::View view(std::string name, std::string definition) {
  schema::View v;
  v.name = std::move(name);
  v.definition = std::move(definition);
  return v;
}

schema::View adults() {
  return view("v_adults", "SELECT id, email, age FROM users WHERE age >= 18");
}
schema::View adult_emails() {
  return view("v_adult_emails", "SELECT email FROM v_adults WHERE email <> ''");
}

} // namespace

TEST_CASE("create_view and drop_view, a view on a view", "[conformance][views]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.round_trip(schema::CreateView{adults()});
  f.apply(schema::CreateView{adults()});
  f.round_trip(schema::CreateView{adult_emails()});
  f.apply(schema::CreateView{adult_emails()});
  CHECK(f.rows("SELECT count(*) FROM " + f.quote("v_adult_emails")).size() == 1);
  // Dropped dependent first, and back.
  f.round_trip(schema::DropView{"v_adult_emails", false, adult_emails()});
}

TEST_CASE("create_view with options", "[conformance][views]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::View v = adults();
  v.columns = {"user_id", "user_email", "user_age"};
  if (f.dialect().has_view_option("check_option")) {
    v.check_option = "cascaded";
  }
  if (f.dialect().has_view_option("security_barrier")) {
    v.security_barrier = true;
  }
  if (f.dialect().has_view_option("algorithm")) {
    v.algorithm = "merge";
    v.sql_security = "invoker";
  }
  if (f.dialect().has_view_option("comment")) {
    v.comment = "grown-ups";
  }
  f.round_trip(schema::CreateView{v});
}

TEST_CASE("replace_view", "[conformance][views]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.apply(schema::CreateView{adults()});
  f.apply(schema::CreateView{adult_emails()});
  // Same columns, another filter: in place on every database, the dependent kept.
  schema::View changed = adults();
  changed.definition = "SELECT id, email, age FROM users WHERE age >= 21";
  f.round_trip(schema::ReplaceView{changed, adults()});
}

TEST_CASE("a column type changed under views, through the diff", "[conformance][views]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  f.apply(schema::CreateView{adults()});
  f.apply(schema::CreateView{adult_emails()});
  schema::Database desired = f.state();
  for (auto& c : const_cast<schema::Table*>(desired.find_table("users"))->columns) {
    if (c.name == "age") {
      c.type = schema::ColumnType("bigint");
    }
  }
  const migrate::DiffResult r = migrate::diff(f.state(), desired, f.diff_options());
  std::vector<std::string> names;
  for (const auto& op : r.upgrade) {
    names.push_back(schema::op_name(op));
  }
  CHECK(names.front() == "drop_view");
  CHECK(names.back() == "create_view");
  for (const auto& op : r.upgrade) {
    f.apply(op);
  }
  CHECK(f.rows("SELECT count(*) FROM " + f.quote("v_adult_emails")).size() == 1);
  for (const auto& op : r.downgrade) {
    f.apply(op);
  }
}

TEST_CASE("materialized views", "[conformance][views]") {
  MIGRATECPP_CONFORMANCE_FIXTURE(f);
  schema::View m = view("m_ages", "SELECT age, count(*) AS n FROM users GROUP BY age");
  m.materialized = true;
  schema::Index i;
  i.name = "m_ages_age";
  i.parts = schema::parse_index_parts({"age"});
  i.unique = true;
  m.indexes = {i};
  m.comment = "ages";
  if (!f.dialect().has_materialized_views()) {
    CHECK_THROWS_WITH(f.dialect().render(schema::CreateView{m}, f.state()),
                      Catch::Contains("materialized"));
    CHECK(migrate::diff(f.db().introspect(), f.state(), f.diff_options()).empty());
    return;
  }
  f.round_trip(schema::CreateView{m});
  schema::View empty = m;
  empty.name = "m_empty";
  empty.indexes.clear();
  empty.with_data = false;
  f.round_trip(schema::CreateView{empty});
}
