#pragma once
// A database client library opened at first use (dlopen), not linked: a run that never
// connects to PostgreSQL or MySQL never maps libpq or libmariadb, nor the thirty libraries
// they pull in (Kerberos, LDAP, GnuTLS, SASL...), which were most of the start-up time of a
// SQLite command. The headers still give every function its type (see pg_client.h).
#include <string>

namespace migratecpp::dialects {

class ClientLibrary {
public:
  // Opens `soname` ("libpq.so.5"); throws util::Error naming what needs it ("PostgreSQL
  // URLs"), the loader's reason, and the Debian package that provides it.
  ClientLibrary(const char* soname, const char* needed_for, const char* package);
  ~ClientLibrary();
  ClientLibrary(const ClientLibrary&) = delete;
  ClientLibrary& operator=(const ClientLibrary&) = delete;

  // The address of `name`; throws util::Error when this copy of the library lacks it (an
  // older version than the one built against).
  void* symbol(const char* name) const;

  // Fills `fn` with the function `name`, typed by the caller's declaration of it.
  template <class F> void load(F& fn, const char* name) const {
    fn = reinterpret_cast<F>(symbol(name));
  }

private:
  void* m_handle = nullptr;
  std::string m_soname;
  std::string m_package;
};

} // namespace migratecpp::dialects
