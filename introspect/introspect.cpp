#include "introspect/introspect.h"

namespace migratecpp::introspect {

schema::Database introspect(dialects::Connection& conn, const dialects::Dialect& dialect,
                            const Options& options) {
  schema::Database db = dialect.introspect(conn, options);
  // Tables are left out by the dialects themselves (options.skips), so that nothing refers
  // to one; the other kinds here, once for every dialect.
  const schema::ObjectFilter& objects = options.objects;
  std::erase_if(db.enums, [&](const auto& e) { return !objects.manages("enums", e.name); });
  std::erase_if(db.sequences, [&](const auto& s) { return !objects.manages("sequences", s.name); });
  std::erase_if(db.domains, [&](const auto& d) { return !objects.manages("domains", d.name); });
  std::erase_if(db.extensions,
                [&](const auto& e) { return !objects.manages("extensions", e.name); });
  std::erase_if(db.views, [&](const schema::View& v) {
    return !objects.manages(v.materialized ? "materialized_views" : "views", v.name);
  });
  std::erase_if(db.routines, [&](const auto& r) {
    return !objects.manages(r.kind == "procedure" ? "procedures" : "functions", r.name);
  });
  std::erase_if(db.aggregates,
                [&](const auto& a) { return !objects.manages("aggregates", a.name); });
  std::erase_if(db.operators, [&](const auto& o) { return !objects.manages("operators", o.name); });
  // A trigger goes with a table left out.
  std::erase_if(db.triggers, [&](const auto& t) {
    return !objects.manages("triggers", t.name, t.table) || db.find_table(t.table) == nullptr;
  });
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
