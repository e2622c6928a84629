#include "schema/column_type.h"
#include "schema/model.h"
#include "schema/types.h"

#include <catch2/catch.hpp>

using migratecpp::schema::ColumnType;
using migratecpp::schema::TypeFamily;

TEST_CASE("ColumnType keeps the declared spelling and knows the canonical name", "[column_type]") {
  const ColumnType t("Character Varying ( 255 )");
  CHECK(t.declared() == "Character Varying ( 255 )");
  CHECK(t.canonical() == "varchar(255)");
  CHECK(t.base() == "varchar");
  CHECK(t.family() == TypeFamily::string);
  CHECK(t.length() == 255);
  CHECK_FALSE(t.is_array());
  CHECK_FALSE(t.is_unsigned());
}

TEST_CASE("ColumnType families and sizes", "[column_type]") {
  CHECK(ColumnType("int4").family() == TypeFamily::integer);
  CHECK(ColumnType("int(10) unsigned").family() == TypeFamily::integer);
  CHECK(ColumnType("int(10) unsigned").is_unsigned());
  CHECK(ColumnType("int(10) unsigned").canonical() == "int(10) unsigned"); // as compared today
  CHECK(ColumnType("tinyint(1)").family() == TypeFamily::integer);
  CHECK(ColumnType("decimal(12, 2)").family() == TypeFamily::decimal);
  CHECK(ColumnType("decimal(12, 2)").precision() == 12);
  CHECK(ColumnType("decimal(12, 2)").scale() == 2);
  CHECK_FALSE(ColumnType("numeric").precision().has_value());
  CHECK(ColumnType("float8").family() == TypeFamily::floating);
  CHECK(ColumnType("char(3)").length() == 3);
  CHECK(ColumnType("MEDIUMTEXT").family() == TypeFamily::text);
  CHECK(ColumnType("text").family() == TypeFamily::text);
  CHECK(ColumnType("bytea").family() == TypeFamily::binary);
  CHECK(ColumnType("varbinary(16)").length() == 16);
  CHECK(ColumnType("bool").family() == TypeFamily::boolean);
  CHECK(ColumnType("date").family() == TypeFamily::date);
  CHECK(ColumnType("time with time zone").family() == TypeFamily::time);
  CHECK(ColumnType("timestamp(3)").family() == TypeFamily::timestamp);
  CHECK(ColumnType("timestamp(3)").precision() == 3);
  CHECK(ColumnType("DATETIME").family() == TypeFamily::timestamp);
  CHECK(ColumnType("timestamp with time zone").family() == TypeFamily::timestamptz);
  CHECK(ColumnType("jsonb").family() == TypeFamily::json);
  CHECK(ColumnType("uuid").family() == TypeFamily::uuid);
  CHECK(ColumnType("enum('a','b')").family() == TypeFamily::enumeration);
  CHECK(ColumnType("inet").family() == TypeFamily::other);
  const ColumnType arr("int4[]");
  CHECK(arr.is_array());
  CHECK(arr.family() == TypeFamily::integer); // the element's family
  CHECK(arr.canonical() == "integer[]");
}

TEST_CASE("ColumnType equality is on the canonical name", "[column_type]") {
  CHECK(ColumnType("INT4") == ColumnType("integer"));
  CHECK(ColumnType("decimal(10, 2)") == ColumnType("numeric(10,2)"));
  CHECK_FALSE(ColumnType("integer") == ColumnType("bigint"));
}

// Defect of the string approach: MySQL has both DATETIME and TIMESTAMP (different ranges and
// time-zone handling), and SQLite stores the declared text; they are distinct types.
TEST_CASE("datetime and timestamp are distinct types", "[column_type]") {
  CHECK(ColumnType("datetime").canonical() == "datetime");
  CHECK(ColumnType("datetime(3)").canonical() == "datetime(3)");
  CHECK_FALSE(ColumnType("datetime") == ColumnType("timestamp"));
  CHECK(migratecpp::schema::canonical_type("DATETIME") == "datetime");
  // TIMESTAMP ends in 2038 on MySQL: datetime -> timestamp can lose data, not the reverse.
  CHECK(ColumnType("datetime").narrows_to(ColumnType("timestamp")));
  CHECK_FALSE(ColumnType("timestamp").narrows_to(ColumnType("datetime")));
  // Still a type the models loader knows.
  CHECK(migratecpp::schema::is_known_type("datetime"));
}

// Defect of the string approach: all long text types had one unbounded size.
TEST_CASE("narrowing orders sizes within the text and blob families", "[column_type]") {
  auto narrows = [](const char* from, const char* to) {
    return ColumnType(from).narrows_to(ColumnType(to));
  };
  CHECK(narrows("longtext", "text"));
  CHECK(narrows("mediumtext", "tinytext"));
  CHECK(narrows("longtext", "mediumtext"));
  CHECK_FALSE(narrows("text", "longtext"));
  CHECK_FALSE(narrows("tinytext", "mediumtext"));
  CHECK(narrows("longblob", "blob"));
  CHECK_FALSE(narrows("blob", "mediumblob"));
  CHECK(narrows("longtext", "varchar(100)"));
  CHECK_FALSE(narrows("varchar(100)", "text"));
  CHECK(migratecpp::schema::is_narrowing("longtext", "text"));
}

TEST_CASE("narrowing of integers with sign", "[column_type]") {
  auto narrows = [](const char* from, const char* to) {
    return ColumnType(from).narrows_to(ColumnType(to));
  };
  CHECK_FALSE(narrows("int unsigned", "bigint"));
  CHECK(narrows("int unsigned", "integer"));
  CHECK(narrows("integer", "int unsigned"));
  CHECK(narrows("bigint", "int(11)"));
  CHECK_FALSE(narrows("smallint unsigned", "int unsigned"));
  CHECK_FALSE(narrows("int(11)", "integer"));
}

TEST_CASE("ColumnType as introspection reports it, and MySQL modifiers", "[column_type]") {
  const ColumnType t = ColumnType("Character Varying(255)").as_canonical();
  CHECK(t.declared() == "varchar(255)");
  CHECK(t.canonical() == "varchar(255)");
  CHECK(t.length() == 255);
  CHECK_FALSE(t.has_modifiers());
  const ColumnType u("int(10) unsigned");
  CHECK(u.has_modifiers());
  CHECK(u.base() == "integer");
  CHECK(u.declared() == "int(10) unsigned");
}

TEST_CASE("Column equality compares the declared spelling of its type", "[column_type]") {
  migratecpp::schema::Column a;
  a.name = "n";
  a.type = ColumnType("int4");
  migratecpp::schema::Column b = a;
  b.type = ColumnType("integer");
  CHECK(a.type == b.type);
  CHECK_FALSE(a == b);
  b.type = ColumnType("int4");
  CHECK(a == b);
}
