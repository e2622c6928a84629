#pragma once
// Running another program and waiting for it (the post-write hooks): no shell in between, so
// arguments are passed as they are, whatever characters they hold.
#include <filesystem>
#include <string>
#include <vector>

namespace migratecpp::util {

struct ProcessStatus {
  int exit_code = 0; // meaningful when signal == 0
  int signal = 0;    // the signal that ended it, or 0
  bool ok() const { return exit_code == 0 && signal == 0; }
  // "exited with status 3", "was killed by signal 9 (Killed)".
  std::string describe() const;
};

// Runs argv[0] (looked up on PATH when it holds no '/') in `cwd` with stdin from /dev/null
// and its stdout sent to our stderr: our stdout carries data (the file path `revision`
// prints) that a caller may read, and the program's chatter must not mix into it. Waits for
// it to end. Throws util::Error "cannot run 'x': reason" when it cannot be started (not
// found, not executable, a missing cwd).
ProcessStatus run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd);

} // namespace migratecpp::util
