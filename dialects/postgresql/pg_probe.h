#pragma once
// Asking PostgreSQL how it would store something (a check, a default, a view, a function):
// the statements run in one transaction that is rolled back at the end, each in a savepoint,
// so that one the server refuses (a column the change adds, a new result type) leaves its
// answer empty and does not abort the others. Nothing is left behind.
#include "dialects/connection.h"

#include <functional>
#include <string>

namespace migratecpp::dialects::postgresql {

class Probe {
public:
  explicit Probe(Connection& conn); // BEGIN
  ~Probe();                         // ROLLBACK unless finish() did (errors then ignored)
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;

  // Runs `step` in a savepoint; false if the server refused it (the transaction as before).
  bool attempt(const std::function<void()>& step);
  bool attempt(const std::string& sql);
  // ROLLBACK, reporting its error.
  void finish();

private:
  Connection& m_conn;
  bool m_open = true;
};

} // namespace migratecpp::dialects::postgresql
