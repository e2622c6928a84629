#include "util/sql_lexer.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace migratecpp::util::sql;

namespace {

// "kind:text" per token, for compact expectations.
std::vector<std::string> kinds(std::string_view sql, const Syntax& syntax = {}) {
  static const char* const k_names[] = {"word", "qid", "str",   "blob",
                                        "num",  "var", "punct", "comment"};
  std::vector<std::string> out;
  for (const auto& t : tokenize(sql, syntax)) {
    out.push_back(std::string(k_names[static_cast<int>(t.kind)]) + ":" + std::string(t.text));
  }
  return out;
}

} // namespace

TEST_CASE("sql_lexer: words, quotes, numbers, comments", "[sql_lexer]") {
  CHECK(kinds("lower(\"E\"\"mail\") || 'it''s' -- c\n+ 1.5e3") ==
        std::vector<std::string>{"word:lower", "punct:(", "qid:\"E\"\"mail\"", "punct:)",
                                 "punct:||", "str:'it''s'", "comment:-- c", "punct:+",
                                 "num:1.5e3"});
  CHECK(kinds("a::text /* x */ x'00ff' ?1 :name") ==
        std::vector<std::string>{"word:a", "punct:::", "word:text", "comment:/* x */",
                                 "blob:x'00ff'", "var:?1", "var::name"});
}

TEST_CASE("sql_lexer: dialect syntax decides quoting and escapes", "[sql_lexer]") {
  SECTION("brackets are identifiers only where the dialect says so") {
    CHECK(kinds("a[1]") == std::vector<std::string>{"word:a", "punct:[", "num:1", "punct:]"});
    Syntax sqlite;
    sqlite.bracket_identifiers = true;
    CHECK(kinds("[a b]", sqlite) == std::vector<std::string>{"qid:[a b]"});
  }
  SECTION("a backslash escapes a quote only with backslash_escapes (MySQL)") {
    Syntax mysql;
    mysql.backslash_escapes = true;
    mysql.hash_comments = true;
    CHECK(kinds(R"('a\'b' # c)", mysql) ==
          std::vector<std::string>{R"(str:'a\'b')", "comment:# c"});
    CHECK(kinds(R"('a\'b')") == std::vector<std::string>{R"(str:'a\')", "word:b", "str:'"});
    const auto t = tokenize(R"('a\'b\n')", mysql);
    REQUIRE(t.size() == 1);
    CHECK(string_value(t[0], mysql) == "a'b\n");
  }
  SECTION("PostgreSQL: E strings and dollar quotes") {
    Syntax pg;
    pg.escape_strings = true;
    pg.dollar_quotes = true;
    CHECK(kinds(R"(E'a\'b' $f$ x ' y $f$ $1)", pg) ==
          std::vector<std::string>{R"(str:E'a\'b')", "str:$f$ x ' y $f$", "var:$1"});
    const auto t = tokenize("$$it's$$", pg);
    REQUIRE(t.size() == 1);
    CHECK(string_value(t[0], pg) == "it's");
  }
  SECTION("comments can be switched off for text that never holds them (type names)") {
    Syntax no_comments;
    no_comments.comments = false;
    CHECK(kinds("a--b /*c", no_comments) == std::vector<std::string>{"word:a", "punct:-", "punct:-",
                                                                     "word:b", "punct:/", "punct:*",
                                                                     "word:c"});
  }
}

TEST_CASE("sql_lexer: identifiers, strings and parentheses", "[sql_lexer]") {
  const auto t = tokenize("\"a\"\"b\" `c``d` 'x''y'");
  REQUIRE(t.size() == 3);
  CHECK(identifier_value(t[0]) == "a\"b");
  CHECK(identifier_value(t[1]) == "c`d");
  CHECK(string_value(t[2]) == "x'y");
  CHECK(is_identifier(t[0]));
  CHECK_FALSE(is_identifier(t[2]));

  CHECK(closing_paren("f(a, ')', (b)) + 1", 1) == 14);
  CHECK(closing_paren("(a /* ) */ )", 0) == 12);
  CHECK(closing_paren("(a", 0) == std::string_view::npos);
  const std::string sql = "x IN (1, 2)";
  const auto toks = tokenize(sql);
  CHECK(matching_paren(toks, 2) == 6);
  CHECK(span_text(sql, toks, 2, 6) == "(1, 2)");
}

TEST_CASE("sql_lexer: unterminated input never throws", "[sql_lexer]") {
  CHECK(kinds("'abc") == std::vector<std::string>{"str:'abc"});
  CHECK(kinds("/* abc") == std::vector<std::string>{"comment:/* abc"});
  CHECK(kinds("\"abc") == std::vector<std::string>{"qid:\"abc"});
}

TEST_CASE("fragment_problem: text that could end its statement is refused", "[sql_lexer]") {
  // One fragment: quotes may hold anything, parentheses balance, block comments close.
  for (const char* ok :
       {"0", "'active'", "CURRENT_TIMESTAMP", "((1 + 2) * 3)", "'a;b -- (c'", "v <> ';' /* note */",
        "\"odd;name\" > 0", "'it''s'", "'C:\\'", "numeric(10, 2)", "lower(\"Email\")", "x'00ff'",
        "varchar(100)", "f(g(x), 2) * 3 + 1"}) {
    CAPTURE(ok);
    CHECK_FALSE(fragment_problem(ok).has_value());
  }
  // Not one: a statement end, a stray or open parenthesis, a line comment, an open quote.
  const std::vector<std::pair<const char*, const char*>> bad = {
      {"0; DROP TABLE t", "';' outside quotes"},
      {"0)); DROP TABLE victim; --", "closes a parenthesis"},
      {"(1", "leaves a parenthesis open"},
      {"varchar(100))", "closes a parenthesis"},
      {")(", "closes a parenthesis"},
      {"f(g(x)", "leaves a parenthesis open"},
      {"1 -- rest", "line comment"},
      {"'abc", "unterminated"},
      {"'it''", "unterminated"},
      {"\"abc", "unterminated"},
      {"1 /* open", "unterminated"},
      // Standard reading: one string. MySQL reading ('\'' is a quote): a string, then ';'.
      {"'\\''; DROP TABLE victim; --'", "';' outside quotes"},
  };
  for (const auto& [text, why] : bad) {
    CAPTURE(text);
    const auto problem = fragment_problem(text);
    REQUIRE(problem.has_value());
    CHECK_THAT(*problem, Catch::Contains(why));
  }
}
