#pragma once
// Live database -> schema::Database: what the database holds, in the model's terms, so that
// the diff can compare it with the models. The dialect does the reading
// (Dialect::introspect); this is the dialect-neutral entry point the commands call.
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "dialects/introspection.h"
#include "schema/model.h"

#include <string>
#include <vector>

namespace migratecpp::introspect {

// What to read: the schema, and the tables to leave out (see dialects/introspection.h).
using Options = dialects::IntrospectOptions;
using StoredForms = dialects::StoredForms;

// Reads tables, columns (database order), keys, indexes, unique/foreign-key/check constraints
// and comments. Deterministic: tables, indexes and constraints sorted by name (unnamed ones by
// their definition). Types are canonical (schema::ColumnType::as_canonical). The number of
// statements sent does not grow with the number of tables. Throws util::Error for a dialect without
// introspection, DatabaseError if a catalog query fails.
schema::Database introspect(dialects::Connection& conn, const dialects::Dialect& dialect,
                            const Options& options);

// What the database holds that the model does not describe (Dialect::unmanaged_objects):
// named by `inspect` and `check`, never dropped.
using UnmanagedObject = dialects::UnmanagedObject;
std::vector<UnmanagedObject> unmanaged_objects(dialects::Connection& conn,
                                               const dialects::Dialect& dialect,
                                               const Options& options);

// How the database would store SQL expressions written for the live table `table`: for each
// of `checks` (check-constraint expressions), `predicates` (partial-index WHERE clauses) and
// `generated` (generated columns, for their expressions),
// the text introspection would read back, or nullopt where the database keeps the text as
// written (SQLite) or refuses it (a column that does not exist yet). PostgreSQL rewrites
// expressions (BETWEEN, casts, parentheses); asking it is the only reliable way to tell a
// rewritten expression from a changed one. Nothing is left behind.
StoredForms stored_forms(dialects::Connection& conn, const dialects::Dialect& dialect,
                         const schema::Table& table, const std::vector<std::string>& checks,
                         const std::vector<std::string>& predicates,
                         const std::vector<schema::Column>& generated = {});

} // namespace migratecpp::introspect
