// The migration lock on SQLite: SQLite has no lock that outlives a transaction, and a
// migration is several transactions, so migratecpp locks a file of its own beside the
// database, "<database>-migratecpp-lock", with flock(2). The kernel releases the lock when
// the process dies, however it dies, so a killed deploy never leaves a stale lock; the file
// itself is never deleted (deleting a lock file while another process waits on it would let
// two processes hold "the" lock). The holder writes who it is into the file, for the message
// of whoever waits.
#include "dialects/sqlite/sqlite_connection.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "util/error.h"
#include "util/process_identity.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

namespace migratecpp::dialects::sqlite {

namespace {

std::string lock_file_of(Connection& conn) {
  const std::string db = dynamic_cast<SqliteConnection&>(conn).file_name();
  return db.empty() ? "" : db + "-migratecpp-lock";
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

class FileLock : public HeldLock {
public:
  explicit FileLock(int fd) : m_fd(fd) {
    // Best effort: the lock is the flock, the text only names its holder.
    const std::string who = util::this_process() + ", since " + utc_now() + "\n";
    if (::ftruncate(m_fd, 0) == 0) {
      [[maybe_unused]] const auto written = ::pwrite(m_fd, who.data(), who.size(), 0);
    }
  }
  ~FileLock() override {
    [[maybe_unused]] const int truncated = ::ftruncate(m_fd, 0);
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

private:
  int m_fd;
};

// An in-memory database belongs to this process alone: nothing to lock.
class NothingToLock : public HeldLock {};

} // namespace

std::unique_ptr<HeldLock> SqliteDialect::try_lock(Connection& conn, const std::string&) const {
  const std::string file = lock_file_of(conn);
  if (file.empty()) {
    return std::make_unique<NothingToLock>();
  }
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) {
    throw util::Error("cannot open the lock file '" + file + "': " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return nullptr;
    }
    throw util::Error("cannot lock '" + file + "': " + std::strerror(err));
  }
  return std::make_unique<FileLock>(fd);
}

std::string SqliteDialect::lock_name(Connection& conn, const std::string&) const {
  return "the migration lock of " + dynamic_cast<SqliteConnection&>(conn).file_name() +
         " (lock file " + lock_file_of(conn) + ")";
}

std::string SqliteDialect::lock_holder(Connection& conn, const std::string&) const {
  const std::string file = lock_file_of(conn);
  if (file.empty()) {
    return "";
  }
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

} // namespace migratecpp::dialects::sqlite
