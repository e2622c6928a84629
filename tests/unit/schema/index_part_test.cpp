#include "schema/index_part.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using schema::index_part_text;
using schema::IndexPart;
using schema::parse_index_part;
using schema::SortOrder;

TEST_CASE("index part: columns, bare, quoted and known", "[index_part]") {
  auto email = parse_index_part("email");
  CHECK(email.column == "email");
  CHECK_FALSE(email.is_expression());
  CHECK(email.is_plain());

  auto quoted = parse_index_part("\"Email\"");
  CHECK(quoted.column == "Email");
  CHECK(quoted.quoted);

  auto spaced = parse_index_part("org id", {"id", "org id"});
  CHECK(spaced.column == "org id");
  auto spaced_desc = parse_index_part("org id DESC", {"org id"});
  CHECK(spaced_desc.column == "org id");
  CHECK(spaced_desc.descending());
}

TEST_CASE("index part: expressions and what follows them", "[index_part]") {
  auto lower = parse_index_part("lower(email)");
  CHECK(lower.expression == "lower(email)");
  CHECK(lower.is_plain());

  auto desc = parse_index_part("created_at DESC");
  CHECK(desc.column == "created_at");
  CHECK(desc.order == SortOrder::descending);

  auto ops = parse_index_part("name text_pattern_ops");
  CHECK(ops.column == "name");
  CHECK(ops.opclass == "text_pattern_ops");

  auto full = parse_index_part("lower(email) COLLATE \"C\" pg_catalog.text_pattern_ops desc "
                               "nulls last");
  CHECK(full.expression == "lower(email)");
  CHECK(full.collation == "\"C\"");
  CHECK(full.opclass == "pg_catalog.text_pattern_ops");
  CHECK(full.descending());
  CHECK(full.nulls_first == false);

  auto sum = parse_index_part("a + b DESC");
  CHECK(sum.expression == "a + b");
  CHECK(sum.descending());
  // A word after an operator is part of the expression, not an operator class.
  CHECK(parse_index_part("a || b").expression == "a || b");
  CHECK(parse_index_part("(age + 1)").expression == "(age + 1)");
}

TEST_CASE("index part: a length prefix is a column, not a call", "[index_part]") {
  auto title = parse_index_part("title(10)");
  CHECK(title.column == "title");
  CHECK(title.length == 10);
  CHECK_FALSE(title.is_plain());
  CHECK(parse_index_part("lower(title)").is_expression());
}

TEST_CASE("index part: the text is written back as read", "[index_part]") {
  for (const char* text :
       {"email", "\"Email\"", "\"Email\" DESC NULLS LAST", "lower(email)", "lower(email) DESC",
        "created_at DESC", "created_at ASC", "name text_pattern_ops", "title(10)", "title(10) DESC",
        "(age + 1)", "a || b", "x COLLATE NOCASE", "t NULLS FIRST", "\"a\"\"b\""}) {
    CAPTURE(text);
    CHECK(index_part_text(parse_index_part(text)) == text);
  }
  CHECK(index_part_text(parse_index_part("org id DESC", {"org id"})) == "org id DESC");
  CHECK(index_part_text(parse_index_part("  email  ")) == "email");
}

TEST_CASE("index part: atomic expressions", "[index_part]") {
  CHECK(schema::is_atomic_expression("lower(email)"));
  CHECK(schema::is_atomic_expression("(a + b)"));
  CHECK(schema::is_atomic_expression("\"Email\""));
  CHECK(schema::is_atomic_expression("s.f(x, y)"));
  CHECK_FALSE(schema::is_atomic_expression("a + b"));
  CHECK_FALSE(schema::is_atomic_expression("(a) + (b)"));
  CHECK_FALSE(schema::is_atomic_expression(""));
}
