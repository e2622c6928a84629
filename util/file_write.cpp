#include "util/file_write.h"

#include "util/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace migratecpp::util {

namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& what, int err) {
  throw Error(what + ": " + std::strerror(err), Location{path.string(), 0});
}

// Closes and removes the temporary file unless it was handed over to its final name.
class TempFile {
public:
  explicit TempFile(const fs::path& target) {
    // A dot file not ending in the target's extension: a directory scan for *.toml never
    // picks it up, even if a crash leaves it behind.
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string pattern = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    m_fd = ::mkstemp(buf.data());
    if (m_fd < 0) {
      fail(target, "cannot create a file in '" + dir.string() + "'", errno);
    }
    m_path = buf.data();
  }
  ~TempFile() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    if (!m_path.empty()) {
      ::unlink(m_path.c_str());
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return m_fd; }
  const std::string& path() const { return m_path; }
  // close(2) reports write-back errors of some filesystems (NFS): it is checked too.
  int close() {
    const int rc = ::close(m_fd);
    m_fd = -1;
    return rc;
  }
  void keep() { m_path.clear(); }

private:
  int m_fd = -1;
  std::string m_path;
};

void write_all(int fd, std::string_view content, const fs::path& target) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail(target, "cannot write file", errno);
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Renames `from` to `to` unless `to` exists. renameat2(RENAME_NOREPLACE) decides atomically;
// a filesystem without it gets link(2) (also atomic), and one without hard links a check
// followed by rename.
void rename_no_replace(const std::string& from, const fs::path& to) {
#ifdef RENAME_NOREPLACE
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return;
  }
  if (errno == EEXIST) {
    fail(to, "cannot write file", EEXIST);
  }
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    fail(to, "cannot write file", errno);
  }
#endif
  if (::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return;
  }
  if (errno == EEXIST) {
    fail(to, "cannot write file", EEXIST);
  }
  std::error_code ec;
  if (fs::exists(to, ec)) {
    fail(to, "cannot write file", EEXIST);
  }
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    fail(to, "cannot write file", errno);
  }
}

// Makes the rename itself durable: fsync the directory entry (best effort: some filesystems
// refuse fsync on a directory, and the file's own data is already safe).
void sync_directory(const fs::path& path) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

} // namespace

void write_file_atomically(const fs::path& path, std::string_view content, IfExists if_exists) {
  TempFile tmp(path);
  write_all(tmp.fd(), content, path);
  if (::fsync(tmp.fd()) != 0) {
    fail(path, "cannot write file", errno);
  }
  // mkstemp makes the file 0600; a file a user writes with an editor gets 0666 less umask.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(tmp.fd(), 0666 & ~mask);
  if (tmp.close() != 0) {
    fail(path, "cannot write file", errno);
  }
  if (if_exists == IfExists::replace) {
    if (std::rename(tmp.path().c_str(), path.c_str()) != 0) {
      fail(path, "cannot write file", errno);
    }
  } else {
    rename_no_replace(tmp.path(), path);
  }
  tmp.keep();
  sync_directory(path);
}

} // namespace migratecpp::util
