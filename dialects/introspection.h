#pragma once
// What introspection is asked for and what the stored-forms probe answers: the types of the
// Dialect interface's introspect() and stored_forms(), and the rules every dialect's
// introspection shares (which tables are left out, the order of the result).
#include "schema/model.h"
#include "schema/object_filter.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects {

struct IntrospectOptions {
  std::vector<std::string> exclude_tables; // left out entirely (names, case-insensitive)
  std::string version_table;               // left out too; "" = none
  std::string schema;           // the database schema to read; "" = the default. Unused by SQLite.
  schema::ObjectFilter objects; // [models.exclude] / [models.include]: the objects left out

  // True for the version table, the excluded tables (compared case-insensitively) and the
  // tables `objects` does not manage.
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

// An object of the database that the model does not describe (yet): a view, a trigger, a
// function, a sequence of its own... Introspection leaves it out; `inspect` and `check` name it,
// so that nothing is left behind without a word. migratecpp never drops one: no op is made
// for what the model does not hold.
struct UnmanagedObject {
  std::string kind;  // "view", "materialized view", "trigger", "function", "sequence", ...
  std::string name;  // a function's with its argument types: "add(integer, integer)"
  std::string table; // the table it belongs to (a trigger's, a rule's, a partition's parent)
  bool operator==(const UnmanagedObject&) const = default;
};

// "view 'active_users'", "trigger 'audit' on 'users'": how messages name one.
std::string describe(const UnmanagedObject& object);

struct Rows;
// One UnmanagedObject per row of `rows`, whose first three columns are kind, name and table
// (NULL = none), then kept_and_sorted().
std::vector<UnmanagedObject> unmanaged_from_rows(const Rows& rows,
                                                 const IntrospectOptions& options);

// Objects on a table options.skips() are left out too, and those options.objects does not
// manage; the rest sorted by kind, then name.
std::vector<UnmanagedObject> kept_and_sorted(std::vector<UnmanagedObject> objects,
                                             const IntrospectOptions& options);

// The order introspection promises: tables and enums by name, and in each table the indexes,
// unique, foreign-key and check constraints by name, unnamed ones by their definition.
// Byte order, whatever collation the database's catalog sorts with.
void sort_introspected(schema::Database& db);

} // namespace migratecpp::dialects
