#pragma once
// Shell completion for bash, zsh and fish (`migratecpp completion SHELL`), generated from the
// CLI11 definitions of the running binary, so that a new command or option completes without
// anyone editing a script. Revision arguments complete with what `migratecpp __revisions`
// prints for the project in the current directory (ids, branch labels, head, heads, base).
#include <CLI/CLI.hpp>

#include <string>

namespace migratecpp::cli {

// The commands whose positional arguments are revisions (upgrade, downgrade, show, stamp...).
bool takes_revisions(const std::string& command);
// The completion script for `shell` ("bash", "zsh" or "fish") of `app`'s commands and options.
std::string completion_script(const CLI::App& app, const std::string& shell);

} // namespace migratecpp::cli
