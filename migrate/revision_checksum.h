#pragma once
// The checksum of a revision's ops, recorded in the history table when the revision is
// applied and compared with the file before every upgrade and downgrade (and by `verify`).
#include "migrate/revision.h"

#include <string>

namespace migratecpp::migrate {

// SHA-256 (64 hex digits) of the revision's upgrade and downgrade ops, re-serialized in
// canonical form (render_ops: one fixed key order, fixed spacing, no comments), so that
// comments, whitespace, key order, quoting style and the header (message, create_date) do
// not count, while any change to an op, its order, or the section it is in does.
// The canonical text is versioned ("v1"): a later change to render_ops that alters it must
// keep a v1 serializer for the checksum, or every applied revision would count as edited.
std::string ops_checksum(const RevisionFile& file);

// The canonical text ops_checksum hashes (for tests and for explaining a mismatch).
std::string ops_checksum_text(const RevisionFile& file);

} // namespace migratecpp::migrate
