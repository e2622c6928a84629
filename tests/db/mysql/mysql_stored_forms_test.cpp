// The stored-forms probe on MySQL / MariaDB: the server rewrites a CHECK expression when it
// stores it (length -> octet_length, upper -> ucase, NOT (a AND b) -> a <> 0 or ..., quoted
// names and escapes of its own), so a model's check only compares with the live one through
// what the server would store for it.
#include "dialects/dialect.h"
#include "mysql_test_support.h"

using namespace migratecpp;
using test::mysql::my_dialect;
using test::mysql::TestDatabase;

TEST_CASE("stored_forms: each check as the catalog would read it back", "[mysql][introspect]") {
  MIGRATECPP_MYSQL_URL_OR_SKIP(url);
  TestDatabase db(url, "forms");
  const std::vector<std::string> checks = {
      "length(room_code) >= 3",
      "quote IS NULL OR quote <> 'it''s, (bad)'",
      "upper(code) = code",
      "NOT (soft_limit = 0 AND hard_limit = 0)",
      "prefix IS NULL OR code LIKE CONCAT(prefix, '%')",
  };
  std::string ddl = "CREATE TABLE quotas (id INT PRIMARY KEY, room_code VARCHAR(10), quote "
                    "VARCHAR(50), code VARCHAR(10), prefix VARCHAR(10), soft_limit INT, "
                    "hard_limit INT";
  for (std::size_t i = 0; i < checks.size(); ++i) {
    ddl += ", CONSTRAINT ck" + std::to_string(i) + " CHECK (" + checks[i] + ")";
  }
  db.conn().exec(ddl + ")");
  const schema::Database live = db.introspect();
  const schema::Table* table = live.find_table("quotas");
  REQUIRE(table != nullptr);
  REQUIRE(table->checks.size() == checks.size());

  std::vector<std::string> asked = checks;
  asked.push_back("no_such_column > 0"); // refused by the server: no answer
  const auto forms = my_dialect().stored_forms(db.conn(), *table, asked, {"id > 0"}, {});
  REQUIRE(forms.checks.size() == asked.size());
  for (std::size_t i = 0; i < checks.size(); ++i) {
    INFO(checks[i]);
    REQUIRE(forms.checks[i]);
    CHECK(*forms.checks[i] == table->checks[i].expression);
  }
  CHECK_FALSE(forms.checks.back());
  REQUIRE(forms.predicates.size() == 1); // MySQL has no partial indexes: nothing to say
  CHECK_FALSE(forms.predicates[0]);

  // Nothing is left behind: the live table is unchanged, the probe is gone (asking again
  // works), and the session can make a table of the probe's name.
  CHECK(db.introspect() == live);
  const auto again = my_dialect().stored_forms(db.conn(), *table, {checks[0]}, {}, {});
  CHECK(again.checks.at(0) == table->checks[0].expression);
  CHECK_NOTHROW(db.conn().exec("CREATE TEMPORARY TABLE `_migratecpp_probe` (x INT)"));
}
