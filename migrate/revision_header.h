#pragma once
// The header of a revision file, read without its ops: what the graph commands (current,
// heads, history, branches, target resolution) need. TOML puts every top-level key before the
// first table header, so a revision's keys (revision, down_revision, branch_labels, depends_on,
// message, create_date) all lie before its first [[upgrade]] / [[downgrade]] line: only that
// part is read and parsed. The ops are parsed when a command uses them (ScriptDirectory::file).
#include "migrate/revision.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace migratecpp::migrate {

// Offset of the first line that opens a top-level table ('[' as its first non-blank
// character, outside strings, comments, arrays and inline tables), or text.size() when there
// is none. `complete` tells whether that line was found: false when the text may continue.
std::size_t toml_top_level_end(std::string_view text, bool* complete = nullptr);

// The revision as parse_revision_file(text, path).revision gives it, read from the top-level
// keys alone. A bad header throws the error the full parse throws (same message, same
// path:line); an error in the ops is not seen here.
Revision parse_revision_header(std::string_view text, const std::string& path);

// The same for a file on disk, reading no further than its first table header. With
// `whole_text`, a file whose header read reached its end (a small file is read in one call)
// leaves its text there, so that its parse need not read it again; else it is left empty.
Revision read_revision_header(const std::filesystem::path& path, std::string* whole_text = nullptr);

} // namespace migratecpp::migrate
