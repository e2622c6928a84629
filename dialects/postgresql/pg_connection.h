#pragma once
// A Connection over libpq.
#include "dialects/connection.h"
#include "util/interrupt.h"
#include "util/url.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct pg_conn;
struct pg_result;
struct pg_cancel;

namespace migratecpp::dialects::postgresql {

// libpq waits this long (seconds) for a server that does not answer, unless the URL says
// otherwise: libpq's own default is to wait forever, which hangs a deploy on a dead host.
inline constexpr std::string_view k_default_connect_timeout = "10";

// The libpq keyword/value pairs for `url`, in the order they are passed to PQconnectdbParams:
// host, port, user, password (only if the URL has one, so that PGPASSWORD and ~/.pgpass still
// apply otherwise), dbname, then every query parameter as a keyword of its own (sslmode,
// application_name, options, ...; an unknown one is refused by libpq when connecting), then
// connect_timeout=10 if no parameter set it. Components the URL leaves empty are left out, so
// libpq's environment defaults (PGHOST, PGUSER, ...) fill them in.
std::vector<std::pair<std::string, std::string>> connection_parameters(const util::Url& url);

class PgConnection : public Connection {
public:
  // Connects with connection_parameters(url). Throws util::Error with libpq's message (which
  // names the host and port, never the password; redacted anyway) when the connection fails.
  explicit PgConnection(const util::Url& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // PQexecParams with no parameters: the extended query protocol, which refuses a second
  // statement ("cannot insert multiple commands into a prepared statement"). Counts as one.
  void exec(std::string_view sql) override;
  // PQexec: one or more statements separated by semicolons. Outside an explicit transaction
  // the server runs a multi-statement string as one implicit transaction. Counts as one.
  void exec_script(std::string_view sql) override;
  bool in_transaction() const override;
  // PQexecParams: one statement; params bind to $1, $2, ... as text, nullopt as NULL.
  Rows query(std::string_view sql,
             const std::vector<std::optional<std::string>>& params = {}) override;
  // PQsendQueryParams in single-row mode: each row arrives as a result of its own.
  void query_each(std::string_view sql, const std::vector<std::optional<std::string>>& params,
                  const std::function<void(const Row&)>& on_row) override;
  void begin() override;
  // Throws DatabaseError when the server rolled the transaction back instead (it answers a
  // COMMIT of a failed transaction with ROLLBACK, which is not an error to libpq).
  void commit() override;
  // Rolls back if a transaction is open (or failed); does nothing otherwise.
  void rollback() noexcept override;

  // The server's version as libpq reports it: 150020 for 15.20.
  int server_version() const;

private:
  // Throws DatabaseError for a failed `result` (which it frees), quoting `sql`.
  [[noreturn]] void fail(pg_result* result, std::string_view sql) const;
  // Checks the result of a statement that returns nothing (frees it); throws DatabaseError.
  void finish_command(pg_result* result, std::string_view sql);

  // Leaves the COPY state `status` (an ExecStatusType) the connection is in and drains the
  // results that follow.
  void abandon_copy(int status) noexcept;

  pg_conn* m_conn = nullptr;
  // For SIGINT/SIGTERM (util/interrupt.h): PQcancel asks the server to stop the statement.
  pg_cancel* m_cancel = nullptr;
  util::Canceller m_canceller{};
};

} // namespace migratecpp::dialects::postgresql
