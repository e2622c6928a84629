#pragma once
// Symbolic links among the files the tool reads (versions/, models): one that leads nowhere
// is an error naming it, not a file silently left out or a bare "filesystem error".
#include <filesystem>

namespace migratecpp::util {

// Does nothing unless `path` is a symbolic link that cannot be followed; then throws
// util::Error at `path` saying why: a link to a missing target ("symbolic link to 'x.toml',
// which does not exist") or links in a loop.
void require_followable(const std::filesystem::path& path);

} // namespace migratecpp::util
