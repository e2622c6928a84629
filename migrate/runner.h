#pragma once
// Runs revisions: renders each op against the tracked schema, sends the statements to a sink
// (a live connection or a script), and moves the version table, one transaction per revision
// (or one for the whole run).
#include "dialects/dialect.h"
#include "migrate/revision.h"
#include "migrate/version_table.h"
#include "util/output.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

struct Step {
  const RevisionFile* file = nullptr; // nullptr: a stamp step (version table only)
  bool upgrade = true;
  std::vector<std::string> rows_before;
  std::vector<std::string> rows_after;
};

// Where statements go.
class Sink {
public:
  virtual ~Sink() = default;
  virtual bool online() const = 0;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual void execute(const dialects::Statement& statement) = 0;
  virtual void comment(std::string_view text) = 0;
};

class ConnectionSink : public Sink {
public:
  explicit ConnectionSink(dialects::Connection& conn) : m_conn(conn) {}
  bool online() const override { return true; }
  void begin() override { m_conn.begin(); }
  void commit() override { m_conn.commit(); }
  void rollback() noexcept override { m_conn.rollback(); }
  void execute(const dialects::Statement& s) override { m_conn.exec(s.sql); }
  void comment(std::string_view) override {}

private:
  dialects::Connection& m_conn;
};

// Writes a script that the database's own client can run (sqlite3, psql, mysql).
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

struct RunOptions {
  bool transaction_per_migration = true;
  // Online only: re-reads the live schema after an `execute` op, whose effect no model knows.
  std::function<schema::Database()> reread_schema;
  // Online only: reads the version table inside each revision's transaction, so that a
  // concurrent migrator is detected instead of applying a revision twice.
  std::function<std::vector<std::string>()> read_rows;
  // With read_rows: true if the version rows `rows` show that `step` is already done (another
  // migrator ran it meanwhile); the step is then skipped instead of reported as a conflict.
  std::function<bool(const Step& step, const std::vector<std::string>& rows)> already_done;
};

// Runs `steps` in order. `state` is the schema before the first step and is kept up to date;
// after a failure it is unspecified (the caller reads the database again if it goes on).
// On failure the current revision is rolled back (or, without transactional DDL, undone op by
// op) and util::Error is thrown naming the revision file, the op and the statement.
void run_steps(const dialects::Dialect& dialect, Sink& sink, const VersionTable& versions,
               const std::vector<Step>& steps, schema::Database& state, const RunOptions& options,
               util::Output& out);

} // namespace migratecpp::migrate
