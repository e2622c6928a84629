#pragma once
// One live database connection. Implementations: dialects/sqlite, dialects/postgresql.
#include "util/error.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects {

struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows; // NULL = nullopt; values as text

  std::size_t column_index(std::string_view name) const; // throws util::Error if absent
  // The value of column `name` in row `row` (nullopt: NULL); text() reads NULL as "".
  const std::optional<std::string>& get(std::size_t row, std::string_view name) const {
    return rows[row][column_index(name)];
  }
  std::string text(std::size_t row, std::string_view name) const {
    return get(row, name).value_or("");
  }
};

// One row of a result streamed by Connection::query_each: valid during the call it is given to.
class Row {
public:
  Row(const std::vector<std::string>& columns, const std::vector<std::optional<std::string>>& cells)
      : m_columns(columns), m_cells(cells) {}
  // The value of column `name` (nullopt: NULL); text() reads NULL as "".
  const std::optional<std::string>& get(std::string_view name) const;
  std::string text(std::string_view name) const { return get(name).value_or(""); }
  const std::vector<std::optional<std::string>>& cells() const { return m_cells; }

private:
  const std::vector<std::string>& m_columns;
  const std::vector<std::optional<std::string>>& m_cells;
};

// A statement the database refused. what() = "<database message> [SQLSTATE x]" plus the statement.
class DatabaseError : public util::Error {
public:
  DatabaseError(const std::string& message, std::string sqlstate, std::string sql);
  const std::string& sqlstate() const { return m_sqlstate; }
  const std::string& sql() const { return m_sql; }
  const std::string& db_message() const { return m_db_message; }

private:
  std::string m_db_message;
  std::string m_sqlstate;
  std::string m_sql;
};

class Connection {
public:
  virtual ~Connection() = default;
  // Runs exactly one statement through the prepared-statement API, which refuses a second
  // one: DDL built from model text (defaults, checks, index expressions) can never run more
  // than the statement it rendered. Throws DatabaseError (a second statement included).
  virtual void exec(std::string_view sql) = 0;
  // Runs free-form SQL, any number of statements: only for `execute` ops, whose text the
  // user wrote as SQL. Throws DatabaseError.
  virtual void exec_script(std::string_view sql) = 0;
  // True while a transaction is open. The runner asks after an `execute` op, whose SQL may
  // end the transaction itself (COMMIT), to tell the truth about where the database is.
  virtual bool in_transaction() const = 0;
  // Runs one query; params bind to ?/$n placeholders of the dialect. Throws DatabaseError.
  virtual Rows query(std::string_view sql,
                     const std::vector<std::optional<std::string>>& params = {}) = 0;
  // The same, its rows handed to `on_row` one at a time as they arrive, none kept: for the
  // catalog results that grow with the schema (a row per column of 10,000 tables), which
  // held whole were most of introspection's peak memory. The default collects them first;
  // each connection streams. An exception from `on_row` ends the query and is rethrown, the
  // connection still usable.
  virtual void query_each(std::string_view sql,
                          const std::vector<std::optional<std::string>>& params,
                          const std::function<void(const Row&)>& on_row);
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0; // called on error paths; must not throw
  // Statements sent so far (exec and query each count one): tests assert catalog query counts.
  std::size_t statements_sent() const { return m_statements_sent; }
  // The same summed over every connection this process has opened: a test counts what a whole
  // command (which opens its own connections) sends.
  static std::size_t statements_sent_by_process();

protected:
  // Each implementation calls this once for every statement it sends to the server.
  void count_statement();

  std::size_t m_statements_sent = 0;
};

} // namespace migratecpp::dialects
