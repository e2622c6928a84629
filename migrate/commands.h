#pragma once
// The command API: one function per CLI verb. The CLI binds flags to these options structs and
// nothing else, so an embedding program gets exactly what the command line does.
// Every function throws util::Error (exit 1) or util::UsageError (exit 2) on failure.
#include "migrate/config.h"
#include "migrate/step_progress.h"
#include "util/output.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace migratecpp::migrate {

class ScriptDirectory;

// What every command that reads the project needs: the global options.
struct GlobalOptions {
  std::optional<std::filesystem::path> config_file; // -c; default ./migratecpp.toml
  std::string url;                                  // --url; beats MIGRATECPP_URL and the file
  std::map<std::string, std::string> x_args;        // -x KEY=VALUE
  std::optional<double> lock_timeout;               // --lock-timeout S; beats the config
};

// The loaded project: config plus the effective URL (--url > MIGRATECPP_URL > file).
struct Project {
  Config config;
  std::string url;
  std::optional<util::Error> url_error; // the config's URL was needed but cannot be expanded
  std::map<std::string, std::string> x_args;
  double lock_timeout_seconds = k_default_lock_timeout_seconds; // --lock-timeout > the config
  // The revision files, when the caller has read them already: a run on several databases
  // (multi_target.h) reads and parses them once for all. Empty: each command reads them.
  std::shared_ptr<const ScriptDirectory> scripts;
};
Project open_project(const GlobalOptions& global);

struct InitOptions {
  std::filesystem::path dir = ".";
  std::string template_name = "generic";
};
void init(const InitOptions& options, util::Output& out);

struct TemplateInfo {
  std::string name;
  std::string description;
};
std::vector<TemplateInfo> list_templates();

struct RevisionOptions {
  std::string message;
  bool autogenerate = false;
  std::string head = "head"; // the revision the new one follows; "base" for a new root
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string rev_id;       // default: 12 random hex characters
  std::string version_path; // directory to write to; default migrations/versions
};
// Writes the new revision file and returns its path.
std::filesystem::path revision(const Project& project, const RevisionOptions& options,
                               util::Output& out);

struct MergeOptions {
  std::vector<std::string> revisions; // ids, prefixes, "heads"
  std::string message;
  std::string rev_id;
  std::vector<std::string> branch_labels;
};
std::filesystem::path merge(const Project& project, const MergeOptions& options, util::Output& out);

struct MigrateOptions {
  std::string target;
  bool sql = false;      // print the script instead of running it; target may be FROM:TO
  std::string dialect;   // for --sql without a URL: sqlite, postgresql, mysql
  StepObserver observer; // told of each revision started and ended (online); may be empty
};
void upgrade(const Project& project, const MigrateOptions& options, util::Output& out);
void downgrade(const Project& project, const MigrateOptions& options, util::Output& out);

struct StampOptions {
  std::vector<std::string> revisions;
  bool purge = false;
  bool sql = false;
  std::string dialect;
};
void stamp(const Project& project, const StampOptions& options, util::Output& out);

// The version-table rows (applied heads), sorted.
std::vector<std::string> current_revisions(const Project& project);
// `json`: one JSON document on stdout instead of the text (docs/json.md).
void current(const Project& project, bool verbose, util::Output& out, bool json = false);

struct HistoryOptions {
  std::string range; // -r
  bool verbose = false;
  bool indicate_current = false;
  bool json = false;
};
void history(const Project& project, const HistoryOptions& options, util::Output& out);
void heads(const Project& project, bool verbose, util::Output& out, bool json = false);
// What a revision argument may be, for shell completion: every id, branch label, and head,
// heads, base.
std::vector<std::string> revision_words(const Project& project);
void branches(const Project& project, bool verbose, util::Output& out);

struct ShowOptions {
  std::string revision;
  bool sql = false;
  std::string dialect;
  bool json = false; // not with sql
};
void show(const Project& project, const ShowOptions& options, util::Output& out);

// Returns true when the models match the database (exit 0); false after printing the
// pending operations (exit 1).
bool check(const Project& project, util::Output& out, bool json = false);

struct VerifyOptions {
  // Applied revisions (ids, prefixes, labels; an exact id for one whose file is gone) whose
  // current file is accepted as it is: its checksum is recorded anew.
  std::vector<std::string> accept;
  bool json = false;
};
// Compares every applied revision with the checksum the history table recorded for it.
// Returns true when all match (exit 0); false after listing, on stdout, each applied
// revision whose ops changed or whose file is gone (exit 1). Read-only, unless `accept`.
bool verify(const Project& project, const VerifyOptions& options, util::Output& out);

struct LogOptions {
  std::size_t limit = 0; // 0: all rows
  bool verbose = false;  // full checksums
  bool json = false;
};
// The history table, newest first: one line per revision applied, reverted, stamped or
// accepted (`migratecpp log`).
void applied_log(const Project& project, const LogOptions& options, util::Output& out);

struct InspectOptions {
  std::vector<std::string> tables; // empty = all
};
void inspect(const Project& project, const InspectOptions& options, util::Output& out);

} // namespace migratecpp::migrate
