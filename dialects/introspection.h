#pragma once
// What introspection is asked for and what the stored-forms probe answers: the types of the
// Dialect interface's introspect() and stored_forms(), and the rules every dialect's
// introspection shares (which tables are left out, the order of the result).
#include "schema/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects {

struct IntrospectOptions {
  std::vector<std::string> exclude_tables; // left out entirely (names, case-insensitive)
  std::string version_table;               // left out too; "" = none
  std::string schema; // the database schema to read; "" = the default. Unused by SQLite.

  // True for the version table and the excluded tables, compared case-insensitively.
  bool skips(std::string_view table) const;
};

// How the database would store SQL expressions written for a live table (see
// Dialect::stored_forms): one entry per expression asked about, nullopt where the database
// keeps the text as written or refuses it.
struct StoredForms {
  std::vector<std::optional<std::string>> checks;
  std::vector<std::optional<std::string>> predicates;
  std::vector<std::optional<std::string>> generated; // generation expressions
};

// The order introspection promises: tables and enums by name, and in each table the indexes,
// unique, foreign-key and check constraints by name, unnamed ones by their definition.
// Byte order, whatever collation the database's catalog sorts with.
void sort_introspected(schema::Database& db);

} // namespace migratecpp::dialects
