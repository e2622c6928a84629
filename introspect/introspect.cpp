#include "introspect/introspect.h"

namespace migratecpp::introspect {

schema::Database introspect(dialects::Connection& conn, const dialects::Dialect& dialect,
                            const Options& options) {
  schema::Database db = dialect.introspect(conn, options);
  // Tables are left out by the dialects themselves (options.skips), so that nothing refers
  // to one; the other kinds here, once for every dialect.
  std::erase_if(db.enums,
                [&](const schema::Enum& e) { return !options.objects.manages("enums", e.name); });
  return db;
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
