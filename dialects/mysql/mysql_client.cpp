#include "dialects/mysql/mysql_client.h"

#include "dialects/client_library.h"

namespace migratecpp::dialects::mysql {

const LibMariaDb& client() {
  static const LibMariaDb api = [] {
    static const ClientLibrary library("libmariadb.so.3", "MySQL and MariaDB URLs", "libmariadb3");
    LibMariaDb loaded;
#define MIGRATECPP_LOAD(name) library.load(loaded.name, #name);
    MIGRATECPP_LIBMARIADB_FUNCTIONS(MIGRATECPP_LOAD)
#undef MIGRATECPP_LOAD
    return loaded;
  }();
  return api;
}

} // namespace migratecpp::dialects::mysql
