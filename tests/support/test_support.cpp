#include "support/test_support.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace migratecpp::test {

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto p = std::filesystem::temp_directory_path() /
             ("migratecpp-test-" + std::to_string(rd()) + std::to_string(attempt));
    if (std::filesystem::create_directory(p)) {
      m_path = p;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::vector<std::string> example_toml_texts() {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  const fs::path root(MIGRATECPP_SOURCE_DIR);
  for (const auto* dir : {"examples", "tests/fuzz/corpus/revision_file"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".toml") {
        out.push_back(read_file(entry.path()));
      }
    }
  }
  return out;
}

std::string mutated(const std::string& text, std::mt19937& random, std::string_view alphabet) {
  std::string out = text;
  const int edits = 1 + static_cast<int>(random() % 3);
  for (int e = 0; e < edits && !out.empty(); ++e) {
    const std::size_t at = random() % out.size();
    const char c = alphabet[random() % alphabet.size()];
    switch (random() % 3) {
    case 0:
      out.erase(at, 1);
      break;
    case 1:
      out.insert(at, 1, c);
      break;
    default:
      out[at] = c;
    }
  }
  return out.empty() ? text : out;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

RunResult run_cli(const std::filesystem::path& cwd, const std::string& args) {
  TempDir io;
  const auto out = io / "out";
  const auto err = io / "err";
  const std::string cmd = "cd '" + cwd.string() + "' && '" MIGRATECPP_BINARY "' " + args + " >'" +
                          out.string() + "' 2>'" + err.string() + "' </dev/null";
  const int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

} // namespace migratecpp::test
