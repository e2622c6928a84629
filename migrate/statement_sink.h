#pragma once
// Where the runner's statements go: a live connection (online) or a script that the
// database's own client runs later (offline, --sql).
#include "dialects/dialect.h"
#include "util/output.h"

#include <string_view>

namespace migratecpp::migrate {

class Sink {
public:
  virtual ~Sink() = default;
  // True when statements run now (and can fail now); false for a script.
  virtual bool online() const = 0;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual void execute(const dialects::Statement& statement) = 0;
  virtual void comment(std::string_view text) = 0;
  // Online: false once the transaction begin() opened has ended, also by an `execute` op's
  // own COMMIT. A script cannot tell: true.
  virtual bool transaction_open() const { return true; }
  // Online: the connection the statements run on (for RenderContext::live); null for a script.
  virtual dialects::Connection* connection() { return nullptr; }
};

// Runs each statement on a live connection.
class ConnectionSink : public Sink {
public:
  explicit ConnectionSink(dialects::Connection& conn) : m_conn(conn) {}
  bool online() const override { return true; }
  void begin() override { m_conn.begin(); }
  void commit() override { m_conn.commit(); }
  void rollback() noexcept override { m_conn.rollback(); }
  void execute(const dialects::Statement& s) override { dialects::run_statement(m_conn, s); }
  void comment(std::string_view) override {}
  bool transaction_open() const override { return m_conn.in_transaction(); }
  dialects::Connection* connection() override { return &m_conn; }

private:
  dialects::Connection& m_conn;
};

// Writes a script that the database's own client can run (sqlite3, psql, mysql): each
// statement ends with ";", comments are "-- " lines followed by a blank line.
class ScriptSink : public Sink {
public:
  ScriptSink(const dialects::Dialect& dialect, util::Output& out)
      : m_dialect(dialect), m_out(out) {}
  bool online() const override { return false; }
  void begin() override;
  void commit() override;
  void rollback() noexcept override {}
  void execute(const dialects::Statement& s) override;
  void comment(std::string_view text) override;

private:
  const dialects::Dialect& m_dialect;
  util::Output& m_out;
};

} // namespace migratecpp::migrate
