#pragma once
// Which objects of a database migratecpp manages: the config's [models.exclude] and
// [models.include] glob patterns, per kind of object. An object left out is neither read
// (introspection, inspect's list of unmanaged objects) nor written (autogenerate never makes
// an op for it), so a team can leave an extension's tables or a vendor's functions alone.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::schema {

struct ObjectFilter {
  // Config kind ("tables", "views", ... see kinds()) -> glob patterns (`*`, `?`, `[...]`),
  // matched case-insensitively against the name; for an object of a table (a trigger, a rule,
  // a policy) also against "table.name".
  std::map<std::string, std::vector<std::string>> exclude;
  // Where a kind has patterns here, only the objects of that kind matching one are managed.
  std::map<std::string, std::vector<std::string>> include;

  // True unless the object is excluded, or its kind has include patterns and none matches.
  // `kind` is a config kind or an object's kind as messages name it ("materialized view").
  bool manages(std::string_view kind, std::string_view name, std::string_view table = {}) const;
  bool empty() const { return exclude.empty() && include.empty(); }

  // The kinds a config may name, in the order the README lists them.
  static const std::vector<std::string>& kinds();
  // The config kind of an object's kind: "view" -> "views", "materialized view" ->
  // "materialized_views", "partition" -> "tables" (a partition is a table); a config kind
  // stays itself.
  static std::string config_kind(std::string_view kind);
  // A name as a pattern that matches only itself (exclude_tables lists names, not patterns).
  static std::string literal(std::string_view name);
};

} // namespace migratecpp::schema
