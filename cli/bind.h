#pragma once
// Binding CLI11 subcommands to the command API.
#include "migrate/commands.h"
#include "util/output.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace migratecpp::cli {

// Prefix that main() puts before "-N" arguments so that CLI11 takes them as positionals.
inline constexpr const char* k_relative_marker = "\x01";

struct Context {
  explicit Context(util::Output& output) : out(output) {}

  util::Output& out;
  migrate::GlobalOptions global;
  std::vector<std::string> x_pairs;
  bool quiet = false;
  bool verbose = false;
  std::string color = "auto";
  std::string lock_timeout;     // --lock-timeout, checked by apply_globals
  std::function<void()> action; // set by the chosen subcommand
  int exit_code = 0;

  void run() {
    if (action) {
      action();
    }
  }
};

void bind(CLI::App& app, Context& ctx);
// Parses -x pairs and output settings after CLI11 is done. Throws util::UsageError.
void apply_globals(Context& ctx);
// The first argument that is not an option nor a known command, if that is why parsing failed.
std::string unknown_command(const CLI::App& app, const std::vector<std::string>& args);
std::vector<std::string> command_names(const CLI::App& app);

} // namespace migratecpp::cli
