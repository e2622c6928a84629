#include "migrate/owned_table.h"

#include "util/error.h"

namespace migratecpp::migrate {

bool owned_table_exists(const dialects::Dialect& dialect, dialects::Connection& conn,
                        const std::string& name, const std::string& what,
                        const std::function<std::string(const std::string& found)>& advice) {
  const auto found = dialect.relations_named(conn, name);
  for (const auto& r : found) {
    if (r.same && r.kind == "table") {
      return true;
    }
  }
  for (const auto& r : found) {
    if (r.same) {
      throw util::Error("the " + what + " '" + name + "' is a " + r.kind +
                        ", not a table: migratecpp cannot record revisions in it. Rename or "
                        "drop it, or set [database] version_table to another name");
    }
  }
  if (!found.empty()) {
    throw util::Error("there is no " + what + " '" + name + "', but there is a " +
                      found.front().kind + " named '" + found.front().name +
                      "' (the letter case differs). " + advice(found.front().name));
  }
  return false;
}

bool OwnedTableState::exists(const dialects::Dialect& dialect, dialects::Connection& conn,
                             const std::string& name, const std::string& what,
                             const std::function<std::string(const std::string& found)>& advice) {
  if (!m_seen) {
    m_seen = m_searched ? dialect.table_exists(conn, name)
                        : owned_table_exists(dialect, conn, name, what, advice);
    m_searched = true;
  }
  return m_seen;
}

} // namespace migratecpp::migrate
