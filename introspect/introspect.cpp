#include "introspect/introspect.h"

namespace migratecpp::introspect {

schema::Database introspect(dialects::Connection& conn, const dialects::Dialect& dialect,
                            const Options& options) {
  return dialect.introspect(conn, options);
}

std::vector<UnmanagedObject> unmanaged_objects(dialects::Connection& conn,
                                               const dialects::Dialect& dialect,
                                               const Options& options) {
  return dialect.unmanaged_objects(conn, options);
}

StoredForms stored_forms(dialects::Connection& conn, const dialects::Dialect& dialect,
                         const schema::Table& table, const std::vector<std::string>& checks,
                         const std::vector<std::string>& predicates,
                         const std::vector<schema::Column>& generated) {
  return dialect.stored_forms(conn, table, checks, predicates, generated);
}

} // namespace migratecpp::introspect
