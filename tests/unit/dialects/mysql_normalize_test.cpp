// What MySQL and MariaDB print in information_schema, normalized to the model's form
// (dialects/mysql/mysql_normalize.h); the MySQL 8 forms here are the documented ones, which the
// MariaDB test server cannot show.
#include "dialects/mysql/mysql_normalize.h"

#include <catch2/catch.hpp>

using namespace migratecpp::dialects::mysql;

TEST_CASE("MySQL column types: display widths, tinyint(1), float", "[dialects][mysql]") {
  CHECK(normalize_column_type("int(11)") == "int");
  CHECK(normalize_column_type("int(10) unsigned") == "int unsigned");
  CHECK(normalize_column_type("bigint(20)") == "bigint");
  CHECK(normalize_column_type("tinyint(1)") == "boolean");
  CHECK(normalize_column_type("tinyint(4)") == "tinyint");
  CHECK(normalize_column_type("int unsigned") == "int unsigned"); // MySQL 8.0.19+: no width
  CHECK(normalize_column_type("float") == "real");
  CHECK(normalize_column_type("decimal(65,30)") == "numeric");
  CHECK(normalize_column_type("decimal(10,2)") == "decimal(10,2)");
  CHECK(normalize_column_type("year(4)") == "year");
  CHECK(normalize_column_type("ENUM('A','it''s')") == "enum('A','it''s')");
  CHECK(normalize_column_type("varchar(255)") == "varchar(255)");
}

TEST_CASE("MySQL column types: a display width that is not the type's own is kept",
          "[dialects][mysql]") {
  // MariaDB keeps what CREATE TABLE said (roundcube: int(3), int(10), int(11) unsigned): a
  // round trip must say it again. Only the width the server gives anyway is dropped.
  CHECK(normalize_column_type("int(3)") == "int(3)");
  CHECK(normalize_column_type("int(10)") == "int(10)");
  CHECK(normalize_column_type("int(11) unsigned") == "int(11) unsigned");
  CHECK(normalize_column_type("smallint(6)") == "smallint");
  CHECK(normalize_column_type("smallint(5) unsigned") == "smallint unsigned");
  CHECK(normalize_column_type("mediumint(9)") == "mediumint");
  CHECK(normalize_column_type("mediumint(8) unsigned") == "mediumint unsigned");
  CHECK(normalize_column_type("tinyint(3) unsigned") == "tinyint unsigned");
  CHECK(normalize_column_type("tinyint(2)") == "tinyint(2)");
  CHECK(normalize_column_type("bigint(20) unsigned") == "bigint unsigned");
  CHECK(normalize_column_type("int(5) unsigned zerofill") == "int(5) unsigned zerofill");
  CHECK(normalize_column_type("int(10) unsigned zerofill") == "int(10) unsigned zerofill");
}

TEST_CASE("MySQL defaults: MariaDB's and MySQL 8's catalog forms", "[dialects][mysql]") {
  // MariaDB 10.2.7+: literals quoted, NULL spelled out, current_timestamp().
  CHECK(normalize_default(std::string("'abc'"), "", "varchar(10)", true) == "'abc'");
  CHECK(normalize_default(std::string("NULL"), "", "varchar(10)", true) == std::nullopt);
  CHECK(normalize_default(std::nullopt, "", "varchar(10)", true) == std::nullopt);
  CHECK(normalize_default(std::string("current_timestamp()"), "", "timestamp", true) ==
        "CURRENT_TIMESTAMP");
  CHECK(normalize_default(std::string("current_timestamp(3)"), "on update current_timestamp(3)",
                          "timestamp(3)",
                          true) == "CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)");
  // A boolean's 0/1 as PostgreSQL's inspect prints its defaults (and model files write them).
  CHECK(normalize_default(std::string("0"), "", "boolean", true) == "false");
  CHECK(normalize_default(std::string("1"), "", "boolean", true) == "true");
  CHECK(normalize_default(std::string("1"), "", "boolean", false) == "true"); // MySQL 8
  // MySQL 8: literals unquoted, expressions marked DEFAULT_GENERATED.
  CHECK(normalize_default(std::string("abc"), "", "varchar(10)", false) == "'abc'");
  CHECK(normalize_default(std::string("it's"), "", "varchar(10)", false) == "'it''s'");
  CHECK(normalize_default(std::string("7"), "", "integer", false) == "7");
  CHECK(normalize_default(std::string("7"), "", "varchar(10)", false) == "'7'");
  CHECK(normalize_default(std::string("CURRENT_TIMESTAMP"), "DEFAULT_GENERATED", "timestamp",
                          false) == "CURRENT_TIMESTAMP");
  CHECK(normalize_default(std::string("(now() + interval 1 day)"), "DEFAULT_GENERATED", "datetime",
                          false) == "(now() + interval 1 day)");
  CHECK(normalize_default(std::nullopt, "on update CURRENT_TIMESTAMP", "timestamp", false) ==
        "NULL ON UPDATE CURRENT_TIMESTAMP");
}

TEST_CASE("MySQL defaults: CURRENT_DATE and CURRENT_TIME as the catalog spells them",
          "[dialects][mysql]") {
  // MariaDB stores DEFAULT CURRENT_DATE as curdate() and CURRENT_TIME as curtime(); MySQL 8
  // the same, marked DEFAULT_GENERATED. A model says CURRENT_DATE / CURRENT_TIME.
  CHECK(normalize_default(std::string("curdate()"), "", "date", true) == "CURRENT_DATE");
  CHECK(normalize_default(std::string("curtime()"), "", "time", true) == "CURRENT_TIME");
  CHECK(normalize_default(std::string("curtime(3)"), "", "time(3)", true) == "CURRENT_TIME(3)");
  CHECK(normalize_default(std::string("curdate()"), "DEFAULT_GENERATED", "date", false) ==
        "CURRENT_DATE");
  CHECK(normalize_now("current_date") == "CURRENT_DATE");
  CHECK(normalize_now("CURRENT_DATE()") == "CURRENT_DATE");
  CHECK(normalize_now("current_time(0)") == "CURRENT_TIME");
  // A function that merely starts with the same letters is left alone.
  CHECK(normalize_now("curdate_of(x)") == "curdate_of(x)");
}
