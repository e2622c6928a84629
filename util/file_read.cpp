#include "util/file_read.h"

#include "util/error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace migratecpp::util {

FileReader::FileReader(const std::filesystem::path& path, std::string_view what)
    : m_path(path), m_what(what) {
  m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m_fd < 0) {
    fail(errno);
  }
}

FileReader::~FileReader() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

void FileReader::fail(int err) const {
  throw Error("cannot read " + m_what + ": " + std::strerror(err), Location{m_path.string(), 0});
}

std::optional<std::size_t> FileReader::size() const {
  struct stat st {};
  if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(st.st_size);
}

bool FileReader::read_more(std::string& text, std::size_t max) {
  const std::size_t had = text.size();
  text.resize(had + max);
  std::size_t got = 0;
  while (got < max) {
    const ssize_t n = ::read(m_fd, text.data() + had + got, max - got);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int err = errno;
      text.resize(had + got);
      fail(err);
    }
    if (n == 0) {
      text.resize(had + got);
      return false;
    }
    got += static_cast<std::size_t>(n);
  }
  return true;
}

bool FileReader::read_some(std::string& text, std::size_t max) {
  const std::size_t had = text.size();
  text.resize(had + max);
  while (true) {
    const ssize_t n = ::read(m_fd, text.data() + had, max);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      const int err = errno;
      text.resize(had);
      fail(err);
    }
    text.resize(had + static_cast<std::size_t>(n));
    return n > 0;
  }
}

std::string read_file(const std::filesystem::path& path, std::string_view what) {
  FileReader reader(path, what);
  std::string text;
  // One read for the whole file when its size is known (the +1 sees the end in the same read).
  std::size_t chunk = reader.size().value_or(64 * 1024) + 1;
  while (reader.read_more(text, chunk)) {
    chunk = std::max<std::size_t>(chunk, 64 * 1024);
  }
  return text;
}

} // namespace migratecpp::util
