#pragma once
// A Connection over the MariaDB Connector/C, for MySQL and MariaDB servers.
#include "dialects/connection.h"
#include "util/interrupt.h"
#include "util/url.h"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct st_mysql;

namespace migratecpp::dialects::mysql {

// A statement the server refused: DatabaseError plus the server's error number (1064, 1146,
// ...). what() = "<message> (MySQL error N) [SQLSTATE x]" plus the trimmed statement.
// The statement that takes out of the session's sql_mode what the dialect's quoting cannot
// live with (ANSI_QUOTES, NO_BACKSLASH_ESCAPES and the modes implying them), keeping the
// rest: run on every connection, and first in --sql scripts.
std::string session_sql_mode_statement();

class MysqlError : public DatabaseError {
public:
  MysqlError(unsigned error_number, const std::string& message, std::string sqlstate,
             std::string sql);
  unsigned error_number() const { return m_error_number; }

private:
  unsigned m_error_number;
};

class MysqlConnection : public Connection {
public:
  // Connects as the URL says (mysql_url.h: host, port, unix_socket, user, password, database,
  // charset, timeouts, TLS), then makes the session's sql_mode what the dialect's quoting
  // assumes (see the .cpp). Throws util::Error with the connector's message (never the
  // password) when the connection fails.
  // `lock_wait`: the session's lock_wait_timeout (whole seconds, at least 1), how long a
  // statement waits for a metadata lock another connection holds (MySQL's default is a year:
  // an ALTER TABLE behind an idle transaction would hang the deploy).
  explicit MysqlConnection(const util::Url& url,
                           std::chrono::milliseconds lock_wait = std::chrono::minutes(5));
  ~MysqlConnection() override;
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  // mysql_real_query on a session without multi-statements (CLIENT_MULTI_STATEMENTS is never
  // asked for), so the server's parser refuses a second statement with a syntax error: DDL
  // built from model text runs as exactly the one statement it rendered. Counts as one.
  void exec(std::string_view sql) override;
  // The same with multi-statements switched on for this one call
  // (MYSQL_OPTION_MULTI_STATEMENTS_ON, then OFF again): only for `execute` ops. Every result
  // is read; the first statement that fails stops the script and throws. Counts as one.
  void exec_script(std::string_view sql) override;
  // The server's SERVER_STATUS_IN_TRANS flag of the last reply.
  bool in_transaction() const override;
  // One statement; each ? outside quotes and comments is replaced by its parameter as a
  // string literal escaped by mysql_real_escape_string for the connection's character set
  // and sql_mode (nullopt: NULL). Throws util::Error when the count of ? differs.
  Rows query(std::string_view sql,
             const std::vector<std::optional<std::string>>& params = {}) override;
  // mysql_use_result: rows read from the socket as they are handed over.
  void query_each(std::string_view sql, const std::vector<std::optional<std::string>>& params,
                  const std::function<void(const Row&)>& on_row) override;
  void begin() override;
  void commit() override;
  void rollback() noexcept override;

  // True when the server is MariaDB (its version string says so), false for MySQL.
  bool is_mariadb() const;
  // mysql_get_server_version: 101119 for 10.11.19, 80036 for 8.0.36.
  unsigned long server_version() const;
  // The session's connection id: what KILL QUERY names.
  unsigned long thread_id() const;

private:
  [[noreturn]] void fail(std::string_view sql) const;
  // Reads and frees every result of the statement just sent; throws on an error among them.
  void drain(std::string_view sql);

  st_mysql* m_conn = nullptr;
  // SIGINT/SIGTERM: KILL QUERY over a second, short connection (mysql_connection.cpp).
  class Killer;
  std::unique_ptr<Killer> m_killer;
  util::Canceller m_canceller{};
};

} // namespace migratecpp::dialects::mysql
