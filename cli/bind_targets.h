#pragma once
// The options that run upgrade, downgrade, current and check over many databases
// (--all-targets, --target NAME, --targets-file FILE, --jobs N, and --json for upgrade and
// downgrade), bound to migrate/multi_target.h. Without the first three a command keeps its
// single-database meaning.
#include "cli/bind.h"
#include "migrate/multi_target.h"

#include <memory>

namespace migratecpp::cli {

struct TargetFlags {
  bool all = false;               // --all-targets: every [[targets]] of the config
  std::vector<std::string> names; // --target NAME (repeatable, or a,b): some of them
  std::string file;               // --targets-file FILE: the list is this file's
  int jobs = migrate::k_default_jobs;
  bool json = false; // upgrade/downgrade --json (current and check have their own)
  CLI::Option* jobs_option = nullptr;
  CLI::Option* json_option = nullptr;

  // True when the command was asked to run over a list, or given an option that only makes
  // sense there (run_over_targets then says what is missing).
  bool wanted() const;
};

// Adds the options to `sub`; `with_json`: also --json (upgrade, downgrade).
std::shared_ptr<TargetFlags> add_target_options(CLI::App* sub, bool with_json);

// Runs the command over the chosen targets and returns the exit code. Throws
// util::UsageError for options that do not go together (--url; `offline_option`, the --sql or
// --dialect given; --all-targets with --targets-file; --jobs or --json without a list) and for
// an unknown --target name.
int run_over_targets(Context& ctx, const TargetFlags& flags, migrate::MultiOptions options,
                     const std::string& offline_option = "");

} // namespace migratecpp::cli
