#include "migrate/revision_checksum.h"

#include "migrate/revision_file.h"
#include "util/sha256.h"

namespace migratecpp::migrate {

std::string ops_checksum_text(const RevisionFile& file) {
  // Both sections, each under its own heading, so that moving an op between them counts.
  return "migratecpp ops checksum v1\n[upgrade]\n" + render_ops(file.upgrade, "upgrade") +
         "[downgrade]\n" + render_ops(file.downgrade, "downgrade");
}

std::string ops_checksum(const RevisionFile& file) {
  return util::sha256_hex(ops_checksum_text(file));
}

} // namespace migratecpp::migrate
