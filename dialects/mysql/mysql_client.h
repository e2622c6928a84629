#pragma once
// MariaDB Connector/C (libmariadb), the MySQL and MariaDB client library, opened at first use
// (dialects/client_library.h) rather than linked. Call sites write client().mysql_close(...): the
// names and types of <mysql.h>, loaded once.
#include <mysql.h>

namespace migratecpp::dialects::mysql {

// Every function of the library that migratecpp calls.
#define MIGRATECPP_LIBMARIADB_FUNCTIONS(X)                                                         \
  X(mariadb_get_infov)                                                                             \
  X(mysql_close)                                                                                   \
  X(mysql_errno)                                                                                   \
  X(mysql_error)                                                                                   \
  X(mysql_fetch_fields)                                                                            \
  X(mysql_fetch_lengths)                                                                           \
  X(mysql_fetch_row)                                                                               \
  X(mysql_field_count)                                                                             \
  X(mysql_free_result)                                                                             \
  X(mysql_get_server_info)                                                                         \
  X(mysql_get_server_version)                                                                      \
  X(mysql_init)                                                                                    \
  X(mysql_next_result)                                                                             \
  X(mysql_num_fields)                                                                              \
  X(mysql_optionsv)                                                                                \
  X(mysql_real_connect)                                                                            \
  X(mysql_real_escape_string)                                                                      \
  X(mysql_real_query)                                                                              \
  X(mysql_set_server_option)                                                                       \
  X(mysql_sqlstate)                                                                                \
  X(mysql_store_result)                                                                            \
  X(mysql_thread_id)                                                                               \
  X(mysql_use_result)

struct LibMariaDb {
#define MIGRATECPP_DECLARE(name) decltype(&::name) name = nullptr;
  MIGRATECPP_LIBMARIADB_FUNCTIONS(MIGRATECPP_DECLARE)
#undef MIGRATECPP_DECLARE
};

// The library's functions, loaded at the first call (thread-safe). Throws util::Error naming
// the package to install when the library cannot be loaded; the next call tries again.
const LibMariaDb& client();

} // namespace migratecpp::dialects::mysql
