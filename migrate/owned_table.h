#pragma once
// migratecpp's own tables, the version table and the history table beside it: whether one
// exists, refusing what would otherwise be misread as "no such table" (and so as "no revision
// applied" or "no history"): a view or another relation under its name, or a table whose name
// differs only in letter case.
#include "dialects/dialect.h"

#include <functional>
#include <string>

namespace migratecpp::migrate {

// True if `name` is a table on `conn`. Throws util::Error naming `what` ("version table",
// "history table") when the name is taken by something that is not a table, or when only a
// relation whose name differs in letter case exists; `advice` says, for the name found, what
// to do in that case.
bool owned_table_exists(const dialects::Dialect& dialect, dialects::Connection& conn,
                        const std::string& name, const std::string& what,
                        const std::function<std::string(const std::string& found)>& advice);

// What a command has learnt of one of its tables, so that it asks the catalog once: a table
// seen stays (nothing drops it while the command holds the migration lock), and a table
// looked up and absent, with no relation of its name in any letter case, is looked up again
// by its exact name only (it may have been made since). The search in every letter case
// reads the whole catalog: on PostgreSQL 7 ms at 7,600 relations, and a first upgrade asked
// it twice per table.
class OwnedTableState {
public:
  bool exists(const dialects::Dialect& dialect, dialects::Connection& conn, const std::string& name,
              const std::string& what,
              const std::function<std::string(const std::string& found)>& advice);
  bool seen() const { return m_seen; }
  void made() { m_seen = true; }

private:
  bool m_seen = false;
  bool m_searched = false;
};

} // namespace migratecpp::migrate
