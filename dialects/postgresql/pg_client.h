#pragma once
// libpq, the PostgreSQL client library, opened at first use (dialects/client_library.h) rather than
// linked. Call sites write pq().PQcancel(...): the names and types of <libpq-fe.h>, loaded once.
#include <libpq-fe.h>

namespace migratecpp::dialects::postgresql {

// Every function of the library that migratecpp calls.
#define MIGRATECPP_LIBPQ_FUNCTIONS(X)                                                              \
  X(PQcancel)                                                                                      \
  X(PQclear)                                                                                       \
  X(PQcmdStatus)                                                                                   \
  X(PQconnectdbParams)                                                                             \
  X(PQconninfoFree)                                                                                \
  X(PQconninfoParse)                                                                               \
  X(PQerrorMessage)                                                                                \
  X(PQexec)                                                                                        \
  X(PQexecParams)                                                                                  \
  X(PQfinish)                                                                                      \
  X(PQfname)                                                                                       \
  X(PQfreeCancel)                                                                                  \
  X(PQfreemem)                                                                                     \
  X(PQgetCancel)                                                                                   \
  X(PQgetCopyData)                                                                                 \
  X(PQgetResult)                                                                                   \
  X(PQgetisnull)                                                                                   \
  X(PQgetlength)                                                                                   \
  X(PQgetvalue)                                                                                    \
  X(PQnfields)                                                                                     \
  X(PQntuples)                                                                                     \
  X(PQputCopyEnd)                                                                                  \
  X(PQresultErrorField)                                                                            \
  X(PQresultErrorMessage)                                                                          \
  X(PQresultStatus)                                                                                \
  X(PQsendQueryParams)                                                                             \
  X(PQserverVersion)                                                                               \
  X(PQsetNoticeProcessor)                                                                          \
  X(PQsetSingleRowMode)                                                                            \
  X(PQstatus)                                                                                      \
  X(PQtransactionStatus)

struct LibPq {
#define MIGRATECPP_DECLARE(name) decltype(&::name) name = nullptr;
  MIGRATECPP_LIBPQ_FUNCTIONS(MIGRATECPP_DECLARE)
#undef MIGRATECPP_DECLARE
};

// The library's functions, loaded at the first call (thread-safe). Throws util::Error naming
// the package to install when the library cannot be loaded; the next call tries again.
const LibPq& pq();

} // namespace migratecpp::dialects::postgresql
