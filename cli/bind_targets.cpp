#include "cli/bind_targets.h"

#include "util/error.h"

namespace migratecpp::cli {

bool TargetFlags::wanted() const {
  return all || !names.empty() || !file.empty() || jobs_option->count() != 0 ||
         (json_option != nullptr && json_option->count() != 0);
}

std::shared_ptr<TargetFlags> add_target_options(CLI::App* sub, bool with_json) {
  auto f = std::make_shared<TargetFlags>();
  const std::string group = "Many databases";
  sub->add_flag("--all-targets", f->all, "Run on every database of the config's [[targets]] list")
      ->group(group);
  sub->add_option("--target", f->names,
                  "Run on this database of the [[targets]] list or --targets-file (repeatable, "
                  "or NAME,NAME)")
      ->type_name("NAME")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->group(group);
  sub->add_option("--targets-file", f->file,
                  "Run on the databases listed in FILE: one URL or 'NAME URL' a line, # comments")
      ->type_name("FILE")
      ->group(group);
  f->jobs_option = sub->add_option("--jobs", f->jobs,
                                   "Databases migrated at the same time with a list (default: " +
                                       std::to_string(migrate::k_default_jobs) + ")")
                       ->type_name("N")
                       ->check(CLI::Range(1, migrate::k_max_jobs))
                       ->group(group);
  if (with_json) {
    f->json_option =
        sub->add_flag("--json", f->json,
                      "With a list: print the summary as one JSON document (docs/json.md)")
            ->group(group);
  }
  return f;
}

int run_over_targets(Context& ctx, const TargetFlags& flags, migrate::MultiOptions options,
                     const std::string& offline_option) {
  const std::string list_options = "--all-targets, --target or --targets-file";
  if (!flags.all && flags.names.empty() && flags.file.empty()) {
    throw util::UsageError(std::string(flags.jobs_option->count() != 0 ? "--jobs" : "--json") +
                           " needs a list of databases: " + list_options);
  }
  if (flags.all && !flags.file.empty()) {
    throw util::UsageError("--all-targets runs the config's [[targets]]; --targets-file runs "
                           "the file's: give one of them");
  }
  if (flags.all && !flags.names.empty()) {
    throw util::UsageError("--all-targets and --target cannot be used together");
  }
  if (!ctx.global.url.empty()) {
    throw util::UsageError("--url names one database; it cannot be used with " + list_options);
  }
  if (!offline_option.empty()) {
    throw util::UsageError(offline_option +
                           " is for one script that needs no database; it cannot be used with " +
                           list_options);
  }
  if (flags.json) {
    options.json = true;
  }
  options.jobs = flags.jobs;
  const migrate::Project project = migrate::open_project(ctx.global);
  std::vector<migrate::Target> targets;
  if (!flags.file.empty()) {
    targets =
        migrate::select_targets(migrate::load_targets_file(flags.file), flags.names, flags.file);
  } else {
    if (project.config.targets.empty()) {
      throw util::UsageError("no [[targets]] in " + project.config.file.string() +
                             " (each with name = \"...\" and url = \"...\"); or pass "
                             "--targets-file FILE");
    }
    targets =
        migrate::select_targets(project.config.targets, flags.names, project.config.file.string());
  }
  return migrate::run_on_targets(project, targets, options, ctx.out);
}

} // namespace migratecpp::cli
