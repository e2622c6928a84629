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

StoredForms stored_forms(dialects::Connection& conn, const dialects::Dialect& dialect,
                         const schema::Table& table, const std::vector<std::string>& checks,
                         const std::vector<std::string>& predicates) {
  if (dialect.name() == "postgresql") {
    return stored_forms_postgresql(conn, table, checks, predicates);
  }
  // SQLite keeps the CREATE statement's text as written: nothing to learn.
  return {std::vector<std::optional<std::string>>(checks.size()),
          std::vector<std::optional<std::string>>(predicates.size())};
}

} // namespace migratecpp::introspect
