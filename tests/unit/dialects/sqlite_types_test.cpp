// SQLite keeps a column's declared type as written, and clients read it back (pragma
// table_info, sqlite3_column_decltype): the renderer writes the model's spelling, in its case,
// so that a model inspect wrote creates the same declarations.
#include "dialects/sqlite/sqlite_dialect.h"
#include "schema/model.h"
#include "schema/ops.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using Catch::Matchers::Contains;

namespace {

const dialects::Dialect& lite() {
  return dialects::sqlite::dialect();
}

std::string type_sql(const std::string& declared) {
  return lite().type_sql(schema::ColumnType(declared));
}

schema::Column column(const std::string& name, const std::string& type, bool key = false) {
  schema::Column c;
  c.name = name;
  c.type = schema::ColumnType(type);
  c.primary_key = key;
  c.nullable = !key;
  return c;
}

std::string create_sql(const schema::Table& t) {
  const auto statements = lite().render(schema::CreateTable{t}, schema::Database{});
  REQUIRE(!statements.empty());
  return statements[0].sql;
}

} // namespace

TEST_CASE("SQLite: every type is written as declared, in its case", "[dialects][sqlite][types]") {
  CHECK(type_sql("integer") == "integer");
  CHECK(type_sql("varchar(255)") == "varchar(255)");
  CHECK(type_sql("numeric(12,2)") == "numeric(12,2)");
  CHECK(type_sql("timestamp") == "timestamp");
  CHECK(type_sql("boolean") == "boolean");
  CHECK(type_sql("INTEGER") == "INTEGER");
  CHECK(type_sql("VARCHAR(50)") == "VARCHAR(50)");
  // Aliases and native names: what SQLite stores and clients read.
  CHECK(type_sql("INT") == "INT");
  CHECK(type_sql("int4") == "int4");
  CHECK(type_sql("DECIMAL(4,2)") == "DECIMAL(4,2)");
  CHECK(type_sql("DATETIME") == "DATETIME");
  CHECK(type_sql("NVARCHAR(40)") == "NVARCHAR(40)");
  CHECK(type_sql("BLOB SUB_TYPE TEXT") == "BLOB SUB_TYPE TEXT");
  CHECK(type_sql("BOOL") == "BOOL");
  CHECK(type_sql("BYTEA") == "BYTEA");
  CHECK(type_sql("") == "");
}

TEST_CASE("SQLite: INT PRIMARY KEY stays INT (not the rowid alias)", "[dialects][sqlite][types]") {
  schema::Table t;
  t.name = "t";
  t.columns = {column("id", "INT", true), column("name", "text")};
  const std::string sql = create_sql(t);
  CHECK_THAT(sql, Contains("\"id\" INT PRIMARY KEY"));
  CHECK_THAT(sql, !Contains("INTEGER"));
  t.columns[0].type = schema::ColumnType("integer");
  CHECK_THAT(create_sql(t), Contains("\"id\" integer PRIMARY KEY"));
}

TEST_CASE("SQLite: a column without a declared type is written without one",
          "[dialects][sqlite][types]") {
  schema::Table t;
  t.name = "t";
  t.columns = {column("a", ""), column("b", "TEXT")};
  const std::string sql = create_sql(t);
  const auto at = sql.find("\"a\"");
  REQUIRE(at != std::string::npos);
  CHECK(sql.substr(at + 3, 1) == ","); // the name, then the next column
}
