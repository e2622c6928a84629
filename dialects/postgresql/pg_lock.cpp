// The migration lock on PostgreSQL: a session-level advisory lock, taken with
// pg_try_advisory_lock so that the waiting (bounded, announced) is migratecpp's, and looked
// up in pg_locks to name its holder.
#include "dialects/postgresql/pg_dialect.h"

#include <cstdint>
#include <string>

namespace migratecpp::dialects::postgresql {

namespace {

std::string current_schema(Connection& conn) {
  const Rows rows = conn.query("SELECT current_schema()");
  return rows.rows.empty() ? std::string() : rows.rows[0][0].value_or("");
}

class AdvisoryLock : public HeldLock {
public:
  AdvisoryLock(Connection& conn, std::int64_t key) : m_conn(conn), m_key(key) {}
  ~AdvisoryLock() override {
    try {
      m_conn.query("SELECT pg_advisory_unlock(" + std::to_string(m_key) + ")");
    } catch (...) {
      // Only on an error path (a broken connection, an aborted transaction left open): the
      // server releases a session lock when the connection closes, which follows shortly.
    }
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

private:
  Connection& m_conn;
  std::int64_t m_key;
};

} // namespace

std::int64_t PostgresDialect::lock_key(const std::string& schema,
                                       const std::string& version_table) {
  constexpr std::uint64_t k_fnv_offset = 14695981039346656037ULL;
  constexpr std::uint64_t k_fnv_prime = 1099511628211ULL;
  std::uint64_t hash = k_fnv_offset;
  for (unsigned char ch : "migratecpp:" + schema + "." + version_table) {
    hash ^= ch;
    hash *= k_fnv_prime;
  }
  return static_cast<std::int64_t>(hash); // C++20: modular conversion, same on every platform
}

std::unique_ptr<HeldLock> PostgresDialect::try_lock(Connection& conn,
                                                    const std::string& version_table) const {
  const std::int64_t key = lock_key(current_schema(conn), version_table);
  const Rows rows = conn.query("SELECT pg_try_advisory_lock(" + std::to_string(key) + ")");
  if (rows.rows.empty() || rows.rows[0][0] != "t") {
    return nullptr;
  }
  return std::make_unique<AdvisoryLock>(conn, key);
}

std::string PostgresDialect::lock_name(Connection& conn, const std::string& version_table) const {
  const std::string schema = current_schema(conn);
  return "the migration lock of " + schema + "." + version_table + " (advisory lock " +
         std::to_string(lock_key(schema, version_table)) + ")";
}

std::string PostgresDialect::lock_holder(Connection& conn, const std::string& version_table) const {
  // pg_locks shows a bigint advisory key as its high half in classid, its low half in objid,
  // with objsubid 1. pg_stat_activity hides the client address of other users' sessions
  // (without pg_read_all_stats): what it hides is left out.
  const auto key = static_cast<std::uint64_t>(lock_key(current_schema(conn), version_table));
  const Rows rows =
      conn.query("SELECT a.pid, a.application_name, a.usename, host(a.client_addr), "
                 "to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') "
                 "FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid "
                 "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                 "AND l.classid = $1::oid AND l.objid = $2::oid "
                 "AND l.database = (SELECT oid FROM pg_catalog.pg_database "
                 "WHERE datname = current_database())",
                 {std::to_string(key >> 32U), std::to_string(key & 0xFFFFFFFFULL)});
  if (rows.rows.empty()) {
    return "";
  }
  const auto& r = rows.rows[0];
  std::string out = "PostgreSQL backend pid " + r[0].value_or("?");
  std::string details;
  const auto add = [&](const std::string& label, const std::optional<std::string>& v) {
    if (v && !v->empty()) {
      details += (details.empty() ? "" : ", ") + label + *v;
    }
  };
  add("application '", r[1] ? std::optional<std::string>(*r[1] + "'") : std::nullopt);
  add("user ", r[2]);
  add("client ", r[3]);
  add("connected since ", r[4] ? std::optional<std::string>(*r[4] + " UTC") : std::nullopt);
  return details.empty() ? out : out + " (" + details + ")";
}

} // namespace migratecpp::dialects::postgresql
