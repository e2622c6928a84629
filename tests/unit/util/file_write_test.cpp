// Atomic file writes: the file is there whole or not at all, and a failure leaves no
// temporary file behind.
#include "util/file_write.h"

#include "util/error.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

namespace fs = std::filesystem;
using migratecpp::util::IfExists;
using migratecpp::util::write_file_atomically;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("migratecpp_fw_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) {
    ++n;
  }
  return n;
}

// Lowers the process's file-size limit (as a full disk does, writes past it fail with EFBIG)
// for the scope, with SIGXFSZ ignored so the failure is an error code and not a signal.
class FileSizeLimit {
public:
  explicit FileSizeLimit(rlim_t bytes) {
    m_old_handler = std::signal(SIGXFSZ, SIG_IGN);
    ::getrlimit(RLIMIT_FSIZE, &m_old);
    rlimit lim = m_old;
    lim.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &lim);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &m_old);
    std::signal(SIGXFSZ, m_old_handler);
  }

private:
  rlimit m_old{};
  void (*m_old_handler)(int) = nullptr;
};

} // namespace

TEST_CASE("file_write: writes the whole content", "[file_write]") {
  const fs::path dir = fresh_dir("ok");
  write_file_atomically(dir / "a.toml", "hello\n");
  CHECK(read(dir / "a.toml") == "hello\n");
  CHECK(entries(dir) == 1);
  fs::remove_all(dir);
}

TEST_CASE("file_write: IfExists::fail keeps an existing file", "[file_write]") {
  const fs::path dir = fresh_dir("exists");
  write_file_atomically(dir / "a.toml", "first");
  CHECK_THROWS_WITH(write_file_atomically(dir / "a.toml", "second"),
                    Catch::Contains("a.toml: cannot write file: File exists"));
  CHECK(read(dir / "a.toml") == "first");
  CHECK(entries(dir) == 1);
  write_file_atomically(dir / "a.toml", "second", IfExists::replace);
  CHECK(read(dir / "a.toml") == "second");
  CHECK(entries(dir) == 1);
  fs::remove_all(dir);
}

TEST_CASE("file_write: a write that fails partway leaves nothing", "[file_write]") {
  const fs::path dir = fresh_dir("full");
  {
    FileSizeLimit limit(100);
    CHECK_THROWS_WITH(write_file_atomically(dir / "big.toml", std::string(5000, 'x')),
                      Catch::Contains("big.toml: cannot write file: File too large"));
  }
  CHECK(entries(dir) == 0);
  // An existing file is not replaced by a truncated one either.
  write_file_atomically(dir / "keep.toml", "whole");
  {
    FileSizeLimit limit(100);
    CHECK_THROWS(
        write_file_atomically(dir / "keep.toml", std::string(5000, 'y'), IfExists::replace));
  }
  CHECK(read(dir / "keep.toml") == "whole");
  CHECK(entries(dir) == 1);
  fs::remove_all(dir);
}

TEST_CASE("file_write: a missing directory is an error naming the path", "[file_write]") {
  const fs::path dir = fresh_dir("nodir");
  CHECK_THROWS_WITH(write_file_atomically(dir / "no" / "a.toml", "x"),
                    Catch::Contains("a.toml: cannot create a file in"));
  fs::remove_all(dir);
}
