#pragma once
// The session settings a MySQL/MariaDB routine, trigger or view was created under, which the
// server keeps with it and applies whenever it runs: sql_mode changes what a body does
// (strictness, how || and "x" read, division by zero, ...); character_set_client and
// collation_connection say how the body's string literals were read and which collation
// they compare with. Absent = the tool's connection's own (a model that leaves one out
// creates the object under the connection's value and does not compare it).
#include <optional>
#include <string>

namespace migratecpp::schema {

struct SessionSettings {
  std::optional<std::string> sql_mode;             // "STRICT_TRANS_TABLES,NO_ZERO_DATE,..."
  std::optional<std::string> character_set_client; // "utf8mb3"
  std::optional<std::string> collation_connection; // "utf8mb3_general_ci"
  bool empty() const { return !sql_mode && !character_set_client && !collation_connection; }
  bool operator==(const SessionSettings&) const = default;
};

// Two sql_mode values name the same modes: compared as sets of words, case aside.
bool same_sql_mode(const std::string& a, const std::string& b);
// A character set or collation name compared as the server reads it: case aside, `utf8` the
// same as `utf8mb3` (MariaDB 10.6+ prints the latter for the former).
bool same_charset_name(const std::string& a, const std::string& b);
// The settings compared where both sides give them: one that a side leaves out (a model
// written without it) is not compared.
bool same_session_settings(const SessionSettings& a, const SessionSettings& b);

} // namespace migratecpp::schema
