#include "util/subprocess.h"

#include "util/error.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

extern char** environ;

namespace migratecpp::util {

namespace {

// Releases posix_spawn's file actions however run_process leaves.
class FileActions {
public:
  FileActions() { posix_spawn_file_actions_init(&m_actions); }
  ~FileActions() { posix_spawn_file_actions_destroy(&m_actions); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &m_actions; }

private:
  posix_spawn_file_actions_t m_actions;
};

} // namespace

std::string ProcessStatus::describe() const {
  if (signal != 0) {
    const char* name = strsignal(signal);
    return "was killed by signal " + std::to_string(signal) +
           (name != nullptr ? " (" + std::string(name) + ")" : "");
  }
  return "exited with status " + std::to_string(exit_code);
}

ProcessStatus run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd) {
  if (argv.empty()) {
    throw Error("cannot run a program without a name");
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(cwd, ec)) {
    throw Error("cannot run '" + argv[0] + "': working directory '" + cwd.string() +
                "' does not exist");
  }
  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), STDERR_FILENO, STDOUT_FILENO);
  // glibc 2.29+. The file actions run before the exec, so a relative program path would
  // start from `cwd`: callers make a program path with a '/' absolute first.
  posix_spawn_file_actions_addchdir_np(actions.get(), cwd.c_str());

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  args.push_back(nullptr);

  pid_t pid = 0;
  // posix_spawnp reports a failed exec (ENOENT, EACCES) as its own result.
  const int rc = posix_spawnp(&pid, args[0], actions.get(), nullptr, args.data(), environ);
  if (rc != 0) {
    throw Error("cannot run '" + argv[0] + "': " + std::strerror(rc));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      throw Error("cannot wait for '" + argv[0] + "': " + std::strerror(errno));
    }
  }
  ProcessStatus result;
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  }
  return result;
}

} // namespace migratecpp::util
