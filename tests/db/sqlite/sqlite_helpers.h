#pragma once
// A real SQLite file in a temp dir, and running ops on it the way the runner does: render
// against the schema as it stands, execute every statement in one transaction.
#include "dialects/sqlite/sqlite_connection.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "introspect/introspect.h"
#include "schema/model.h"
#include "schema/ops.h"
#include "support/joined_rows.h"
#include "support/test_support.h"

#include <memory>
#include <string>
#include <vector>

namespace migratecpp::test {

// Expected indexes as introspection reads them: each part read with the table's columns (a
// part written "org id DESC" is the column "org id" only where the table has it).
inline std::vector<schema::Index> read_with_columns(const schema::Table& t,
                                                    std::vector<schema::Index> indexes) {
  for (auto& i : indexes) {
    i.parts = schema::resolve_index_parts(i.parts, t.column_names());
  }
  return indexes;
}

inline const dialects::sqlite::SqliteDialect& sqlite_dialect() {
  return static_cast<const dialects::sqlite::SqliteDialect&>(dialects::sqlite::dialect());
}

class SqliteDb {
public:
  SqliteDb() : m_conn(std::make_unique<dialects::sqlite::SqliteConnection>(path())) {}

  std::string path() const { return (m_dir / "test.db").string(); }
  dialects::sqlite::SqliteConnection& conn() { return *m_conn; }

  // A second connection to the same file, with foreign-key enforcement on: to check that the
  // constraints a migration left behind hold for an application.
  std::unique_ptr<dialects::sqlite::SqliteConnection> app_connection() const {
    auto c = std::make_unique<dialects::sqlite::SqliteConnection>(path());
    c->exec("PRAGMA foreign_keys = ON");
    return c;
  }

  schema::Database schema(const introspect::Options& opts = {}) {
    return sqlite_dialect().introspect(*m_conn, opts);
  }
  schema::Table table(const std::string& name) {
    auto db = schema();
    const auto* t = db.find_table(name);
    if (t == nullptr) {
      throw std::runtime_error("no table " + name);
    }
    return *t;
  }

  // Renders `op` against the live schema and runs it in one transaction, as the runner does
  // online (the context names the connection: a rebuild reads the table's stored SQL).
  std::vector<dialects::Statement> run(const schema::Op& op) { return run(op, schema()); }
  std::vector<dialects::Statement> run(const schema::Op& op, const schema::Database& before) {
    m_conn->begin();
    std::vector<dialects::Statement> statements;
    try {
      dialects::RenderContext context;
      context.live = m_conn.get();
      statements = sqlite_dialect().render(op, before, context);
      for (const auto& s : statements) {
        dialects::run_statement(*m_conn, s);
      }
      m_conn->commit();
    } catch (...) {
      m_conn->rollback();
      throw;
    }
    return statements;
  }

  void exec(const std::string& sql) { m_conn->exec_script(sql); } // test set-up: any statements
  // All rows of a query, each row's values joined with "|" ("NULL" for NULL).
  std::vector<std::string> rows(const std::string& sql) { return joined_rows(m_conn->query(sql)); }

private:
  TempDir m_dir;
  std::unique_ptr<dialects::sqlite::SqliteConnection> m_conn;
};

// Short builders for model objects.
inline schema::Column col(std::string name, std::string type, bool nullable = true) {
  schema::Column c;
  c.name = std::move(name);
  c.type = schema::ColumnType(type);
  c.nullable = nullable;
  return c;
}
inline schema::Column pk(std::string name, std::string type = "integer", bool autoinc = false) {
  schema::Column c = col(std::move(name), std::move(type), false);
  c.primary_key = true;
  c.autoincrement = autoinc;
  return c;
}

} // namespace migratecpp::test
