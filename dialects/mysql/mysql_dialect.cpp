#include "dialects/mysql/mysql_dialect.h"

#include "dialects/mysql/mysql_connection.h"
#include "dialects/mysql/mysql_url.h"
#include "util/error.h"
#include "util/strings.h"

namespace migratecpp::dialects::mysql {

std::unique_ptr<Connection> MysqlDialect::connect(const util::Url& url,
                                                  const ConnectOptions& options) const {
  return std::make_unique<MysqlConnection>(url, options.lock_timeout);
}

void MysqlDialect::complete_url(util::Url& url) const {
  complete_mysql_url(url);
}

std::vector<Statement> MysqlDialect::script_session() const {
  return {{session_sql_mode_statement(),
           "read the script as written: no ANSI_QUOTES, no NO_BACKSLASH_ESCAPES"}};
}

bool MysqlDialect::has_expression_indexes(Connection& conn) const {
  const auto* my = dynamic_cast<const MysqlConnection*>(&conn);
  return my != nullptr && !my->is_mariadb() && my->server_version() >= 80013;
}

std::string MysqlDialect::use_schema_sql(const std::string& schema) const {
  return "USE " + quote_ident(schema);
}

bool MysqlDialect::table_exists(Connection& conn, const std::string& table) const {
  // BINARY: the exact name, whatever the collation of the catalog's columns.
  const Rows rows = conn.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                               "DATABASE() AND TABLE_NAME = BINARY ? AND TABLE_TYPE = 'BASE TABLE'",
                               {table});
  return !rows.rows.empty();
}

std::vector<Dialect::NamedRelation> MysqlDialect::relations_named(Connection& conn,
                                                                  const std::string& name) const {
  const Rows db = conn.query("SELECT DATABASE(), @@lower_case_table_names");
  if (db.rows.empty() || !db.rows[0][0]) {
    throw util::Error("no database to work in: the URL names none; add it to the URL "
                      "(mysql://user@host/database) or set [database] schema in the config");
  }
  // lower_case_table_names 0: names are case-sensitive (the file system's, on Linux); 1 and
  // 2: the server finds a table whatever the case of the name asked for.
  const bool case_insensitive = db.rows[0][1].value_or("0") != "0";
  const Rows rows = conn.query(
      "SELECT TABLE_NAME, CASE TABLE_TYPE WHEN 'BASE TABLE' THEN 'table' WHEN 'VIEW' THEN 'view' "
      "WHEN 'SYSTEM VERSIONED' THEN 'table' WHEN 'SEQUENCE' THEN 'sequence' "
      "ELSE LOWER(TABLE_TYPE) END FROM information_schema.TABLES "
      "WHERE TABLE_SCHEMA = DATABASE() AND LOWER(TABLE_NAME) = LOWER(?) ORDER BY 1",
      {name});
  std::vector<NamedRelation> out;
  for (const auto& r : rows.rows) {
    const std::string found = r[0].value_or("");
    const bool same =
        found == name || (case_insensitive && util::to_lower(found) == util::to_lower(name));
    out.push_back({found, r[1].value_or(""), same});
  }
  return out;
}

const Dialect& dialect() {
  static const MysqlDialect k_instance(false);
  return k_instance;
}

const Dialect& mariadb_dialect() {
  static const MysqlDialect k_instance(true);
  return k_instance;
}

} // namespace migratecpp::dialects::mysql
