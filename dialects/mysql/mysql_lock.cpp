// The migration lock on MySQL and MariaDB: a named user lock (GET_LOCK), which belongs to the
// session, survives the implicit commits of DDL, and goes away with the session when the
// client dies. Taken with a zero timeout so that the waiting (bounded, announced) is
// migratecpp's own, as on the other databases.
#include "dialects/mysql/mysql_dialect.h"
#include "util/error.h"
#include "util/sha256.h"

#include <string>

namespace migratecpp::dialects::mysql {

namespace {

// MySQL refuses lock names longer than 64 characters: a long one is replaced by a digest.
constexpr std::size_t k_max_lock_name = 64;

std::string lock_name_of(Connection& conn, const std::string& version_table) {
  const Rows rows = conn.query("SELECT DATABASE()");
  const std::string database = rows.rows.empty() ? "" : rows.rows[0][0].value_or("");
  std::string name = "migratecpp:" + database + "." + version_table;
  if (name.size() > k_max_lock_name) {
    name = "migratecpp:" + util::sha256_hex(name).substr(0, 40);
  }
  return name;
}

class NamedLock : public HeldLock {
public:
  NamedLock(Connection& conn, std::string name) : m_conn(conn), m_name(std::move(name)) {}
  ~NamedLock() override {
    try {
      m_conn.query("SELECT RELEASE_LOCK(?)", {m_name});
    } catch (...) {
      // Only on an error path (a broken connection): the server releases a session's named
      // locks when the session ends, which follows shortly.
    }
  }
  NamedLock(const NamedLock&) = delete;
  NamedLock& operator=(const NamedLock&) = delete;

private:
  Connection& m_conn;
  std::string m_name;
};

} // namespace

std::unique_ptr<HeldLock> MysqlDialect::try_lock(Connection& conn,
                                                 const std::string& version_table) const {
  std::string name = lock_name_of(conn, version_table);
  const Rows rows = conn.query("SELECT GET_LOCK(?, 0)", {name});
  const auto got = rows.rows.empty() ? std::nullopt : rows.rows[0][0];
  if (!got) {
    throw util::Error("GET_LOCK('" + name + "') failed: the server returned NULL");
  }
  if (*got != "1") {
    return nullptr;
  }
  return std::make_unique<NamedLock>(conn, std::move(name));
}

std::string MysqlDialect::lock_name(Connection& conn, const std::string& version_table) const {
  return "the migration lock of version table " + version_table + " (GET_LOCK('" +
         lock_name_of(conn, version_table) + "'))";
}

std::string MysqlDialect::lock_holder(Connection& conn, const std::string& version_table) const {
  const Rows used = conn.query("SELECT IS_USED_LOCK(?)", {lock_name_of(conn, version_table)});
  if (used.rows.empty() || !used.rows[0][0]) {
    return "";
  }
  const std::string id = *used.rows[0][0];
  std::string out = "connection " + id;
  std::string details;
  const auto add = [&](const std::string& text) {
    details += (details.empty() ? "" : ", ") + text;
  };
  try {
    // performance_schema is off by default on MariaDB: its absence only costs the name.
    const Rows attrs = conn.query("SELECT ATTR_VALUE FROM performance_schema.session_connect_attrs "
                                  "WHERE PROCESSLIST_ID = ? AND ATTR_NAME = 'program_name'",
                                  {id});
    if (!attrs.rows.empty() && attrs.rows[0][0]) {
      add("program '" + *attrs.rows[0][0] + "'");
    }
  } catch (const util::Error&) {
  }
  // Without the PROCESS privilege only one's own user's sessions are listed: what is hidden
  // is left out.
  const Rows proc = conn.query(
      "SELECT USER, HOST, COMMAND, TIME FROM information_schema.PROCESSLIST WHERE ID = ?", {id});
  if (!proc.rows.empty()) {
    const auto& r = proc.rows[0];
    if (r[0]) {
      add("user " + *r[0]);
    }
    if (r[1]) {
      add("client " + *r[1]);
    }
    if (r[2] && r[3]) {
      add(*r[2] + " for " + *r[3] + " s"); // "Query for 12 s", "Sleep for 3 s"
    }
  }
  return details.empty() ? out : out + " (" + details + ")";
}

} // namespace migratecpp::dialects::mysql
