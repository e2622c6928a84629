// The normalization of what PostgreSQL prints back into what a model file says (no server).
#include "dialects/postgresql/pg_normalize.h"

#include <catch2/catch.hpp>

using namespace migratecpp::dialects::postgresql;

TEST_CASE("defaults are normalized", "[postgresql]") {
  const std::vector<std::pair<std::string, std::string>> k_cases = {
      {"'active'::character varying", "'active'"},
      {"'it''s'::text", "'it''s'"},
      {"'ok'::mood", "'ok'"},
      {"'ok'::\"Mood\"", "'ok'"},
      {"'{}'::integer[]", "'{}'"},
      {"'{}'::jsonb", "'{}'"},
      {"'-1'::integer", "-1"},
      {"'-1.5'::numeric", "-1.5"},
      {"'-1.5'::double precision", "-1.5"},
      {"'12'::text", "'12'"},
      {"0", "0"},
      {"1.5", "1.5"},
      {"true", "true"},
      {"now()", "now()"},
      {"CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
      {"CURRENT_DATE", "CURRENT_DATE"},
      {"(now() + '1 day'::interval)", "now() + '1 day'"},
      {"ARRAY['a'::text, 'b'::text]", "ARRAY['a', 'b']"},
      {"'2020-01-01 00:00:00'::timestamp without time zone", "'2020-01-01 00:00:00'"},
      {"'x'::character varying(10)::text", "'x'"},
      {"gen_random_uuid()", "gen_random_uuid()"},
  };
  for (const auto& [in, out] : k_cases) {
    INFO(in);
    CHECK(normalize_pg_default(in) == out);
  }
}

TEST_CASE("check expressions and predicates are normalized", "[postgresql]") {
  const std::vector<std::string> text_columns = {"s", "c", "Weird Col"};
  const std::vector<std::pair<std::string, std::string>> k_checks = {
      {"CHECK (age >= 0)", "age >= 0"},
      {"CHECK ((age >= 0))", "age >= 0"},
      {"CHECK (age > '-1'::integer AND age < 150)", "age > -1 AND age < 150"},
      {"CHECK (c <> 'x'::bpchar AND d > '2020-01-01'::date AND m <> 'sad'::\"Mood\")",
       "c <> 'x' AND d > '2020-01-01' AND m <> 'sad'"},
      {"CHECK (s::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[]))",
       "s IN ('a', 'b')"},
      {"CHECK (s::text <> ALL (ARRAY['a'::character varying::text, 'b'::character varying::text]))",
       "s NOT IN ('a', 'b')"},
      {"CHECK (age = ANY (ARRAY[1, 2, 3]))", "age IN (1, 2, 3)"},
      {"CHECK (balance > -100::numeric)", "balance > -100"},
      {"CHECK (balance > 1::numeric / 3::numeric)", "balance > 1::numeric / 3::numeric"},
      {"CHECK (balance > (- 1::numeric))", "balance > (- 1::numeric)"},
      {"CHECK (length(\"Weird Col\"::text) < 5) NOT VALID", "length(\"Weird Col\") < 5"},
      {"CHECK (n::text <> ''::text)", "n::text <> ''"}, // n is not a character column
      {"CHECK (s::text ~~ 'a%'::text)", "s LIKE 'a%'"},
      {"CHECK (s::text !~~* 'A%'::text)", "s NOT ILIKE 'A%'"},
  };
  for (const auto& [in, out] : k_checks) {
    INFO(in);
    CHECK(normalize_pg_check(in, text_columns) == out);
  }
  CHECK(normalize_pg_expression("lower(s::text)", text_columns) == "lower(s)");
  CHECK(normalize_pg_expression("(age + 1)", text_columns) == "age + 1");
  CHECK(normalize_pg_expression("s::text ~~ 'a%'::text", text_columns) == "s LIKE 'a%'");
  CHECK(normalize_pg_expression("'it''s ::text'::text = s::text", text_columns) ==
        "'it''s ::text' = s");
}

TEST_CASE("text arrays are parsed", "[postgresql]") {
  CHECK(parse_pg_array("{}").empty());
  CHECK(parse_pg_array("{id}") == std::vector<std::string>{"id"});
  CHECK(parse_pg_array("{id,\"Weird Col\",\"a\\\"b\",\"x,y\"}") ==
        std::vector<std::string>{"id", "Weird Col", "a\"b", "x,y"});
  CHECK(parse_pg_array("{1,0,NULL}") == std::vector<std::string>{"1", "0", ""});
}
