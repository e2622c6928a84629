#pragma once
// Reading files with plain POSIX calls. iostreams set up a buffer and a locale per file, which
// `heads` paid once per revision file (thousands of them; issue 13's start-up).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace migratecpp::util {

// The whole file. Throws util::Error "cannot read <what>: <reason>" located at `path`.
std::string read_file(const std::filesystem::path& path, std::string_view what = "file");

// A file read in growing prefixes, for readers that usually need only its beginning (a
// revision file's header keys).
class FileReader {
public:
  FileReader(const std::filesystem::path& path, std::string_view what); // throws as read_file
  ~FileReader();
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;

  // The file's size, if it is a regular file.
  std::optional<std::size_t> size() const;
  // Appends up to `max` more bytes to `text`; false once the end of the file is reached.
  bool read_more(std::string& text, std::size_t max);
  // Appends what one read(2) gives, up to `max` bytes; false at the end of the file. For a
  // reader that may be done with what it has: a small file read whole costs one call, not a
  // second one that only finds its end.
  bool read_some(std::string& text, std::size_t max);

private:
  [[noreturn]] void fail(int err) const;

  int m_fd = -1;
  std::filesystem::path m_path;
  std::string m_what;
};

} // namespace migratecpp::util
