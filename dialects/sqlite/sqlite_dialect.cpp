#include "dialects/sqlite/sqlite_dialect.h"

#include "dialects/sqlite/sql_text.h"
#include "dialects/sqlite/sqlite_connection.h"
#include "dialects/sqlite/sqlite_ddl.h"
#include "schema/types.h"
#include "util/error.h"
#include "util/strings.h"

namespace migratecpp::dialects::sqlite {

std::string SqliteDialect::literal(const schema::Value& value) const {
  if (const bool* b = std::get_if<bool>(&value)) {
    return *b ? "1" : "0";
  }
  return Dialect::literal(value);
}

std::string SqliteDialect::type_sql(const schema::ColumnType& type) const {
  if (!schema::is_portable_type(type.declared())) {
    return util::trim(type.declared());
  }
  std::string out = detail::to_upper(type.base());
  if (!type.args().empty()) {
    out += "(" + util::join(type.args(), ",") + ")";
  }
  return out;
}

std::unique_ptr<Connection> SqliteDialect::connect(const util::Url& url) const {
  return std::make_unique<SqliteConnection>(url.database);
}

bool SqliteDialect::table_exists(Connection& conn, const std::string& table) const {
  const Rows rows =
      conn.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", {table});
  return !rows.rows.empty();
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
}

void SqliteDialect::check_url_text(const std::string& text) const {
  const auto end = text.find("://");
  const std::string_view rest =
      end == std::string::npos ? std::string_view{} : std::string_view(text).substr(end + 3);
  if (!rest.empty() && rest.front() != '/' && rest.front() != '?') {
    throw util::Error("invalid SQLite URL '" + util::redact_urls(text) +
                      "': use sqlite:///relative/path.db or sqlite:////absolute/path.db");
  }
}

const Dialect& dialect() {
  static const SqliteDialect instance;
  return instance;
}

} // namespace migratecpp::dialects::sqlite
