#include "migrate/version_table.h"

#include "migrate/owned_table.h"
#include "util/error.h"

#include <algorithm>
#include <set>

namespace migratecpp::migrate {

VersionTable::VersionTable(const dialects::Dialect& dialect, std::string table)
    : m_dialect(dialect), m_table(std::move(table)) {}

std::string VersionTable::create_sql() const {
  return m_dialect.create_version_table_sql(m_table);
}

bool VersionTable::exists(dialects::Connection& conn) const {
  return m_state.exists(m_dialect, conn, m_table, "version table", [](const std::string& found) {
    return "If it is the version table, set [database] version_table = \"" + found +
           "\"; else rename it";
  });
}

std::vector<std::string> VersionTable::read(dialects::Connection& conn) const {
  if (!m_state.seen()) {
    if (auto rows = m_dialect.read_if_plain_table(conn, m_table, "version_num")) {
      m_state.made();
      std::sort(rows->begin(), rows->end());
      return std::move(*rows);
    }
  }
  if (!exists(conn)) {
    return {};
  }
  return read_existing(conn);
}

std::vector<std::string> VersionTable::read_existing(dialects::Connection& conn) const {
  auto rows = conn.query("SELECT version_num FROM " + m_dialect.quote_ident(m_table));
  std::vector<std::string> out;
  for (const auto& r : rows.rows) {
    if (!r.empty() && r[0]) {
      out.push_back(*r[0]);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void VersionTable::ensure(dialects::Connection& conn) const {
  if (!exists(conn)) {
    conn.exec(create_sql());
    m_state.made();
  }
}

std::vector<dialects::Statement>
VersionTable::transition(const std::vector<std::string>& from,
                         const std::vector<std::string>& to) const {
  const std::set<std::string> before(from.begin(), from.end());
  const std::set<std::string> after(to.begin(), to.end());
  std::vector<std::string> removed;
  std::vector<std::string> added;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::back_inserter(removed));
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(added));
  const std::string table = m_dialect.quote_ident(m_table);
  // Each statement carries its reverse: the compensating strategy undoes a version-row
  // write like any other statement.
  auto update = [&](const std::string& to_row, const std::string& from_row) {
    return "UPDATE " + table + " SET version_num=" + m_dialect.quote_string(to_row) + " WHERE " +
           table + ".version_num = " + m_dialect.quote_string(from_row);
  };
  auto remove = [&](const std::string& row) {
    return "DELETE FROM " + table + " WHERE " + table +
           ".version_num = " + m_dialect.quote_string(row);
  };
  auto insert = [&](const std::string& row) {
    return "INSERT INTO " + table + " (version_num) VALUES (" + m_dialect.quote_string(row) + ")";
  };
  std::vector<dialects::Statement> out;
  // Pair removals with additions as UPDATEs; the rest are DELETEs or INSERTs.
  std::size_t paired = std::min(removed.size(), added.size());
  for (std::size_t i = 0; i < paired; ++i) {
    out.push_back({update(added[i], removed[i]), "version " + removed[i] + " -> " + added[i],
                   update(removed[i], added[i])});
  }
  for (std::size_t i = paired; i < removed.size(); ++i) {
    out.push_back({remove(removed[i]), "remove version " + removed[i], insert(removed[i])});
  }
  for (std::size_t i = paired; i < added.size(); ++i) {
    out.push_back({insert(added[i]), "add version " + added[i], remove(added[i])});
  }
  return out;
}

} // namespace migratecpp::migrate
