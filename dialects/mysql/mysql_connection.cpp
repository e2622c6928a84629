#include "dialects/mysql/mysql_connection.h"

#include "dialects/mysql/mysql_client.h"
#include "dialects/mysql/mysql_quoting.h"
#include "dialects/mysql/mysql_url.h"
#include "util/error.h"
#include "util/process_identity.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <thread>

namespace migratecpp::dialects::mysql {

namespace {

// What the session's sql_mode must not hold, and why (set on every connection):
// - ANSI_QUOTES (and the combination modes that imply it: ANSI, DB2, MAXDB, MSSQL, ORACLE,
//   POSTGRESQL): with it "x" is a name, not a string; defaults and checks in model files are
//   written with MySQL's default reading.
// - NO_BACKSLASH_ESCAPES: the dialect's Quoting doubles backslashes in string literals
//   (backslash_escapes); with this mode on, 'a\\b' would store two backslashes.
// - ORACLE also swaps in PL/SQL parsing on MariaDB.
// Everything else the server's administrator chose (STRICT_TRANS_TABLES, ...) is kept.
constexpr const char* k_removed_modes[] = {
    "ANSI_QUOTES", "NO_BACKSLASH_ESCAPES", "ANSI", "DB2", "MAXDB", "MSSQL", "ORACLE", "POSTGRESQL"};

} // namespace

std::string session_sql_mode_statement() {
  std::string expr = "CONCAT(',', @@SESSION.sql_mode, ',')";
  for (const char* mode : k_removed_modes) {
    expr = "REPLACE(" + expr + ", '," + mode + ",', ',')";
  }
  return "SET SESSION sql_mode = TRIM(BOTH ',' FROM " + expr + ")";
}

namespace {

std::string clean(const char* text) {
  std::string out = text != nullptr ? text : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) {
    out.pop_back();
  }
  return util::scrub_secrets(util::redact_urls(out));
}

// Applies the URL's options to a fresh handle and connects. Returns "" or the error.
std::string open_handle(MYSQL* h, const util::Url& url, unsigned timeout_override = 0) {
  const std::string charset = [&] {
    std::string c = url_parameter(url, "charset");
    return c.empty() ? std::string(k_default_charset) : c;
  }();
  client().mysql_optionsv(h, MYSQL_SET_CHARSET_NAME, charset.c_str());
  unsigned timeout = k_default_connect_timeout;
  if (const auto t = util::to_int(url_parameter(url, "connect_timeout"))) {
    timeout = static_cast<unsigned>(*t);
  }
  if (timeout_override != 0) {
    timeout = timeout_override;
  }
  client().mysql_optionsv(h, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  for (const auto& [key, option] : {std::pair{"read_timeout", MYSQL_OPT_READ_TIMEOUT},
                                    std::pair{"write_timeout", MYSQL_OPT_WRITE_TIMEOUT}}) {
    if (const auto t = util::to_int(url_parameter(url, key))) {
      const unsigned seconds = static_cast<unsigned>(*t);
      client().mysql_optionsv(h, option, &seconds);
    }
  }
  // The holder of the migration lock is named from the process list; where the server keeps
  // connection attributes (performance_schema), this one says which process it is.
  const std::string program = "migratecpp (" + util::this_process() + ")";
  client().mysql_optionsv(h, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name", program.c_str());
  // LOAD DATA LOCAL lets a server read the client's files: never wanted by a migration tool.
  const unsigned no = 0;
  client().mysql_optionsv(h, MYSQL_OPT_LOCAL_INFILE, &no);

  const std::string mode = util::to_lower(url_parameter(url, "ssl_mode"));
  if (mode != "disabled") {
    for (const auto& [key, option] :
         {std::pair{"ssl_ca", MYSQL_OPT_SSL_CA}, std::pair{"ssl_capath", MYSQL_OPT_SSL_CAPATH},
          std::pair{"ssl_cert", MYSQL_OPT_SSL_CERT}, std::pair{"ssl_key", MYSQL_OPT_SSL_KEY},
          std::pair{"ssl_cipher", MYSQL_OPT_SSL_CIPHER}, std::pair{"ssl_crl", MYSQL_OPT_SSL_CRL},
          std::pair{"ssl_crlpath", MYSQL_OPT_SSL_CRLPATH},
          std::pair{"tls_version", MARIADB_OPT_TLS_VERSION}}) {
      const std::string value = url_parameter(url, key);
      if (!value.empty()) {
        client().mysql_optionsv(h, option, value.c_str());
      }
    }
    // REQUIRED: TLS or no connection; VERIFY_CA / VERIFY_IDENTITY: and the server's
    // certificate checked (the connector checks the host name with it).
    const my_bool enforce = mode == "required" || mode == "verify_ca" || mode == "verify_identity";
    const my_bool verify = mode == "verify_ca" || mode == "verify_identity";
    if (enforce) {
      client().mysql_optionsv(h, MYSQL_OPT_SSL_ENFORCE, &enforce);
    }
    client().mysql_optionsv(h, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
  }

  const std::string socket = url_parameter(url, "unix_socket");
  if (!socket.empty()) {
    const unsigned protocol = MYSQL_PROTOCOL_SOCKET;
    client().mysql_optionsv(h, MYSQL_OPT_PROTOCOL, &protocol);
  }
  // Host "localhost" (or none) means the socket to the connector; a socket given means it too.
  const char* host =
      !socket.empty() ? "localhost" : (url.host.empty() ? nullptr : url.host.c_str());
  const unsigned port = url.port > 0 ? static_cast<unsigned>(url.port) : 0;
  if (client().mysql_real_connect(h, host, url.user.empty() ? nullptr : url.user.c_str(),
                                  url.has_password ? url.password.c_str() : nullptr,
                                  url.database.empty() ? nullptr : url.database.c_str(), port,
                                  socket.empty() ? nullptr : socket.c_str(), 0) == nullptr) {
    std::string message = clean(client().mysql_error(h));
    const unsigned number = client().mysql_errno(h);
    if (number != 0) {
      message += " (MySQL error " + std::to_string(number) + ")";
    }
    return message.empty() ? "could not connect" : message;
  }
  return "";
}

} // namespace

MysqlError::MysqlError(unsigned error_number, const std::string& message, std::string sqlstate,
                       std::string sql)
    : DatabaseError(message + " (MySQL error " + std::to_string(error_number) + ")",
                    std::move(sqlstate), std::move(sql)),
      m_error_number(error_number) {}

// Cancelling from a signal handler: nothing the connector does is async-signal-safe, so the
// handler only writes a byte to a pipe (write() is), and a thread waiting on the pipe opens a
// second connection with the same settings and sends KILL QUERY <id>, as PQcancel does for
// PostgreSQL. The running statement then fails with ER_QUERY_INTERRUPTED (1317) and the
// runner undoes or reports as for any failure.
class MysqlConnection::Killer {
public:
  Killer(util::Url url, unsigned long thread_id) : m_url(std::move(url)), m_thread_id(thread_id) {
    if (pipe(m_pipe) != 0) {
      m_pipe[0] = m_pipe[1] = -1;
      return;
    }
    m_thread = std::thread([this] { run(); });
  }
  ~Killer() {
    if (m_pipe[1] >= 0) {
      const char quit = 'q';
      while (write(m_pipe[1], &quit, 1) < 0 && errno == EINTR) {
      }
      if (m_thread.joinable()) {
        m_thread.join();
      }
      close(m_pipe[0]);
      close(m_pipe[1]);
    }
  }
  Killer(const Killer&) = delete;
  Killer& operator=(const Killer&) = delete;

  bool usable() const { return m_pipe[1] >= 0; }

  // Async-signal-safe.
  static void cancel(void* self) noexcept {
    const char kill = 'k';
    const int fd = static_cast<Killer*>(self)->m_pipe[1];
    const int saved = errno;
    [[maybe_unused]] const auto n = write(fd, &kill, 1);
    errno = saved;
  }

private:
  void run() {
    char command = 0;
    while (true) {
      const auto n = read(m_pipe[0], &command, 1);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0 || command == 'q') {
        return;
      }
      MYSQL* h = client().mysql_init(nullptr);
      if (h == nullptr) {
        continue;
      }
      if (open_handle(h, m_url, 5).empty()) {
        const std::string kill = "KILL QUERY " + std::to_string(m_thread_id);
        client().mysql_real_query(h, kill.data(), kill.size());
      }
      client().mysql_close(h);
    }
  }

  util::Url m_url;
  unsigned long m_thread_id;
  int m_pipe[2] = {-1, -1};
  std::thread m_thread;
};

MysqlConnection::MysqlConnection(const util::Url& url, std::chrono::milliseconds lock_wait) {
  m_conn = client().mysql_init(nullptr);
  if (m_conn == nullptr) {
    throw util::Error("out of memory while connecting to MySQL");
  }
  if (const std::string error = open_handle(m_conn, url); !error.empty()) {
    client().mysql_close(m_conn);
    m_conn = nullptr;
    throw util::Error(error);
  }
  try {
    exec(session_sql_mode_statement());
    const auto seconds = std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::seconds>(
                                                       lock_wait + std::chrono::milliseconds(999))
                                                       .count());
    exec("SET SESSION lock_wait_timeout = " + std::to_string(seconds));
  } catch (...) {
    client().mysql_close(m_conn);
    m_conn = nullptr;
    throw;
  }
  m_statements_sent = 0;
  m_killer = std::make_unique<Killer>(url, thread_id());
  if (m_killer->usable()) {
    m_canceller = {&Killer::cancel, m_killer.get()};
    util::register_canceller(&m_canceller);
  }
}

MysqlConnection::~MysqlConnection() {
  util::unregister_canceller(&m_canceller);
  m_killer.reset();
  if (m_conn != nullptr) {
    // Closing the session rolls back anything still open on the server side.
    client().mysql_close(m_conn);
  }
}

bool MysqlConnection::is_mariadb() const {
  const char* info = client().mysql_get_server_info(m_conn);
  return info != nullptr && std::string_view(info).find("MariaDB") != std::string_view::npos;
}

unsigned long MysqlConnection::server_version() const {
  return client().mysql_get_server_version(m_conn);
}

unsigned long MysqlConnection::thread_id() const {
  return client().mysql_thread_id(m_conn);
}

void MysqlConnection::fail(std::string_view sql) const {
  const unsigned number = client().mysql_errno(m_conn);
  std::string message = clean(client().mysql_error(m_conn));
  if (message.empty()) {
    message = "the statement failed";
  }
  throw MysqlError(number, message, client().mysql_sqlstate(m_conn), std::string(sql));
}

void MysqlConnection::drain(std::string_view sql) {
  while (true) {
    if (MYSQL_RES* result = client().mysql_store_result(m_conn)) {
      client().mysql_free_result(result);
    } else if (client().mysql_field_count(m_conn) != 0) {
      fail(sql); // a result was due and did not come
    }
    const int next = client().mysql_next_result(m_conn);
    if (next < 0) {
      return;
    }
    if (next > 0) {
      fail(sql);
    }
  }
}

void MysqlConnection::exec(std::string_view sql) {
  count_statement();
  if (client().mysql_real_query(m_conn, sql.data(), sql.size()) != 0) {
    fail(sql);
  }
  drain(sql);
}

void MysqlConnection::exec_script(std::string_view sql) {
  count_statement();
  if (client().mysql_set_server_option(m_conn, MYSQL_OPTION_MULTI_STATEMENTS_ON) != 0) {
    fail(sql);
  }
  struct Off {
    MYSQL* conn;
    ~Off() { client().mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF); }
  } off{m_conn};
  if (client().mysql_real_query(m_conn, sql.data(), sql.size()) != 0) {
    fail(sql);
  }
  drain(sql);
}

bool MysqlConnection::in_transaction() const {
  if (m_conn == nullptr) {
    return false;
  }
  unsigned int status = 0;
  if (client().mariadb_get_infov(m_conn, MARIADB_CONNECTION_SERVER_STATUS, &status) != 0) {
    return false;
  }
  return (status & SERVER_STATUS_IN_TRANS) != 0;
}

namespace {
// `sql` with each ? replaced by its parameter, escaped and quoted (NULL for nullopt): the
// client library's text protocol has no parameters of its own.
std::string with_parameters(MYSQL* conn, std::string_view sql,
                            const std::vector<std::optional<std::string>>& params) {
  std::string text;
  if (params.empty()) {
    text = sql;
  } else {
    std::size_t used = 0;
    std::size_t copied = 0;
    for (const auto& t : util::sql::tokenize(sql, k_quoting.syntax)) {
      if (t.kind != util::sql::TokenKind::variable || t.text != "?") {
        continue;
      }
      if (used == params.size()) {
        throw util::Error("internal error: more ? than parameters in: " + std::string(sql));
      }
      text.append(sql.substr(copied, t.offset - copied));
      copied = t.offset + 1;
      const auto& p = params[used++];
      if (!p) {
        text += "NULL";
        continue;
      }
      std::string escaped(p->size() * 2 + 1, '\0');
      const unsigned long n = client().mysql_real_escape_string(
          conn, escaped.data(), p->data(), static_cast<unsigned long>(p->size()));
      escaped.resize(n);
      text += "'" + escaped + "'";
    }
    if (used != params.size()) {
      throw util::Error("internal error: " + std::to_string(params.size()) + " parameters for " +
                        std::to_string(used) + " ? in: " + std::string(sql));
    }
    text.append(sql.substr(copied));
  }
  return text;
}

// One result's column names.
std::vector<std::string> column_names(MYSQL_RES* result) {
  std::vector<std::string> columns;
  const unsigned ncol = client().mysql_num_fields(result);
  MYSQL_FIELD* fields = client().mysql_fetch_fields(result);
  for (unsigned c = 0; c < ncol; ++c) {
    columns.emplace_back(fields[c].name, fields[c].name_length);
  }
  return columns;
}

// A fetched row's cells (NULL = nullopt), into `cells`.
void read_cells(MYSQL_RES* result, MYSQL_ROW row, std::vector<std::optional<std::string>>& cells) {
  const unsigned ncol = client().mysql_num_fields(result);
  const unsigned long* lengths = client().mysql_fetch_lengths(result);
  cells.resize(ncol);
  for (unsigned c = 0; c < ncol; ++c) {
    if (row[c] == nullptr) {
      cells[c].reset();
    } else {
      cells[c].emplace(row[c], lengths[c]);
    }
  }
}

struct ResultGuard {
  MYSQL_RES* result;
  ~ResultGuard() { client().mysql_free_result(result); }
};

// Reads and drops any result after the first. A query runs one statement (multi-statement
// mode is off outside exec_script), so there is none unless the server sends one anyway.
void skip_further_results(MYSQL* conn) {
  while (client().mysql_next_result(conn) == 0) {
    if (MYSQL_RES* more = client().mysql_store_result(conn)) {
      client().mysql_free_result(more);
    }
  }
}
} // namespace

Rows MysqlConnection::query(std::string_view sql,
                            const std::vector<std::optional<std::string>>& params) {
  const std::string text = with_parameters(m_conn, sql, params);
  count_statement();
  if (client().mysql_real_query(m_conn, text.data(), text.size()) != 0) {
    fail(sql);
  }
  Rows rows;
  MYSQL_RES* result = client().mysql_store_result(m_conn);
  if (result == nullptr) {
    if (client().mysql_field_count(m_conn) != 0) {
      fail(sql);
    }
    drain(sql);
    return rows;
  }
  const ResultGuard guard{result};
  rows.columns = column_names(result);
  while (MYSQL_ROW row = client().mysql_fetch_row(result)) {
    read_cells(result, row, rows.rows.emplace_back());
  }
  skip_further_results(m_conn);
  return rows;
}

void MysqlConnection::query_each(std::string_view sql,
                                 const std::vector<std::optional<std::string>>& params,
                                 const std::function<void(const Row&)>& on_row) {
  const std::string text = with_parameters(m_conn, sql, params);
  count_statement();
  if (client().mysql_real_query(m_conn, text.data(), text.size()) != 0) {
    fail(sql);
  }
  MYSQL_RES* result = client().mysql_use_result(m_conn);
  if (result == nullptr) {
    if (client().mysql_field_count(m_conn) != 0) {
      fail(sql);
    }
    drain(sql);
    return;
  }
  {
    // Freeing an unbuffered result reads what is left of it: the connection stays usable
    // when on_row throws.
    const ResultGuard guard{result};
    const std::vector<std::string> columns = column_names(result);
    std::vector<std::optional<std::string>> cells;
    while (MYSQL_ROW row = client().mysql_fetch_row(result)) {
      read_cells(result, row, cells);
      on_row(Row(columns, cells));
    }
    if (client().mysql_errno(m_conn) != 0) {
      fail(sql); // the connection broke between two rows
    }
  }
  skip_further_results(m_conn);
}

void MysqlConnection::begin() {
  exec("START TRANSACTION");
}

void MysqlConnection::commit() {
  exec("COMMIT");
}

void MysqlConnection::rollback() noexcept {
  if (!in_transaction()) {
    return;
  }
  count_statement();
  static constexpr std::string_view k_rollback = "ROLLBACK";
  if (client().mysql_real_query(m_conn, k_rollback.data(), k_rollback.size()) == 0) {
    if (MYSQL_RES* r = client().mysql_store_result(m_conn)) {
      client().mysql_free_result(r);
    }
  }
}

} // namespace migratecpp::dialects::mysql
