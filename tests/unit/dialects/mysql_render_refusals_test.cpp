// What MySQL / MariaDB cannot do, refused when the DDL is rendered with an error naming the
// object, rather than written into DDL the server would reject or, worse, silently weaken.
#include "dialects/mysql/mysql_dialect.h"
#include "schema/model.h"
#include "schema/ops.h"
#include "util/error.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using Catch::Matchers::Contains;

namespace {

const dialects::Dialect& my() {
  return dialects::mysql::dialect();
}

schema::Table child_table(const std::string& on_delete, const std::string& on_update) {
  schema::Table t;
  t.name = "books";
  schema::Column id;
  id.name = "id";
  id.type = schema::ColumnType("integer");
  id.nullable = false;
  id.primary_key = true;
  schema::Column ref;
  ref.name = "reviewer_id";
  ref.type = schema::ColumnType("integer");
  ref.default_expr = "0";
  t.columns = {id, ref};
  t.foreign_keys.push_back(
      {"fk_books_reviewer", {"reviewer_id"}, "authors", {"id"}, on_delete, on_update});
  return t;
}

} // namespace

TEST_CASE("MySQL: a foreign key with SET DEFAULT is refused, naming it and its table",
          "[dialects][mysql]") {
  // InnoDB has no SET DEFAULT: MySQL 8 refuses the table, MariaDB accepts the clause and
  // silently drops it (the key then restricts), so a model asking for it would get another
  // behavior than it says.
  const schema::Database before;
  for (const auto& [del, upd] : {std::pair<std::string, std::string>{"set default", ""},
                                 std::pair<std::string, std::string>{"cascade", "SET  DEFAULT"}}) {
    const schema::Table t = child_table(del, upd);
    CHECK_THROWS_WITH(my().render(schema::Op{schema::CreateTable{t}}, before),
                      Contains("fk_books_reviewer") && Contains("books") &&
                          Contains("SET DEFAULT"));
    CHECK_THROWS_WITH(
        my().render(schema::Op{schema::CreateForeignKey{"books", t.foreign_keys.front()}}, before),
        Contains("fk_books_reviewer") && Contains("books") && Contains("SET DEFAULT"));
  }
  // The actions InnoDB has are rendered as they are.
  const auto ok =
      my().render(schema::Op{schema::CreateForeignKey{
                      "books", child_table("set null", "cascade").foreign_keys.front()}},
                  before);
  REQUIRE(ok.size() == 1);
  CHECK_THAT(ok.front().sql, Contains("ON DELETE SET NULL ON UPDATE CASCADE"));
}

// Issue 11: MySQL/MariaDB have no deferrable constraints and one name for every primary key.
// The models loader refuses such models; a revision file that asks is refused when rendered.
TEST_CASE("MySQL: deferrable constraints and named primary keys are refused", "[dialects][mysql]") {
  const schema::Database before;
  schema::Table t = child_table("", "");
  t.foreign_keys[0].deferrable = true;
  CHECK_THROWS_WITH(my().render(schema::Op{schema::CreateTable{t}}, before),
                    Contains("fk_books_reviewer") && Contains("no deferrable constraints"));
  CHECK_THROWS_WITH(
      my().render(schema::Op{schema::CreateForeignKey{"books", t.foreign_keys[0]}}, before),
      Contains("fk_books_reviewer") && Contains("no deferrable constraints"));
  schema::Table named = child_table("", "");
  named.key.name = "books_key";
  CHECK_THROWS_WITH(my().render(schema::Op{schema::CreateTable{named}}, before),
                    Contains("books") && Contains("PRIMARY"));
  schema::AlterPrimaryKey alter;
  alter.table = "books";
  alter.columns = {"id"};
  alter.name = "books_key";
  CHECK_THROWS_WITH(my().render(schema::Op{alter}, before),
                    Contains("books") && Contains("PRIMARY"));
}
