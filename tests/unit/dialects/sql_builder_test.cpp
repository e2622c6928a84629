#include "dialects/sql_builder.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace migratecpp::dialects;

TEST_CASE("sql_builder: quoting is the dialect's", "[sql_builder]") {
  const Quoting ansi;
  Quoting mysql;
  mysql.identifier_open = mysql.identifier_close = '`';
  mysql.backslash_escapes = true;

  CHECK(quote_identifier("a\"b", ansi) == "\"a\"\"b\"");
  CHECK(quote_identifier("a`b", mysql) == "`a``b`");
  CHECK(quote_string("it's", ansi) == "'it''s'");
  CHECK(quote_string("a\\", ansi) == "'a\\'");
  // MySQL reads a backslash as an escape: left single, it would escape the closing quote.
  CHECK(quote_string("a\\", mysql) == "'a\\\\'");
  CHECK(quote_string("x'); DROP TABLE t; --", mysql) == "'x''); DROP TABLE t; --'");
}

TEST_CASE("sql_builder: spacing, lists and parentheses", "[sql_builder]") {
  const Quoting q;
  SqlBuilder b(q);
  b.kw("CREATE INDEX")
      .ident("ix")
      .kw("ON")
      .ident("t")
      .ident_list(std::vector<std::string>{"a", "b"});
  CHECK(b.sql() == "CREATE INDEX \"ix\" ON \"t\" (\"a\", \"b\")");

  SqlBuilder c(q);
  c.kw("ALTER TABLE").ident("users").kw("ADD COLUMN").ident("note").raw("VARCHAR(20)");
  c.kw("DEFAULT").str("it's").kw("CHECK").open().raw("length(note) > 0").close();
  CHECK(c.sql() == "ALTER TABLE \"users\" ADD COLUMN \"note\" VARCHAR(20) DEFAULT 'it''s' CHECK "
                   "(length(note) > 0)");
}
