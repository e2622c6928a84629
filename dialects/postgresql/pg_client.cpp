#include "dialects/postgresql/pg_client.h"

#include "dialects/client_library.h"

namespace migratecpp::dialects::postgresql {

const LibPq& pq() {
  static const LibPq api = [] {
    static const ClientLibrary library("libpq.so.5", "PostgreSQL URLs", "libpq5");
    LibPq loaded;
#define MIGRATECPP_LOAD(name) library.load(loaded.name, #name);
    MIGRATECPP_LIBPQ_FUNCTIONS(MIGRATECPP_LOAD)
#undef MIGRATECPP_LOAD
    return loaded;
  }();
  return api;
}

} // namespace migratecpp::dialects::postgresql
