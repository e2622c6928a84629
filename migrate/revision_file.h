#pragma once
// Revision files (migrations/versions/*.toml): a revision's ids and message plus its upgrade
// and downgrade op lists, read with every error located at path:line, and the writer of the
// op lists for new revision files.
#include "migrate/revision.h"
#include "schema/ops.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

// Parses a revision file. Throws util::Error "path:line: message" for TOML syntax errors, a
// missing required key ("create_table: missing required key 'table'"), a wrong value type
// ("'nullable' must be a boolean"), an unknown op or key (with a did-you-mean), or a revision
// id that does not fit the version table (1-32 of [0-9A-Za-z_-]).
// Unnamed indexes and constraints inside create_table / drop_table definitions, and unnamed
// create_index / create_unique / create_foreign_key / create_check ops, get their convention
// names (schema/naming.h), so that a later revision can drop them by name.
RevisionFile parse_revision_file(std::string_view text, const std::string& path);
// The revision's keys alone, from the top-level part of a file (the text before its first
// table header, migrate/revision_header.h): the same fields and checks as parse_revision_file.
Revision parse_revision_keys(std::string_view top_level_text, const std::string& path);
// 1 to 32 letters, digits, '_' or '-': what the version table's VARCHAR(32) holds.
bool is_valid_revision_id(std::string_view id);
// Reads and parses the file; an unreadable file is util::Error
// "path: cannot read revision file: reason".
RevisionFile read_revision_file(const std::filesystem::path& path);

// The ops as `[[<section>]]` blocks ("upgrade" or "downgrade"), separated by blank lines:
// `op = "..."` first, then the op's keys in a fixed order. An op that loses data is preceded
// by "# WARNING: this operation loses data (drops ...); review before applying".
// parse_revision_file reads every op back as it was, with two exceptions: a bulk_insert
// value that is SQL NULL is left out of its row (TOML has no null; a missing key is not
// inserted), and an execute op with a "" entry beside per-dialect entries is written per
// dialect. "" for no ops.
std::string render_ops(const std::vector<schema::Op>& ops, std::string_view section);

} // namespace migratecpp::migrate
