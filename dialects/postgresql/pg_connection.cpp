#include "dialects/postgresql/pg_connection.h"

#include "dialects/postgresql/pg_client.h"
#include "util/error.h"
#include "util/process_identity.h"
#include "util/strings.h"

#include <exception>

namespace migratecpp::dialects::postgresql {

namespace {

// libpq messages end in a newline and may span lines ("connection to server ... failed:
// FATAL: ..."); keep the lines, drop the trailing whitespace.
std::string clean_message(const char* text) {
  std::string out = text != nullptr ? text : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) {
    out.pop_back();
  }
  return out;
}

// Called from a signal handler: PQcancel is async-signal-safe with a local error buffer.
void cancel_statement(void* cancel) noexcept {
  char error[256];
  pq().PQcancel(static_cast<PGcancel*>(cancel), error, sizeof error);
}

// The migration tool prints its own progress; the server's NOTICEs ("table does not exist,
// skipping", "drop cascades to ...") would be noise on stderr that nobody asked for.
void ignore_notice(void* /*arg*/, const char* /*message*/) {}

struct ResultGuard {
  PGresult* result;
  ~ResultGuard() { pq().PQclear(result); }
};

} // namespace

std::vector<std::pair<std::string, std::string>> connection_parameters(const util::Url& url) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!url.host.empty()) {
    out.emplace_back("host", url.host);
  }
  if (url.port != 0) {
    out.emplace_back("port", std::to_string(url.port));
  }
  if (!url.user.empty()) {
    out.emplace_back("user", url.user);
  }
  if (url.has_password) {
    out.emplace_back("password", url.password);
  }
  if (!url.database.empty()) {
    out.emplace_back("dbname", url.database);
  }
  bool timeout_given = false;
  for (const auto& [key, value] : url.params) {
    out.emplace_back(key, value);
    timeout_given = timeout_given || key == "connect_timeout";
  }
  if (!timeout_given) {
    out.emplace_back("connect_timeout", std::string(k_default_connect_timeout));
  }
  // Used unless the URL or PGAPPNAME set application_name: it is what a deployer waiting
  // for the migration lock is told about its holder (pg_stat_activity), so it names the
  // process and the machine. At most 63 bytes are kept by the server.
  out.emplace_back("fallback_application_name",
                   ("migratecpp (" + util::this_process() + ")").substr(0, 63));
  return out;
}

PgConnection::PgConnection(const util::Url& url) {
  // Keyword/value arrays rather than a conninfo string: the password never has to be quoted
  // into (and so never sits in) a string that an error path could print.
  const auto params = connection_parameters(url);
  std::vector<const char*> keywords;
  std::vector<const char*> values;
  keywords.reserve(params.size() + 1);
  values.reserve(params.size() + 1);
  for (const auto& [key, value] : params) {
    keywords.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  // expand_dbname = 0: a dbname that looks like a URL or conninfo stays a database name.
  m_conn = pq().PQconnectdbParams(keywords.data(), values.data(), 0);
  if (m_conn == nullptr) {
    throw util::Error("out of memory while connecting to PostgreSQL");
  }
  if (pq().PQstatus(m_conn) != CONNECTION_OK) {
    std::string message = util::redact_urls(clean_message(pq().PQerrorMessage(m_conn)));
    pq().PQfinish(m_conn);
    m_conn = nullptr;
    throw util::Error(message);
  }
  pq().PQsetNoticeProcessor(m_conn, &ignore_notice, nullptr);
  m_cancel = pq().PQgetCancel(m_conn);
  if (m_cancel != nullptr) {
    m_canceller = {&cancel_statement, m_cancel};
    util::register_canceller(&m_canceller);
  }
}

PgConnection::~PgConnection() {
  util::unregister_canceller(&m_canceller);
  if (m_cancel != nullptr) {
    pq().PQfreeCancel(m_cancel);
  }
  if (m_conn != nullptr) {
    // Closing the session rolls back anything still open on the server side.
    pq().PQfinish(m_conn);
  }
}

int PgConnection::server_version() const {
  return pq().PQserverVersion(m_conn);
}

void PgConnection::fail(PGresult* result, std::string_view sql) const {
  std::string message;
  std::string sqlstate;
  if (result != nullptr) {
    const char* primary = pq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    const char* detail = pq().PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
    const char* hint = pq().PQresultErrorField(result, PG_DIAG_MESSAGE_HINT);
    const char* state = pq().PQresultErrorField(result, PG_DIAG_SQLSTATE);
    if (primary != nullptr) {
      message = primary;
      if (detail != nullptr) {
        message += "\nDETAIL: " + clean_message(detail);
      }
      if (hint != nullptr) {
        message += "\nHINT: " + clean_message(hint);
      }
    } else {
      message = clean_message(pq().PQresultErrorMessage(result));
    }
    sqlstate = state != nullptr ? state : "";
    pq().PQclear(result);
  }
  if (message.empty()) {
    // No result at all: the connection broke or memory ran out; libpq says which.
    message = clean_message(pq().PQerrorMessage(m_conn));
  }
  throw DatabaseError(util::redact_urls(message), std::move(sqlstate), std::string(sql));
}

void PgConnection::abandon_copy(int status) noexcept {
  if (status == PGRES_COPY_OUT) {
    char* buffer = nullptr;
    while (pq().PQgetCopyData(m_conn, &buffer, 0) > 0) {
      pq().PQfreemem(buffer);
      buffer = nullptr;
    }
  } else {
    pq().PQputCopyEnd(m_conn, "COPY from the client is not supported in migrations");
  }
  while (PGresult* rest = pq().PQgetResult(m_conn)) {
    pq().PQclear(rest);
  }
}

void PgConnection::finish_command(PGresult* result, std::string_view sql) {
  const ExecStatusType status = result != nullptr ? pq().PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      // COPY ... FROM STDIN / TO STDOUT would leave the connection in the copy protocol; end
      // it (refusing to send, discarding what arrives) so that the session stays usable.
      pq().PQclear(result);
      abandon_copy(status);
      throw DatabaseError("COPY to or from the client is not supported in migrations", "",
                          std::string(sql));
    }
    fail(result, sql);
  }
  pq().PQclear(result);
}

void PgConnection::exec(std::string_view sql) {
  count_statement();
  const std::string text(sql);
  finish_command(pq().PQexecParams(m_conn, text.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0),
                 sql);
}

void PgConnection::exec_script(std::string_view sql) {
  count_statement();
  const std::string text(sql);
  finish_command(pq().PQexec(m_conn, text.c_str()), sql);
}

bool PgConnection::in_transaction() const {
  if (m_conn == nullptr) {
    return false;
  }
  const PGTransactionStatusType status = pq().PQtransactionStatus(m_conn);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

namespace {
// The parameters as libpq takes them: text, nullptr for NULL.
std::vector<const char*> parameter_values(const std::vector<std::optional<std::string>>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) {
    values.push_back(p ? p->c_str() : nullptr);
  }
  return values;
}
} // namespace

Rows PgConnection::query(std::string_view sql,
                         const std::vector<std::optional<std::string>>& params) {
  count_statement();
  const std::string text(sql);
  const std::vector<const char*> values = parameter_values(params);
  // Text parameters with unspecified types: the server infers each from its use, as it does
  // for a quoted literal.
  PGresult* result =
      pq().PQexecParams(m_conn, text.c_str(), static_cast<int>(params.size()), nullptr,
                        values.empty() ? nullptr : values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = result != nullptr ? pq().PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      pq().PQclear(result);
      abandon_copy(status);
      throw DatabaseError("COPY to or from the client is not supported in migrations", "",
                          std::string(sql));
    }
    fail(result, sql);
  }
  ResultGuard guard{result};
  Rows rows;
  const int ncol = pq().PQnfields(result);
  const int nrow = pq().PQntuples(result);
  rows.columns.reserve(static_cast<std::size_t>(ncol));
  for (int c = 0; c < ncol; ++c) {
    rows.columns.emplace_back(pq().PQfname(result, c));
  }
  rows.rows.reserve(static_cast<std::size_t>(nrow));
  for (int r = 0; r < nrow; ++r) {
    auto& row = rows.rows.emplace_back();
    row.reserve(static_cast<std::size_t>(ncol));
    for (int c = 0; c < ncol; ++c) {
      if (pq().PQgetisnull(result, r, c) != 0) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(pq().PQgetvalue(result, r, c),
                                     static_cast<std::size_t>(pq().PQgetlength(result, r, c))));
      }
    }
  }
  return rows;
}

void PgConnection::query_each(std::string_view sql,
                              const std::vector<std::optional<std::string>>& params,
                              const std::function<void(const Row&)>& on_row) {
  count_statement();
  const std::string text(sql);
  const std::vector<const char*> values = parameter_values(params);
  if (pq().PQsendQueryParams(m_conn, text.c_str(), static_cast<int>(params.size()), nullptr,
                             values.empty() ? nullptr : values.data(), nullptr, nullptr, 0) == 0) {
    fail(nullptr, sql);
  }
  // Refused only if called at the wrong moment; the rows would then come in one result,
  // which the loop below reads the same way.
  pq().PQsetSingleRowMode(m_conn);
  std::vector<std::string> columns;
  std::vector<std::optional<std::string>> cells;
  // The results are read to the end whatever happens (the connection is usable after), and
  // the first failure, the server's or `on_row`'s, thrown after that.
  PGresult* failed = nullptr;
  std::exception_ptr thrown;
  while (PGresult* result = pq().PQgetResult(m_conn)) {
    const ExecStatusType status = pq().PQresultStatus(result);
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      pq().PQclear(result);
      pq().PQclear(failed);
      abandon_copy(status);
      throw DatabaseError("COPY to or from the client is not supported in migrations", "",
                          std::string(sql));
    }
    if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      if (failed == nullptr) {
        failed = result;
      } else {
        pq().PQclear(result);
      }
      continue;
    }
    ResultGuard guard{result};
    if (failed != nullptr || thrown) {
      continue;
    }
    const int ncol = pq().PQnfields(result);
    if (columns.empty()) {
      for (int c = 0; c < ncol; ++c) {
        columns.emplace_back(pq().PQfname(result, c));
      }
    }
    cells.resize(static_cast<std::size_t>(ncol));
    for (int r = 0; r < pq().PQntuples(result) && !thrown; ++r) {
      for (int c = 0; c < ncol; ++c) {
        auto& cell = cells[static_cast<std::size_t>(c)];
        if (pq().PQgetisnull(result, r, c) != 0) {
          cell.reset();
        } else {
          cell.emplace(pq().PQgetvalue(result, r, c),
                       static_cast<std::size_t>(pq().PQgetlength(result, r, c)));
        }
      }
      try {
        on_row(Row(columns, cells));
      } catch (...) {
        thrown = std::current_exception();
      }
    }
  }
  if (failed != nullptr) {
    fail(failed, sql);
  }
  if (thrown) {
    std::rethrow_exception(thrown);
  }
}

void PgConnection::begin() {
  exec("BEGIN");
}

void PgConnection::commit() {
  count_statement();
  PGresult* result = pq().PQexec(m_conn, "COMMIT");
  if (result == nullptr || pq().PQresultStatus(result) != PGRES_COMMAND_OK) {
    fail(result, "COMMIT");
  }
  ResultGuard guard{result};
  // A COMMIT of a transaction in the failed state succeeds as a command but rolls back; the
  // runner must not record a revision as applied then.
  if (std::string_view(pq().PQcmdStatus(result)) == "ROLLBACK") {
    throw DatabaseError("the transaction was rolled back because an earlier statement failed",
                        "25P02", "COMMIT");
  }
}

void PgConnection::rollback() noexcept {
  if (m_conn == nullptr || pq().PQtransactionStatus(m_conn) == PQTRANS_IDLE ||
      pq().PQtransactionStatus(m_conn) == PQTRANS_UNKNOWN) {
    return;
  }
  count_statement();
  pq().PQclear(pq().PQexec(m_conn, "ROLLBACK"));
}

} // namespace migratecpp::dialects::postgresql
