#include "dialects/postgresql/pg_probe.h"

namespace migratecpp::dialects::postgresql {

Probe::Probe(Connection& conn) : m_conn(conn) {
  m_conn.begin();
}

Probe::~Probe() {
  if (m_open) {
    try {
      m_conn.rollback();
    } catch (...) {
      // Already leaving on an error: that one is reported, not this.
    }
  }
}

bool Probe::attempt(const std::function<void()>& step) {
  m_conn.exec("SAVEPOINT migratecpp_probe");
  try {
    step();
    m_conn.exec("RELEASE SAVEPOINT migratecpp_probe");
    return true;
  } catch (const DatabaseError&) {
    m_conn.exec("ROLLBACK TO SAVEPOINT migratecpp_probe");
    return false;
  }
}

bool Probe::attempt(const std::string& sql) {
  return attempt([&] { m_conn.exec(sql); });
}

void Probe::finish() {
  m_open = false;
  m_conn.rollback();
}

} // namespace migratecpp::dialects::postgresql
