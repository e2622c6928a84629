#pragma once
// What differs between databases: DDL rendering, quoting, types, transactions, connecting.
// The runner, the diff and the commands talk to databases only through this interface.
#include "dialects/connection.h"
#include "schema/ops.h"
#include "util/url.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects {

struct Statement {
  std::string sql;     // one statement, no trailing semicolon
  std::string comment; // what it does, for --sql output and error messages
  // The SQL that takes this one statement back, for the runner's compensating strategy (a
  // database whose DDL commits on its own, where a failure partway through an op must undo
  // the op's statements that already ran). nullopt: no reverse is known, the runner reports
  // the statement as not undone. "": nothing to undo on its own (its effect goes with an
  // earlier statement's reverse, e.g. rows copied into a table whose creation is undone).
  std::optional<std::string> undo = std::nullopt;
};

class Dialect {
public:
  virtual ~Dialect() = default;

  virtual std::string_view name() const = 0; // "sqlite", "postgresql", "mysql"
  // False for MySQL: DDL commits implicitly, so a failed revision is undone op by op.
  virtual bool transactional_ddl() const = 0;

  // DDL for one op. `before` is the schema as it stands before the op (the runner tracks it):
  // SQLite needs it to rebuild tables, others to restate what ALTER cannot keep.
  // Throws util::Error naming the table/column when the op does not fit `before`.
  virtual std::vector<Statement> render(const schema::Op& op,
                                        const schema::Database& before) const = 0;

  virtual std::string quote_ident(std::string_view ident) const = 0;
  virtual std::string quote_string(std::string_view text) const;
  virtual std::string literal(const schema::Value& value) const;
  // A column type as this dialect spells it: portable names mapped, native names passed through.
  virtual std::string type_sql(const std::string& type) const = 0;

  // Statements around a transaction, for --sql output ("BEGIN", "COMMIT").
  virtual std::string begin_sql() const { return "BEGIN"; }
  virtual std::string commit_sql() const { return "COMMIT"; }

  // The version table, Alembic-compatible: one VARCHAR(32) primary-key column version_num.
  virtual std::string create_version_table_sql(const std::string& table) const;

  // Opens a connection. Throws util::Error with the driver's message (never the password);
  // the caller adds the redacted URL.
  virtual std::unique_ptr<Connection> connect(const util::Url& url) const = 0;
  // True if the version table exists on this connection.
  virtual bool table_exists(Connection& conn, const std::string& table) const = 0;

  // The statement that makes `schema` the connection's default schema ([database] schema in
  // the config), so that the version table, DDL and introspection all work there; run on
  // connecting and written at the top of --sql scripts. Throws util::Error where the dialect
  // has no schemas.
  virtual std::string use_schema_sql(const std::string& schema) const;

  // A lock held for the whole of upgrade, downgrade and stamp, so that two deploys running
  // at once apply each revision exactly once (PostgreSQL: an advisory lock). The default does
  // nothing: SQLite serializes writers itself and the runner re-reads the version table inside
  // each revision's transaction.
  virtual void lock(Connection& conn, const std::string& version_table) const {}
  // True when lock() really excludes other migrators for the whole run; the runner then need
  // not re-read the version table inside each revision's transaction.
  virtual bool has_migration_lock() const { return false; }
  virtual void unlock(Connection& conn, const std::string& version_table) const noexcept {}
};

// Dialect by URL scheme ("postgres" -> postgresql, "mariadb" -> mysql) or by name.
// Throws util::Error listing the known schemes, with a "did you mean".
const Dialect& dialect_for_scheme(std::string_view scheme);
const Dialect& dialect_by_name(std::string_view name);

} // namespace migratecpp::dialects
