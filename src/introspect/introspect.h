#pragma once
// Live database -> schema::Database: what the database holds, in the model's terms, so that
// the diff can compare it with the models. One implementation per dialect, chosen by name.
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "schema/model.h"

#include <string>
#include <vector>

namespace migratecpp::introspect {

struct Options {
  std::vector<std::string> exclude_tables; // left out entirely (names, case-insensitive)
  std::string version_table;               // left out too; "" = none
  std::string schema;                      // PostgreSQL schema; "" = the default. Unused by SQLite.
};

// Reads tables, columns (database order), keys, indexes, unique/foreign-key/check constraints
// and comments. Deterministic: tables, indexes and constraints sorted by name (unnamed ones by
// their definition). Types are canonical (schema::canonical_type). The number of statements
// sent does not grow with the number of tables. Throws util::Error for a dialect without
// introspection, DatabaseError if a catalog query fails.
schema::Database introspect(dialects::Connection& conn, const dialects::Dialect& dialect,
                            const Options& options);

// The SQLite implementation (sqlite_introspect.cpp): four catalog queries in all.
schema::Database introspect_sqlite(dialects::Connection& conn, const Options& options);

} // namespace migratecpp::introspect
