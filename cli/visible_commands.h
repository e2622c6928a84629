#pragma once
// The commands a user sees, for the completion scripts and the manual: the hidden helpers
// (`__revisions`, `__man`: CLI11 group "") serve the scripts and the installer, not the user.
#include <CLI/CLI.hpp>

#include <vector>

namespace migratecpp::cli {

inline std::vector<const CLI::App*> visible_commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

} // namespace migratecpp::cli
