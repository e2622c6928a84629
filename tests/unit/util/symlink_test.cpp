// Links that lead nowhere are named errors; links that lead somewhere and plain files pass.
#include "util/symlink.h"

#include "util/error.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using migratecpp::util::require_followable;

TEST_CASE("symlink: a dangling link and a loop are errors naming the link", "[symlink]") {
  const fs::path dir =
      fs::temp_directory_path() / ("migratecpp_symlink_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "file.toml") << "x = 1\n";
  fs::create_symlink("file.toml", dir / "good.toml");
  fs::create_symlink("gone.toml", dir / "dangling.toml");
  fs::create_symlink("b.toml", dir / "a.toml");
  fs::create_symlink("a.toml", dir / "b.toml");

  CHECK_NOTHROW(require_followable(dir / "file.toml"));
  CHECK_NOTHROW(require_followable(dir / "good.toml"));
  CHECK_NOTHROW(require_followable(dir / "not_there.toml")); // not a link: the caller decides
  CHECK_THROWS_WITH(require_followable(dir / "dangling.toml"),
                    (dir / "dangling.toml").string() +
                        ": symbolic link to 'gone.toml', which does not exist");
  CHECK_THROWS_WITH(require_followable(dir / "a.toml"),
                    Catch::StartsWith((dir / "a.toml").string() + ": symbolic links in a loop"));
  fs::remove_all(dir);
}
