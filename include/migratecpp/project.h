#pragma once
// A migratecpp project opened by a program: its migrations and its database. Each call does
// what the command of the same name does (same checks, same lock, same messages), and returns
// values instead of printing. Failures throw migratecpp::Error (error.h).
//
// Thread safety: one Project per thread. Distinct projects may be used from distinct threads
// at once; one project must not be used from two threads at a time. The library installs no
// signal handler: SIGINT and SIGTERM stay the application's.
#include "migratecpp/error.h"
#include "migratecpp/export.h"
#include "migratecpp/progress.h"
#include "migratecpp/revision.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace migratecpp {

// One revision file held in memory (what migratecpp_embed_migrations produces).
struct MigrationFile {
  std::string name; // named in error messages as the file's path: "migrations/versions/a.toml"
  std::string text; // the file's contents
};

// A project given by values instead of a migratecpp.toml.
struct ProjectSettings {
  std::string url; // required: sqlite:///app.db, postgresql://..., mysql://...
  std::string version_table = "migratecpp_version";
  std::string schema; // PostgreSQL: the schema migrated (search_path); "" for the default
  double lock_timeout_seconds = 300; // wait for the migration lock; 0: do not wait
  bool transaction_per_migration = true;
  std::vector<MigrationFile> migrations; // the revision files
  // For check(): model file globs ([models] paths), relative to `directory` (default: the
  // current directory).
  std::vector<std::string> model_paths;
  std::string directory;
};

struct CheckResult {
  bool clean = false;      // the models match the database
  std::string description; // what `migratecpp check` prints: the pending changes
};

struct VerifyProblem {
  std::string revision;
  std::string file;        // "" when the file is gone
  std::string problem;     // "ops changed" or "file gone"
  std::string description; // the line `migratecpp verify` prints
};

struct VerifyResult {
  bool ok = false; // every applied revision matches its recorded checksum
  std::size_t verified = 0;
  std::vector<VerifyProblem> problems;
  std::vector<std::string> unrecorded; // applied before the history table knew checksums
};

class MIGRATECPP_API Project {
public:
  // Like `migratecpp -c FILE [--url URL]`: the URL is `url` if given, else MIGRATECPP_URL,
  // else the file's [database] url.
  static Project from_file(const std::string& config_file, const std::string& url = "");
  static Project from_settings(ProjectSettings settings);

  Project(Project&&) noexcept;
  Project& operator=(Project&&) noexcept;
  ~Project();

  void on_progress(ProgressCallback callback);
  void on_log(LogCallback callback);

  // To a target as the command line takes it: "head", "heads", an id or prefix, "branch@head",
  // "+1"; downgrade: "base", "-1", an id.
  void upgrade(const std::string& target = "heads");
  void downgrade(const std::string& target);

  std::vector<Revision> current();                              // the applied heads
  std::vector<Revision> heads();                                // the migrations' heads
  std::vector<Revision> history(const std::string& range = ""); // newest first; range as -r
  CheckResult check();                                          // the models against the database
  VerifyResult verify(); // applied revisions against the checksums recorded when applied

private:
  struct Impl;
  explicit Project(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace migratecpp
