#include "util/symlink.h"

#include "util/error.h"

#include <cerrno>
#include <system_error>

namespace fs = std::filesystem;

namespace migratecpp::util {

void require_followable(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) {
    return;
  }
  (void)fs::status(path, ec); // only whether it follows: ec says
  if (!ec) {
    return;
  }
  const Location where{path.string(), 0};
  if (ec == std::errc::too_many_symbolic_link_levels) {
    throw Error("symbolic links in a loop: the link cannot be followed to a file", where);
  }
  std::error_code read_ec;
  const fs::path target = fs::read_symlink(path, read_ec);
  if (ec == std::errc::no_such_file_or_directory) {
    throw Error("symbolic link to '" + target.string() + "', which does not exist", where);
  }
  throw Error("symbolic link to '" + target.string() + "' cannot be followed: " + ec.message(),
              where);
}

} // namespace migratecpp::util
