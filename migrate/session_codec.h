#pragma once
// The session settings of a routine, trigger or view (schema::SessionSettings) as TOML keys:
// `sql_mode`, `character_set_client`, `collation_connection`, each left out when absent (the
// tool's connection's own). A replace op carries the existing object's with an `existing_`
// prefix.
#include "migrate/toml_reader.h"
#include "schema/session_settings.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace migratecpp::migrate {

// The three keys, `prefix` before each.
std::vector<std::string_view> session_keys(bool existing = false);
// Reads them; a value that is not a list of mode words (sql_mode) or a character set or
// collation name fails naming the key.
schema::SessionSettings read_session(const KeyReader& r, bool existing = false);
// (key, TOML value) pairs of the settings given.
std::vector<std::pair<std::string, std::string>> session_pairs(const schema::SessionSettings& s,
                                                               bool existing = false);
// The same as `key = value` lines.
std::string render_session_keys(const schema::SessionSettings& s, bool existing = false);

} // namespace migratecpp::migrate
