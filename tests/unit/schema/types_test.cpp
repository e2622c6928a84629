#include "schema/types.h"

#include <catch2/catch.hpp>

using migratecpp::schema::canonical_type;
using migratecpp::schema::is_known_type;
using migratecpp::schema::is_narrowing;
using migratecpp::schema::is_portable_type;
using migratecpp::schema::parse_type;
using migratecpp::schema::ParsedType;
using migratecpp::schema::portable_type_names;

TEST_CASE("canonical_type: aliases compare equal", "[types]") {
  CHECK(canonical_type("int") == "integer");
  CHECK(canonical_type("INT4") == "integer");
  CHECK(canonical_type("integer") == "integer");
  CHECK(canonical_type("int(11)") == "integer");
  CHECK(canonical_type("int8") == "bigint");
  CHECK(canonical_type("BIGINT") == "bigint");
  CHECK(canonical_type("int2") == "smallint");
  CHECK(canonical_type("smallint") == "smallint");
  CHECK(canonical_type("bool") == "boolean");
  CHECK(canonical_type("float4") == "real");
  CHECK(canonical_type("float8") == "double");
  CHECK(canonical_type("double precision") == "double");
  CHECK(canonical_type("DOUBLE") == "double");
  CHECK(canonical_type("float(10)") == "real");
  CHECK(canonical_type("float(53)") == "double");
  CHECK(canonical_type("character varying(255)") == "varchar(255)");
  CHECK(canonical_type("VARCHAR ( 255 )") == "varchar(255)");
  CHECK(canonical_type("character varying") == "varchar");
  CHECK(canonical_type("character(3)") == "char(3)");
  CHECK(canonical_type("bpchar(3)") == "char(3)");
  CHECK(canonical_type("decimal(12, 2)") == "numeric(12,2)");
  CHECK(canonical_type("numeric(10)") == "numeric(10,0)");
  CHECK(canonical_type("NUMERIC") == "numeric");
  CHECK(canonical_type("timestamp without time zone") == "timestamp");
  CHECK(canonical_type("timestamp with time zone") == "timestamptz");
  CHECK(canonical_type("TIMESTAMP(3) WITH TIME ZONE") == "timestamptz(3)");
  CHECK(canonical_type("datetime") == "datetime"); // a type of its own (MySQL, SQLite)
  CHECK(canonical_type("time without time zone") == "time");
  CHECK(canonical_type("time with time zone") == "timetz");
  CHECK(canonical_type("bytea") == "blob");
  CHECK(canonical_type("BLOB") == "blob");
  CHECK(canonical_type("text") == "text");
  CHECK(canonical_type("json") == "json");
  CHECK(canonical_type("uuid") == "uuid");
  CHECK(canonical_type("date") == "date");
  CHECK(canonical_type("int4[]") == "integer[]");
}

TEST_CASE("canonical_type: unknown names are lowercased and passed through", "[types]") {
  CHECK(canonical_type("JSONB") == "jsonb");
  CHECK(canonical_type("  MediumText  ") == "mediumtext");
  CHECK(canonical_type("bit  varying(8)") == "bit varying(8)");
  CHECK(canonical_type("int(10) UNSIGNED") == "int(10) unsigned");
  // Quoted enum values keep their case and spacing.
  CHECK(canonical_type("ENUM('A b', 'c')") == "enum('A b','c')");
  CHECK(canonical_type("") == "");
}

TEST_CASE("parse_type splits base, arguments and array", "[types]") {
  CHECK(parse_type("numeric(12, 2)") == ParsedType{"numeric", {"12", "2"}, false});
  CHECK(parse_type("varchar") == ParsedType{"varchar", {}, false});
  CHECK(parse_type("integer[]") == ParsedType{"integer", {}, true});
  CHECK(parse_type("timestamp(3) with time zone") ==
        ParsedType{"timestamp with time zone", {"3"}, false});
  CHECK(parse_type("varchar(").base == "varchar(");
}

TEST_CASE("portable and known types", "[types]") {
  CHECK(portable_type_names().size() == 17);
  CHECK(portable_type_names().front() == "smallint");
  for (const char* t : {"smallint",
                        "integer",
                        "bigint",
                        "boolean",
                        "real",
                        "double",
                        "numeric(12,2)",
                        "numeric",
                        "varchar(255)",
                        "char(2)",
                        "char",
                        "text",
                        "date",
                        "time",
                        "timestamp",
                        "timestamptz",
                        "json",
                        "uuid",
                        "blob",
                        "int4",
                        "character varying(10)",
                        "double precision",
                        "timestamp(3)"}) {
    INFO(t);
    CHECK(is_portable_type(t));
    CHECK(is_known_type(t));
  }
  for (const char* t : {"jsonb", "varchar", "varchar(x)", "numeric(2,5)", "integer(3,4)", "integr",
                        "text[]", "mediumtext"}) {
    INFO(t);
    CHECK_FALSE(is_portable_type(t));
  }
  for (const char* t : {"jsonb", "inet", "mediumtext", "tinyint(1)", "datetime", "int unsigned",
                        "bigint(20) unsigned", "interval", "integer[]"}) {
    INFO(t);
    CHECK(is_known_type(t));
  }
  CHECK_FALSE(is_known_type("integr"));
  CHECK_FALSE(is_known_type("varchr(20)"));
}

TEST_CASE("is_narrowing", "[types]") {
  SECTION("same type or alias: no") {
    CHECK_FALSE(is_narrowing("integer", "int4"));
    CHECK_FALSE(is_narrowing("varchar(255)", "character varying(255)"));
    CHECK_FALSE(is_narrowing("jsonb", "JSONB"));
  }
  SECTION("integers") {
    CHECK(is_narrowing("bigint", "integer"));
    CHECK(is_narrowing("integer", "smallint"));
    CHECK_FALSE(is_narrowing("integer", "bigint"));
    CHECK_FALSE(is_narrowing("smallint", "int8"));
  }
  SECTION("floating point") {
    CHECK(is_narrowing("double", "real"));
    CHECK_FALSE(is_narrowing("real", "double precision"));
  }
  SECTION("numeric") {
    CHECK(is_narrowing("numeric(12,2)", "numeric(10,2)"));
    CHECK(is_narrowing("numeric(12,2)", "numeric(12,1)"));
    CHECK(is_narrowing("numeric(12,2)", "numeric(12,4)")); // fewer integer digits
    CHECK_FALSE(is_narrowing("numeric(10,2)", "numeric(12,2)"));
    CHECK_FALSE(is_narrowing("numeric(10,2)", "numeric"));
    CHECK(is_narrowing("numeric", "numeric(10,2)"));
    CHECK_FALSE(is_narrowing("decimal(10,2)", "numeric(14,4)"));
  }
  SECTION("strings") {
    CHECK(is_narrowing("varchar(255)", "varchar(100)"));
    CHECK_FALSE(is_narrowing("varchar(100)", "varchar(255)"));
    CHECK(is_narrowing("text", "varchar(100)"));
    CHECK_FALSE(is_narrowing("varchar(100)", "text"));
    CHECK_FALSE(is_narrowing("char(10)", "varchar(10)"));
    CHECK(is_narrowing("varchar(10)", "char(5)"));
    CHECK(is_narrowing("longtext", "tinytext"));
  }
  SECTION("binary") {
    CHECK(is_narrowing("blob", "varbinary(16)"));
    CHECK_FALSE(is_narrowing("varbinary(16)", "bytea"));
  }
  SECTION("a different family is always narrowing") {
    CHECK(is_narrowing("integer", "text"));
    CHECK(is_narrowing("text", "integer"));
    CHECK(is_narrowing("integer", "numeric(20,0)"));
    CHECK(is_narrowing("timestamp", "date"));
    CHECK(is_narrowing("timestamptz", "timestamp"));
    CHECK(is_narrowing("boolean", "integer"));
    CHECK(is_narrowing("json", "jsonb"));
    CHECK(is_narrowing("integer", "integer[]"));
  }
  SECTION("precision arguments") {
    CHECK(is_narrowing("timestamp(6)", "timestamp(3)"));
    CHECK_FALSE(is_narrowing("timestamp(3)", "timestamp(6)"));
    CHECK_FALSE(is_narrowing("timestamp(3)", "timestamp"));
    CHECK(is_narrowing("bit(8)", "bit(4)"));
    CHECK_FALSE(is_narrowing("bit(4)", "bit(8)"));
  }
}

TEST_CASE("parse_type: quotes are read by the SQL tokenizer", "[types]") {
  // Commas and parentheses inside quotes do not split or close the argument list.
  CHECK(parse_type("ENUM('a,b', 'c)d')") == ParsedType{"enum", {"'a,b'", "'c)d'"}, false});
  // A doubled quote stays inside its literal; case and spacing inside quotes are kept.
  CHECK(parse_type("enum('It''s  X', \"Q\")") ==
        ParsedType{"enum", {"'It''s  X'", "\"Q\""}, false});
  // Nested parentheses stay in one argument.
  CHECK(parse_type("foo(bar(1, 2), 3)") == ParsedType{"foo", {"bar(1, 2)", "3"}, false});
  // Backticks and brackets are plain characters in a type: folded like the rest.
  CHECK(canonical_type("`My`  Type") == "`my` type");
  CHECK(canonical_type("  NUMERIC \t( 10 ,\n 2 )  ") == "numeric(10,2)");
  // An unterminated quote runs to the end and leaves the name whole.
  CHECK(parse_type("enum('a)").base == "enum('a)");
}
