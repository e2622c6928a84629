#include "schema/object_filter.h"

#include <fnmatch.h>

#include <algorithm>
#include <utility>

namespace migratecpp::schema {

namespace {

// An object's kind (as dialects name unmanaged objects) -> its config kind, where the
// plural of the words is not it.
const std::vector<std::pair<std::string_view, std::string_view>> k_kinds_of = {
    {"table", "tables"},
    {"partition", "tables"},
    {"partitioning", "tables"},
    {"column storage", "tables"},
    {"column compression", "tables"},
    {"foreign table", "tables"},
    {"virtual table", "tables"},
    {"view", "views"},
    {"materialized view", "materialized_views"},
    {"function", "functions"},
    {"window function", "functions"},
    {"procedure", "procedures"},
    {"aggregate", "aggregates"},
    {"trigger", "triggers"},
    {"sequence", "sequences"},
    {"domain", "domains"},
    {"enum", "enums"},
    {"type", "types"},
    {"extension", "extensions"},
    {"operator", "operators"},
    {"rule", "rules"},
    {"policy", "policies"},
    {"event", "events"},
};

bool matches_any(const std::vector<std::string>& patterns, std::string_view name,
                 std::string_view table) {
  const std::string plain(name);
  const std::string qualified = table.empty() ? std::string() : std::string(table) + "." + plain;
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
    return fnmatch(p.c_str(), plain.c_str(), FNM_CASEFOLD) == 0 ||
           (!qualified.empty() && fnmatch(p.c_str(), qualified.c_str(), FNM_CASEFOLD) == 0);
  });
}

} // namespace

bool ObjectFilter::manages(std::string_view kind, std::string_view name,
                           std::string_view table) const {
  const std::string k = config_kind(kind);
  if (auto it = exclude.find(k); it != exclude.end() && matches_any(it->second, name, table)) {
    return false;
  }
  if (auto it = include.find(k); it != include.end() && !matches_any(it->second, name, table)) {
    return false;
  }
  return true;
}

const std::vector<std::string>& ObjectFilter::kinds() {
  static const std::vector<std::string> k_kinds = {
      "tables",     "views",      "materialized_views", "functions", "procedures",
      "aggregates", "triggers",   "sequences",          "domains",   "enums",
      "types",      "extensions", "operators",          "rules",     "policies",
      "events"};
  return k_kinds;
}

std::string ObjectFilter::config_kind(std::string_view kind) {
  for (const auto& [object_kind, config] : k_kinds_of) {
    if (kind == object_kind) {
      return std::string(config);
    }
  }
  return std::string(kind);
}

std::string ObjectFilter::literal(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '*' || c == '?' || c == '[' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

} // namespace migratecpp::schema
