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

TEST_CASE("index part: the spelling is kept and never compared", "[index_part]") {
  const IndexPart lower = parse_index_part("order desc");
  CHECK(index_part_text(lower) == "order desc");
  CHECK(schema::index_part_suffix(lower) == " desc");
  CHECK(schema::index_part_head(lower) == "order");
  const IndexPart upper = parse_index_part("\"order\" DESC");
  CHECK(lower == upper); // the same column, the same order
  CHECK(index_part_text(upper) == "\"order\" DESC");
  CHECK_FALSE(lower == parse_index_part("order"));
  IndexPart built = IndexPart::of_column("order");
  built.order = SortOrder::descending;
  CHECK(built == lower);
  CHECK(index_part_text(built) == "order DESC"); // no spelling: the canonical form
}

TEST_CASE("index part: resolved with the table's columns, renamed in place", "[index_part]") {
  const IndexPart unresolved = "org id desc"; // read without the table: no column "org id"
  CHECK(unresolved.column != "org id");
  const IndexPart resolved = schema::resolve_index_part(unresolved, {"org id"});
  CHECK(resolved.column == "org id");
  CHECK(resolved.descending());
  CHECK(index_part_text(resolved) == "org id desc");

  IndexPart column = parse_index_part("a  asc nulls last");
  schema::replace_index_part_head(column, "b");
  CHECK(column.column == "b");
  CHECK(index_part_text(column) == "b asc nulls last");
  IndexPart expression = parse_index_part("lower(a) desc");
  schema::replace_index_part_head(expression, "lower(b)");
  CHECK(expression.expression == "lower(b)");
  CHECK(index_part_text(expression) == "lower(b) desc");
}

TEST_CASE("index part: comments do not make an expression compound", "[index_part]") {
  CHECK(schema::is_atomic_expression("lower(a) /* why */"));
  CHECK_FALSE(schema::is_atomic_expression("a /* x */ + b"));
}
