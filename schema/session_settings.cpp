#include "schema/session_settings.h"

#include "util/strings.h"

#include <set>

namespace migratecpp::schema {

namespace {

std::set<std::string> mode_words(const std::string& modes) {
  std::set<std::string> out;
  for (const auto& word : util::split(modes, ',')) {
    const std::string w = util::to_upper(util::trim(word));
    if (!w.empty()) {
      out.insert(w);
    }
  }
  return out;
}

// utf8 and utf8_general_ci are what MariaDB before 10.6 (and MySQL) call utf8mb3.
std::string canonical_charset_name(const std::string& name) {
  std::string n = util::to_lower(util::trim(name));
  if (n == "utf8" || n.rfind("utf8_", 0) == 0) {
    n.insert(4, "mb3");
  }
  return n;
}

template <typename Same>
bool same_if_both(const std::optional<std::string>& a, const std::optional<std::string>& b,
                  Same same) {
  return !a || !b || same(*a, *b);
}

} // namespace

bool same_sql_mode(const std::string& a, const std::string& b) {
  return mode_words(a) == mode_words(b);
}

bool same_charset_name(const std::string& a, const std::string& b) {
  return canonical_charset_name(a) == canonical_charset_name(b);
}

bool same_session_settings(const SessionSettings& a, const SessionSettings& b) {
  return same_if_both(a.sql_mode, b.sql_mode, same_sql_mode) &&
         same_if_both(a.character_set_client, b.character_set_client, same_charset_name) &&
         same_if_both(a.collation_connection, b.collation_connection, same_charset_name);
}

} // namespace migratecpp::schema
