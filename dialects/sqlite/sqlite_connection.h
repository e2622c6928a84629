#pragma once
// A Connection over libsqlite3.
#include "dialects/connection.h"
#include "util/interrupt.h"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace migratecpp::dialects::sqlite {

class SqliteConnection : public Connection {
public:
  // Opens the database file `path` (created if missing; relative to the working directory),
  // or a private in-memory database for ":memory:" and "". Throws util::Error naming the path
  // when it cannot be opened (missing directory, not a database, no permission).
  // `params`: URI parameters as SqliteDialect::complete_url checked them (mode, cache,
  // immutable: SQLite's own, passed through a file: URI; busy_timeout: milliseconds to wait
  // for another connection's lock, beating `busy_timeout`).
  explicit SqliteConnection(const std::string& path,
                            const std::vector<std::pair<std::string, std::string>>& params = {},
                            std::chrono::milliseconds busy_timeout = std::chrono::seconds(5));
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Exactly one statement (sqlite3_prepare_v2 + step); text after it other than whitespace
  // and comments is refused before anything runs. Counts as one.
  void exec(std::string_view sql) override;
  // Every statement of `sql` in order; stops at the first failure. Counts as one.
  void exec_script(std::string_view sql) override;
  bool in_transaction() const override;
  // One statement; params bind to ?1, ?2... (or ?) as text, nullopt as NULL.
  Rows query(std::string_view sql,
             const std::vector<std::optional<std::string>>& params = {}) override;
  void query_each(std::string_view sql, const std::vector<std::optional<std::string>>& params,
                  const std::function<void(const Row&)>& on_row) override;
  // BEGIN IMMEDIATE: takes the write lock at once, so a concurrent migrator waits (busy
  // timeout) or fails here rather than halfway through a revision.
  void begin() override;
  void commit() override;
  void rollback() noexcept override;

  const std::string& path() const { return m_path; }
  // The database file's absolute name, as SQLite resolved it; "" for an in-memory database.
  std::string file_name() const;

private:
  // Throws DatabaseError for the connection's current error, quoting `sql`.
  [[noreturn]] void fail(std::string_view sql) const;
  // Prepares the one statement `sql` holds (nullptr if only whitespace or comments); a second
  // statement after it is refused (DatabaseError) before anything runs.
  sqlite3_stmt* prepare_one(std::string_view sql);
  // Runs one query: its column names into `columns`, then each row's cells to `on_row` (the
  // same vector each time, refilled).
  void run_query(std::string_view sql, const std::vector<std::optional<std::string>>& params,
                 std::vector<std::string>& columns,
                 const std::function<void(std::vector<std::optional<std::string>>&)>& on_row);
  // Steps a prepared statement to the end and finalizes it; throws DatabaseError quoting `sql`.
  void run(sqlite3_stmt* stmt, std::string_view sql);

  sqlite3* m_db = nullptr;
  // For SIGINT/SIGTERM (util/interrupt.h): sqlite3_interrupt stops the running statement.
  util::Canceller m_canceller{};
  std::string m_path;
};

// The name of an SQLite result code ("SQLITE_CONSTRAINT_UNIQUE"), extended codes included;
// unknown codes as "SQLITE_<primary>(<number>)" or the bare number.
std::string result_code_name(int code);

} // namespace migratecpp::dialects::sqlite
