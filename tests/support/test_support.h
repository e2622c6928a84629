#pragma once
// Helpers shared by the tests: temporary directories and files, running the binary.
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::test {

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& rel) const { return m_path / rel; }

private:
  std::filesystem::path m_path;
};

void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_file(const std::filesystem::path& path);

// The texts of the .toml files under examples/ and tests/fuzz/corpus/revision_file/: the
// revision files (and a few others) the differential tests start from.
std::vector<std::string> example_toml_texts();
// `text` after one to three random edits, each a character erased, or one of `alphabet`
// inserted or written over one: a mutant for the differential tests. Never empty.
std::string mutated(const std::string& text, std::mt19937& random, std::string_view alphabet);

struct RunResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};
// Runs the built migratecpp binary with `args` (a shell-quoted string) in `cwd`.
RunResult run_cli(const std::filesystem::path& cwd, const std::string& args);

} // namespace migratecpp::test
