#include "dialects/client_library.h"

#include "util/error.h"

#include <dlfcn.h>

namespace migratecpp::dialects {

ClientLibrary::ClientLibrary(const char* soname, const char* needed_for, const char* package)
    : m_soname(soname), m_package(package) {
  // RTLD_LOCAL: its symbols stay its own; RTLD_NOW: a missing symbol fails here, not in the
  // middle of a migration.
  m_handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (m_handle == nullptr) {
    const char* reason = dlerror();
    throw util::Error(std::string(needed_for) + " need the client library " + soname +
                      ", which cannot be loaded (" + (reason != nullptr ? reason : "unknown") +
                      "); install the package " + package + " (apt install " + package + ")");
  }
}

ClientLibrary::~ClientLibrary() {
  // Never unloaded: the libraries register atexit handlers and thread-local state (libmariadb,
  // OpenSSL under libpq) that must outlive any static destructor calling into them.
}

void* ClientLibrary::symbol(const char* name) const {
  dlerror();
  void* address = dlsym(m_handle, name);
  if (address == nullptr) {
    throw util::Error(m_soname + " has no function " + name + "; it is older than the " +
                      "version migratecpp was built with: upgrade the package " + m_package);
  }
  return address;
}

} // namespace migratecpp::dialects
