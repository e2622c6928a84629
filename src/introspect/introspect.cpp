#include "introspect/introspect.h"
#include "introspect/postgresql_introspect.h"

#include "util/error.h"

namespace migratecpp::introspect {

schema::Database introspect(dialects::Connection& conn, const dialects::Dialect& dialect,
                            const Options& options) {
  if (dialect.name() == "sqlite") {
    return introspect_sqlite(conn, options);
  }
  if (dialect.name() == "postgresql") {
    return introspect_postgresql(conn, options);
  }
  throw util::Error("reading the schema of a " + std::string(dialect.name()) +
                    " database is not available in this build yet");
}

} // namespace migratecpp::introspect
