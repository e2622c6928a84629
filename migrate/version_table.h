#pragma once
// Alembic's version table under a configurable name: one VARCHAR(32) primary-key column
// version_num, one row per applied head.
#include "dialects/dialect.h"
#include "migrate/owned_table.h"

#include <string>
#include <vector>

namespace migratecpp::migrate {

class VersionTable {
public:
  VersionTable(const dialects::Dialect& dialect, std::string table);

  const std::string& name() const { return m_table; }
  std::string create_sql() const;
  // The rows, sorted; empty if the table does not exist yet. Throws util::Error when the name
  // is taken by something that is not a table (a view), or only a relation whose name differs
  // in letter case exists: either would otherwise read as "no revision applied".
  std::vector<std::string> read(dialects::Connection& conn) const;
  // The rows of a table known to exist: one query, for the check inside each transaction.
  std::vector<std::string> read_existing(dialects::Connection& conn) const;
  void ensure(dialects::Connection& conn) const;
  // True if the table exists; throws for the oddities read() reports.
  bool exists(dialects::Connection& conn) const;
  // Statements taking the table from rows `from` to rows `to`: an UPDATE where one head
  // moves to another (as Alembic writes it), else DELETEs and INSERTs. Each statement's
  // `undo` is its reverse.
  std::vector<dialects::Statement> transition(const std::vector<std::string>& from,
                                              const std::vector<std::string>& to) const;

private:
  const dialects::Dialect& m_dialect;
  std::string m_table;
  mutable OwnedTableState m_state; // what exists() found, or that ensure() made it
};

} // namespace migratecpp::migrate
