#include "dialects/sqlite/sqlite_dialect.h"

#include "dialects/sqlite/sql_text.h"
#include "dialects/sqlite/sqlite_connection.h"
#include "dialects/sqlite/sqlite_ddl.h"
#include "schema/types.h"
#include "util/error.h"
#include "util/strings.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>

namespace migratecpp::dialects::sqlite {

std::string SqliteDialect::literal(const schema::Value& value) const {
  if (const bool* b = std::get_if<bool>(&value)) {
    return *b ? "1" : "0";
  }
  return Dialect::literal(value);
}

std::string SqliteDialect::type_sql(const schema::ColumnType& type) const {
  // SQLite keeps the declared type as written and clients read it back (and only a sole key
  // declared exactly INTEGER is the rowid): every type is written as declared, in its case,
  // so that a model inspect wrote creates the same text again (varchar(128) stays lowercase,
  // INT stays INT, DATETIME stays DATETIME).
  return util::trim(type.declared());
}

bool SqliteDialect::is_row_alias(const schema::Table& table, const schema::Column& column) const {
  // https://www.sqlite.org/lang_createtable.html#rowid: "INTEGER" exactly (any case), on a
  // one-column key. AUTOINCREMENT is always written INTEGER PRIMARY KEY.
  return table.primary_key() == std::vector<std::string>{column.name} &&
         (column.autoincrement || util::iequals(util::trim(column.type.declared()), "integer"));
}

std::unique_ptr<Connection> SqliteDialect::connect(const util::Url& url,
                                                   const ConnectOptions& options) const {
  return std::make_unique<SqliteConnection>(url.database, url.params, options.lock_timeout);
}

bool SqliteDialect::table_exists(Connection& conn, const std::string& table) const {
  const Rows rows =
      conn.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", {table});
  return !rows.rows.empty();
}

std::vector<Dialect::NamedRelation> SqliteDialect::relations_named(Connection& conn,
                                                                   const std::string& name) const {
  // SQLite identifiers are case-insensitive (ASCII): any match is the same relation.
  const Rows rows = conn.query("SELECT name, type FROM sqlite_master WHERE type IN ('table', "
                               "'view') AND lower(name) = lower(?1)",
                               {name});
  std::vector<NamedRelation> out;
  for (const auto& r : rows.rows) {
    out.push_back({r[0].value_or(""), r[1].value_or(""), true});
  }
  return out;
}

void SqliteDialect::complete_url(util::Url& url) const {
  // sqlite:///relative.db, sqlite:////abs.db, sqlite:// (in memory): a path, never a host.
  if (!url.host.empty() || !url.user.empty() || url.has_password || url.port != 0) {
    throw util::Error("invalid SQLite URL '" + url.redacted() +
                      "': use sqlite:///relative/path.db or sqlite:////absolute/path.db");
  }
  if (url.database.empty()) {
    url.database = ":memory:";
  }
  // SQLite's URI parameters that make sense for a migration tool, and busy_timeout (which is
  // not one of SQLite's, but what every SQLite client calls it). Anything else is refused:
  // a parameter silently ignored (mode=ro) would migrate a database meant to stay untouched.
  const std::vector<std::string> known = {"mode", "cache", "immutable", "busy_timeout"};
  for (const auto& [key, value] : url.params) {
    const auto bad = [&](const std::string& why) {
      throw util::Error("invalid SQLite URL '" + url.redacted() + "': " + why);
    };
    if (key == "mode") {
      if (value != "ro" && value != "rw" && value != "rwc") {
        bad("mode '" + value + "' is not ro, rw or rwc");
      }
    } else if (key == "cache") {
      if (value != "shared" && value != "private") {
        bad("cache '" + value + "' is not shared or private");
      }
    } else if (key == "immutable") {
      if (value != "0" && value != "1") {
        bad("immutable '" + value + "' is not 0 or 1");
      }
    } else if (key == "busy_timeout") {
      const bool digits = !value.empty() && value.size() <= 9 &&
                          std::all_of(value.begin(), value.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
      if (!digits) {
        bad("busy_timeout '" + value + "' is not a number of milliseconds");
      }
    } else {
      bad("unknown parameter '" + key + "'" + util::did_you_mean(key, known) +
          "; SQLite URLs take mode=ro|rw|rwc, cache=shared|private, immutable=1 and "
          "busy_timeout=MILLISECONDS");
    }
  }
}

void SqliteDialect::check_url_text(const std::string& text) const {
  const auto end = text.find("://");
  const std::string_view rest =
      end == std::string::npos ? std::string_view{} : std::string_view(text).substr(end + 3);
  if (!rest.empty() && rest.front() != '/' && rest.front() != '?') {
    throw util::Error("invalid SQLite URL '" + util::redact_url(text) +
                      "': use sqlite:///relative/path.db or sqlite:////absolute/path.db");
  }
}

const Dialect& dialect() {
  static const SqliteDialect instance;
  return instance;
}

void tune_for_command_process() {
  // SQLite counts every allocation it makes under a global mutex, for sqlite3_memory_used()
  // and the soft heap limit, neither of which a command uses: 8% of the instructions of a
  // 200-revision upgrade (bench/RESULTS.md). Only possible before SQLite initialises; after,
  // it is refused (SQLITE_MISUSE) and changes nothing, which is as good.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

} // namespace migratecpp::dialects::sqlite
