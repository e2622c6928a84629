#pragma once
// --json output of the read-only commands (current, heads, history, show, check, verify,
// log): one JSON document on stdout, its shape versioned by "format_version" (docs/json.md).
// Built as toml++ tables and written by its JSON formatter (keys in sorted order), so that
// escaping is the library's, not ours.
#include "migrate/revision.h"
#include "migrate/script_directory.h"
#include "util/output.h"

#include <toml++/toml.h>

#include <set>
#include <string>

namespace migratecpp::migrate {

// The shape's version: raised when a key changes meaning or goes away (new keys may come).
inline constexpr int k_json_format_version = 1;

// A revision as history/heads/current/show give it: id, message, down_revisions, depends_on,
// branch_labels, create_date, path, is_head, is_branch_point, is_merge_point, and is_current
// where `current` is given.
toml::table revision_json(const ScriptDirectory& scripts, const Revision& r,
                          const std::set<std::string>* current = nullptr);
// `{"format_version": 1, <body>}` on stdout (indented, as toml++ writes JSON).
void print_json(util::Output& out, toml::table body);
// A list of strings as a JSON array.
toml::array string_array(const std::vector<std::string>& items);

} // namespace migratecpp::migrate
