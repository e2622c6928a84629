#include "conformance_fixture.h"

#include "migrate/align_stored.h"
#include "migrate/view_forms.h"
#include "schema/apply.h"

#include <algorithm>
#include <catch2/catch.hpp>

namespace migratecpp::test::conformance {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i ? sep : "") + items[i];
  }
  return out;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

} // namespace

bool enum_types_are_objects(const dialects::Dialect& dialect) {
  return !dialect.render(schema::CreateEnum{{"conformance_probe", {"a"}}}, {}).empty();
}

schema::Column col(std::string name, std::string type, bool nullable) {
  schema::Column c;
  c.name = std::move(name);
  c.type = schema::ColumnType(type);
  c.nullable = nullable;
  return c;
}

schema::Column pk(std::string name, std::string type) {
  schema::Column c = col(std::move(name), std::move(type), false);
  c.primary_key = true;
  return c;
}

schema::Table orgs_table() {
  schema::Table t;
  t.name = "orgs";
  t.columns = {pk("id"), col("name", "varchar(100)", false)};
  t.uniques = {{"uq_orgs_name", {"name"}}};
  return t;
}

schema::Table users_table() {
  schema::Table t;
  t.name = "users";
  t.comment = "registered users";
  t.columns = {pk("id"), col("org_id", "bigint", false), col("email", "varchar(255)", false),
               col("name", "text"), col("age", "integer")};
  t.columns[2].comment = "the login";
  t.columns[4].default_expr = "0";
  t.indexes = {{"ix_users_email", {"email"}, true, std::nullopt, std::nullopt}};
  t.foreign_keys = {{"fk_users_org_id", {"org_id"}, "orgs", {"id"}, "cascade", ""}};
  t.checks = {{"ck_users_age", "age >= 0"}};
  return t;
}

schema::Table orders_table() {
  schema::Table t;
  t.name = "orders";
  t.columns = {pk("id"), col("user_id", "bigint", false), col("total", "numeric(12,2)")};
  t.foreign_keys = {{"fk_orders_user_id", {"user_id"}, "users", {"id"}, "", ""}};
  return t;
}

Fixture::Fixture(ScratchDatabase& db) : m_db(db) {
  m_diff_options.enums = enum_types_are_objects(db.dialect());
  m_diff_options.view_replace_keeps_columns = db.dialect().view_replace_keeps_columns();
  m_diff_options.foreign_keys_block_type_changes = db.dialect().foreign_keys_block_type_changes();
  m_diff_options.is_row_alias = [&dialect = db.dialect()](const schema::Table& t,
                                                          const schema::Column& c) {
    return dialect.is_row_alias(t, c);
  };
}

void Fixture::create_tables() {
  apply(schema::CreateTable{orgs_table()});
  apply(schema::CreateTable{users_table()});
  apply(schema::CreateTable{orders_table()});
  m_db.conn().exec("INSERT INTO orgs (id, name) VALUES (1, 'acme'), (2, 'globex')");
  m_db.conn().exec("INSERT INTO users (id, org_id, email, name, age) VALUES "
                   "(1, 1, 'a@x.org', 'Ann', 30), (2, 2, 'b@x.org', NULL, 40), "
                   "(3, 1, 'c@x.org', 'Cy''s', 50)");
  m_db.conn().exec("INSERT INTO orders (id, user_id, total) VALUES (10, 1, 9.5), (11, 3, 100.25)");
}

const schema::Table& Fixture::table(const std::string& name) const {
  const auto* t = m_state.find_table(name);
  REQUIRE(t != nullptr);
  return *t;
}

void Fixture::apply(const schema::Op& op) {
  const std::string what = migrate::describe(op);
  INFO("op: " << what);
  // As the runner renders: with the live connection, which a dialect may read (MySQL keeps a
  // column's collation when it restates it; SQLite keeps a rebuilt table's triggers).
  dialects::RenderContext context;
  context.live = &m_db.conn();
  const auto statements = dialect().render(op, m_state, context);
  std::vector<std::string> sql;
  for (const auto& s : statements) {
    sql.push_back(s.sql);
  }
  INFO("statements:\n" << join(sql, ";\n"));
  m_db.run(statements);
  schema::apply(m_state, op);
  check_no_diff(what);
}

void Fixture::check_no_diff(const std::string& after) {
  const schema::Database live = m_db.introspect();
  // As autogenerate compares: views, and a default or index key the database stores in
  // another spelling (PostgreSQL: 'x'::character varying for 'x'), are the same where the
  // server says so.
  schema::Database tracked = m_state;
  migrate::align_view_definitions(m_db.conn(), dialect(), live, tracked);
  migrate::align_stored_defaults_and_indexes(dialect(), m_db.conn(), live, tracked);
  const migrate::DiffResult residual = migrate::diff(live, tracked, m_diff_options);
  std::vector<std::string> described;
  for (const auto& op : residual.upgrade) {
    described.push_back(migrate::describe(op));
  }
  INFO("after " << after << ", the live schema differs from the tracked state by:\n  "
                << join(described, "\n  "));
  CHECK(residual.empty());
}

void Fixture::round_trip(const schema::Op& op, const Expect& expect) {
  const auto rows_before = snapshot(expect.lost);
  const auto counts_before = counts();
  apply(op);
  // Every table that is still there under the same name kept its rows.
  std::vector<std::string> changed;
  for (const auto& [name, before] : counts_before) {
    if (m_state.find_table(name) != nullptr) {
      const auto now = count(name);
      if (now != before) {
        changed.push_back(name + ": " + before + " -> " + now);
      }
    }
  }
  INFO("row counts that changed: " << join(changed, ", "));
  CHECK(changed.empty());
  const schema::Op back = schema::reverse(op);
  apply(back);
  CHECK(snapshot(expect.lost) == rows_before);
}

std::vector<std::string> Fixture::snapshot(const std::vector<std::string>& lost) {
  std::vector<std::string> out;
  for (const auto& t : m_state.tables) {
    if (contains(lost, t.name) || t.is_partition()) { // a partition's rows are its parent's
      continue;
    }
    std::vector<std::string> columns;
    for (const auto& c : t.columns) {
      if (!contains(lost, t.name + "." + c.name)) {
        columns.push_back(quote(c.name));
      }
    }
    std::vector<std::string> order;
    for (const auto& k : t.primary_key()) {
      order.push_back(quote(k));
    }
    for (const auto& r : m_db.rows("SELECT " + join(columns, ", ") + " FROM " + quote(t.name) +
                                   " ORDER BY " + join(order, ", "))) {
      out.push_back(t.name + ": " + r);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Fixture::counts() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& t : m_state.tables) {
    out.emplace_back(t.name, count(t.name));
  }
  return out;
}

std::string Fixture::count(const std::string& table) {
  return m_db.rows("SELECT count(*) FROM " + quote(table)).at(0);
}

} // namespace migratecpp::test::conformance
