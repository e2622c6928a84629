// The dialect registry: the one list of dialects, the URL each dialect completes, and the
// capability answers the engine asks instead of comparing names.
#include "dialects/dialect.h"
#include "util/display.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <string>

using namespace migratecpp;

TEST_CASE("the registry lists every dialect name, available or not", "[dialects][registry]") {
  const auto names = dialects::dialect_names();
  CHECK(names == std::vector<std::string>{"sqlite", "postgresql", "mysql"});
  for (const auto& n : names) {
    std::string got;
    try {
      got = std::string(dialects::dialect_by_name(n).name());
    } catch (const util::Error& e) {
      got = e.message();
    }
    CHECK(got == n);
  }
  // mariadb is the mysql dialect (its MariaDB flavor, see registry.cpp).
  CHECK(dialects::dialect_by_name("mariadb").name() == "mysql");
  CHECK(dialects::dialect_for_scheme("mariadb").name() == "mysql");
}

TEST_CASE("a URL as its dialect reads it", "[dialects][registry][url]") {
  CHECK(dialects::parse_url("sqlite:///app.db").database == "app.db");
  CHECK(dialects::parse_url("sqlite:////abs/app.db").database == "/abs/app.db");
  CHECK(dialects::parse_url("sqlite://").database == ":memory:");
  CHECK(dialects::parse_url("sqlite:///").database == ":memory:");
  CHECK(dialects::parse_url("sqlite:///:memory:").database == ":memory:");
  CHECK(dialects::parse_url("sqlite://?mode=ro").database == ":memory:");
  CHECK(dialects::parse_url("SQLite:///x.db").scheme == "sqlite");
  // Two slashes make "app.db" a host: SQLite has none.
  CHECK_THROWS_WITH(dialects::parse_url("sqlite://app.db"),
                    "invalid SQLite URL 'sqlite://app.db': use sqlite:///relative/path.db or "
                    "sqlite:////absolute/path.db");
  CHECK_THROWS_WITH(dialects::parse_url("sqlite://u:secret@h/x.db"),
                    "invalid SQLite URL 'sqlite://u:***@h/x.db': use sqlite:///relative/path.db "
                    "or sqlite:////absolute/path.db");
  // A server URL is taken as parsed; an empty path stays empty (libpq's default database).
  // A SQLite URL that the generic parser refuses (":memory:" read as host and port) still
  // gets SQLite's advice.
  CHECK_THROWS_WITH(dialects::parse_url("sqlite://:memory:"),
                    "invalid SQLite URL 'sqlite://:memory:': use sqlite:///relative/path.db or "
                    "sqlite:////absolute/path.db");
  CHECK(dialects::parse_url("postgresql://").database.empty());
  CHECK(dialects::parse_url("postgres://u@h:5433/app").database == "app");
  // MySQL: the generic split, the default port, the parameters checked.
  const auto my = dialects::parse_url("mysql://u:p%40ss@h/db?charset=utf8mb4&ssl_mode=REQUIRED");
  CHECK(my.port == 3306);
  CHECK(my.password == "p@ss");
  CHECK(my.database == "db");
  CHECK(dialects::parse_url("mariadb://u@h:3307/db").port == 3307);
  CHECK(dialects::parse_url("mysql://u@/db?unix_socket=/run/mysqld.sock").port == 0);
  CHECK_THROWS_WITH(dialects::parse_url("mysql://u:secret@h/db?ssl_cs=/x.pem"),
                    Catch::StartsWith("invalid MySQL URL 'mysql://u:***@h/db?ssl_cs=/x.pem': "
                                      "unknown parameter 'ssl_cs' (did you mean 'ssl_ca'?)"));
  CHECK_THROWS_WITH(dialects::parse_url("mysql://u@h/db?ssl_mode=sometimes"),
                    Catch::EndsWith("ssl_mode 'sometimes' is not DISABLED, PREFERRED, REQUIRED, "
                                    "VERIFY_CA or VERIFY_IDENTITY"));
  CHECK_THROWS_WITH(dialects::parse_url("mysql://u@h/db?connect_timeout=soon"),
                    Catch::EndsWith("connect_timeout 'soon' is not a number of seconds"));
  CHECK_THROWS_WITH(dialects::parse_url("oracle://h/db"),
                    "unknown database URL scheme 'oracle': expected sqlite, postgresql, "
                    "postgres, mysql or mariadb");
}

TEST_CASE("SQLite URL parameters: the known ones checked, others refused", "[dialects][url]") {
  const auto url =
      dialects::parse_url("sqlite:///a.db?mode=ro&cache=shared&immutable=1&busy_timeout=250");
  CHECK(url.params.size() == 4);
  CHECK_NOTHROW(dialects::parse_url("sqlite:///a.db?mode=rwc&cache=private&immutable=0"));
  CHECK_THROWS_WITH(dialects::parse_url("sqlite:///a.db?mode=r"),
                    "invalid SQLite URL 'sqlite:///a.db?mode=r': mode 'r' is not ro, rw or rwc");
  CHECK_THROWS_WITH(dialects::parse_url("sqlite:///a.db?cache=big"),
                    Catch::EndsWith("cache 'big' is not shared or private"));
  CHECK_THROWS_WITH(dialects::parse_url("sqlite:///a.db?immutable=true"),
                    Catch::EndsWith("immutable 'true' is not 0 or 1"));
  CHECK_THROWS_WITH(dialects::parse_url("sqlite:///a.db?busy_timeout=-1"),
                    Catch::EndsWith("busy_timeout '-1' is not a number of milliseconds"));
  CHECK_THROWS_WITH(dialects::parse_url("sqlite:///a.db?journal_mode=wal"),
                    Catch::StartsWith("invalid SQLite URL 'sqlite:///a.db?journal_mode=wal': "
                                      "unknown parameter 'journal_mode'"));
  CHECK_THROWS_WITH(dialects::parse_url("sqlite:///a.db?mdoe=ro"),
                    Catch::Contains("unknown parameter 'mdoe' (did you mean 'mode'?)"));
}

TEST_CASE("capabilities: what each dialect answers", "[dialects][capabilities]") {
  const auto& sqlite = dialects::dialect_by_name("sqlite");
  const auto& pg = dialects::dialect_by_name("postgresql");
  CHECK(sqlite.transactional_ddl());
  CHECK(pg.transactional_ddl());
  CHECK_FALSE(sqlite.has_enum_types());
  CHECK(pg.has_enum_types());
  CHECK_FALSE(sqlite.max_identifier_length().has_value());
  CHECK(pg.max_identifier_length() == std::size_t{63});
  CHECK_FALSE(sqlite.has_migration_lock());
  CHECK(pg.has_migration_lock());
  const auto& my = dialects::dialect_by_name("mysql");
  CHECK_FALSE(my.transactional_ddl()); // the runner's compensating strategy
  CHECK_FALSE(my.has_enum_types());    // ENUM(...) is a column type
  CHECK(my.max_identifier_length() == std::size_t{64});
  // MySQL refuses a type change under a foreign key; PostgreSQL alters, SQLite rebuilds.
  CHECK(my.foreign_keys_block_type_changes());
  CHECK_FALSE(pg.foreign_keys_block_type_changes());
  CHECK_FALSE(sqlite.foreign_keys_block_type_changes());
  // `current` reads the revision files on a second thread while a server is connected to.
  CHECK_FALSE(sqlite.connects_to_server());
  CHECK(pg.connects_to_server());
  CHECK(my.connects_to_server());
}

namespace {
schema::Column column(std::string name, std::string type, bool nullable, bool primary_key,
                      bool autoincrement) {
  schema::Column c;
  c.name = std::move(name);
  c.type = schema::ColumnType(type);
  c.nullable = nullable;
  c.primary_key = primary_key;
  c.autoincrement = autoincrement;
  return c;
}
} // namespace

TEST_CASE("capabilities: which ops rebuild a table", "[dialects][capabilities]") {
  const auto& sqlite = dialects::dialect_by_name("sqlite");
  const auto& pg = dialects::dialect_by_name("postgresql");
  schema::Database before;
  schema::Table t;
  t.name = "t";
  t.columns.push_back(column("id", "integer", false, true, true));
  t.columns.push_back(column("name", "text", true, false, false));
  t.columns.push_back(column("code", "text", true, false, false));
  schema::Index ix;
  ix.name = "ix_t_code";
  ix.parts = {"code"};
  t.indexes.push_back(ix);
  before.tables.push_back(t);

  const schema::Column nullable_col = column("note", "text", true, false, false);
  const schema::Column required_col = column("flag", "integer", false, false, false);
  auto alter = [](std::string table, std::string column) {
    schema::AlterColumn a;
    a.table = std::move(table);
    a.column = std::move(column);
    return a;
  };
  schema::AlterColumn rename = alter("t", "name");
  rename.new_name = "label";
  schema::AlterColumn not_null = alter("t", "name");
  not_null.nullable = false;
  schema::AlterColumn missing = alter("missing", "x");
  missing.nullable = false;
  schema::Index ix_name;
  ix_name.name = "ix_t_name";
  ix_name.parts = {"name"};
  const std::vector<std::pair<schema::Op, bool>> cases = {
      {schema::AddColumn{"t", nullable_col}, false},
      {schema::AddColumn{"t", required_col}, true}, // NOT NULL without a default
      {schema::DropColumn{"t", "name", std::nullopt}, false},
      {schema::DropColumn{"t", "code", std::nullopt}, true}, // indexed
      {rename, false},                                       // a rename alone
      {not_null, true},
      {schema::CreateCheck{"t", {"ck_t_id", "id > 0"}}, true},
      {schema::CreateIndex{"t", ix_name}, false},
      {schema::RenameTable{"t", "u"}, false},
      {missing, false}, // does not fit `before`
  };
  for (const auto& [op, rebuilds] : cases) {
    CAPTURE(schema::op_name(op));
    CHECK(sqlite.needs_rebuild(op, before) == rebuilds);
    CHECK_FALSE(pg.needs_rebuild(op, before));
  }
}

TEST_CASE("each dialect describes its quoting once", "[dialects][quoting]") {
  const auto& sqlite = dialects::dialect_by_name("sqlite");
  const auto& pg = dialects::dialect_by_name("postgresql");
  for (const auto* d : {&sqlite, &pg}) {
    CHECK(d->quote_ident("we\"ird") == "\"we\"\"ird\"");
    CHECK(d->quote_string("it's a\\b") == "'it''s a\\b'");
  }
  // SQLite reads [x] and `x` back as names; PostgreSQL reads a[1] as a subscript and knows
  // E'' strings and dollar quotes.
  const auto sqlite_tokens = util::sql::tokenize("[a b] `c`", sqlite.quoting().syntax);
  REQUIRE(sqlite_tokens.size() == 2);
  CHECK(util::sql::identifier_value(sqlite_tokens[0]) == "a b");
  CHECK(util::sql::identifier_value(sqlite_tokens[1]) == "c");
  const auto pg_tokens = util::sql::tokenize("a[1] || E'x\\'y' || $$z$$", pg.quoting().syntax);
  REQUIRE(pg_tokens.size() == 8);
  CHECK(util::sql::is_punct(pg_tokens[1], "["));
  CHECK(util::sql::string_value(pg_tokens[5], pg.quoting().syntax) == "x'y");
  CHECK(util::sql::string_value(pg_tokens[7], pg.quoting().syntax) == "z");
  // MySQL: backticks, and a backslash doubled (NO_BACKSLASH_ESCAPES is kept off).
  const auto& my = dialects::dialect_by_name("mysql");
  CHECK(my.quote_ident("we`ird") == "`we``ird`");
  CHECK(my.quote_string("it's a\\b") == "'it''s a\\\\b'");
  const auto my_tokens = util::sql::tokenize("`a b` 'x\\'y' # c", my.quoting().syntax);
  REQUIRE(my_tokens.size() == 3);
  CHECK(util::sql::identifier_value(my_tokens[0]) == "a b");
  CHECK(util::sql::string_value(my_tokens[1], my.quoting().syntax) == "x'y");
}

TEST_CASE("a URL with a NUL byte is refused, for every dialect, without being shown",
          "[dialects][registry][url]") {
  // The client libraries and SQLite read a URL, a password or a path as a C string: up to its
  // first NUL. The rest would be dropped in silence (another file opened, another password
  // sent), and a redaction of the whole text could show what the client never saw as a
  // password (found by fuzzing the URL parser: tests/fuzz/regressions/url/).
  using namespace std::string_literals;
  for (const std::string& text :
       {"postgresql://@h/db?password=hunter22&sslmode=\0\0rify-full=hunter22"s,
        "postgresql://u:pw\0hunter22@h/db"s, "mysql://u:hunter22\0x@h/db"s,
        "sqlite:///app.db\0hunter22.bak"s, "nosuch://u:hunter22@h/\0"s}) {
    INFO(util::escape_control(text));
    try {
      (void)dialects::parse_url(text);
      FAIL("accepted");
    } catch (const util::Error& e) {
      const std::string message = e.what();
      CHECK(message.find("NUL") != std::string::npos);
      CHECK(message.find("hunter22") == std::string::npos);
    }
  }
}
