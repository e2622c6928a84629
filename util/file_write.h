#pragma once
// Writing a file so that it is either there whole or not at all: a reader (or the next
// command) never sees half of it, whatever happens to the disk or the process meanwhile.
#include <filesystem>
#include <string_view>

namespace migratecpp::util {

enum class IfExists { fail, replace };

// Writes `content` to a temporary file in the directory of `path`, fsyncs it, and renames it
// over `path` (IfExists::fail: only if `path` does not exist yet, checked atomically where the
// filesystem can). On any failure the temporary file is removed and util::Error says what
// failed and why ("path: cannot write file: No space left on device"); `path` is untouched.
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           IfExists if_exists = IfExists::fail);

} // namespace migratecpp::util
