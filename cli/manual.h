#pragma once
// The manual: `man migratecpp` and one page per command (migratecpp-upgrade(1), ...), written
// as roff from the CLI11 definitions of the running binary (so it never drifts from --help),
// by the hidden `migratecpp __man [COMMAND]` that `cmake --install` runs.
#include <CLI/CLI.hpp>

#include <string>

namespace migratecpp::cli {

// The page of `command` ("" = the main page listing every command and the global options).
// Throws util::UsageError for a command that does not exist.
std::string manual_page(const CLI::App& app, const std::string& command,
                        const std::string& version);

} // namespace migratecpp::cli
