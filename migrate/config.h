#pragma once
#include "migrate/revision_texts.h"
#include "migrate/targets.h"
#include "schema/object_filter.h"
#include "util/error.h"
// migratecpp.toml, the project's config (Alembic's alembic.ini). Only the file: the URL's
// precedence (--url > MIGRATECPP_URL > file) is decided by the command layer.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

inline constexpr double k_default_lock_timeout_seconds = 300;
// A week: longer is surely a mistake (and would overflow the clocks' arithmetic).
inline constexpr double k_max_lock_timeout_seconds = 7 * 24 * 3600;

// [post_write_hooks.NAME]: a program run on each revision file `revision` and `merge` write
// (Alembic's post_write_hooks), e.g. a formatter or a linter.
struct PostWriteHook {
  std::string name;
  std::string executable;        // as written: a name looked up on PATH, or a path
  std::filesystem::path program; // what runs: `executable`, made absolute if it has a '/'
  std::vector<std::string>
      options;               // REVISION_SCRIPT_FILENAME: the file's path (appended if absent)
  std::filesystem::path cwd; // absolute; default the config file's directory
};

struct Config {
  std::filesystem::path file; // the config file, as given
  std::filesystem::path dir;  // its directory, absolute: relative paths start here
  std::string url;            // [database] url; may be empty (given by --url or the environment)
  // Why [database] url could not be expanded (an unset ${VAR}). Reported only where the
  // config's URL is actually used: --url or MIGRATECPP_URL make it irrelevant.
  std::optional<util::Error> url_error;
  std::string version_table = "migratecpp_version";
  std::filesystem::path script_location;                // absolute; default <dir>/migrations
  std::vector<std::filesystem::path> version_locations; // absolute; extra version folders
  std::string file_template = "{rev}_{slug}";
  bool transaction_per_migration = true;
  std::vector<std::string> model_paths; // globs as written, relative to dir
  // [models] exclude_tables (names) and [models.exclude] / [models.include] (glob patterns
  // per kind): what autogenerate and check leave alone.
  schema::ObjectFilter objects;
  std::string schema; // [database] schema, PostgreSQL
  // [database] lock_timeout: how long a writing command waits for the migration lock (and a
  // statement for another connection's lock) before giving up; 0: do not wait.
  double lock_timeout_seconds = k_default_lock_timeout_seconds;
  std::map<std::string, std::string> x_args;   // -x KEY=VALUE; filled by the command layer
  std::vector<PostWriteHook> post_write_hooks; // [post_write_hooks] hooks, in their order
  // [[targets]]: the databases --all-targets / --target NAME run over (migrate/targets.h).
  std::vector<Target> targets;
  // Set by an embedding program: the revision files are these, and the version folders on
  // disk are not read (ScriptDirectory::load). Never set from the config file.
  std::shared_ptr<const RevisionTexts> revision_texts;
};

// Reads the config file:
//   [database]   url, version_table, schema, lock_timeout
//   [migrations] script_location, file_template, transaction_per_migration, version_locations
//   [models]     paths, exclude_tables, exclude = { KIND = [...] }, include = { ... }
//   [post_write_hooks] hooks = [NAME, ...], and [post_write_hooks.NAME] executable, options, cwd
//   [[targets]]  name, url (read by read_config_targets)
// ${VAR} and ${VAR:-default} are expanded from the environment in every string (the default
// also replaces a set but empty variable, as in the shell); "$${" is a literal "${".
// Relative script_location and version_locations are resolved against the config file's
// directory. Throws util::Error at path:line for TOML syntax errors, unknown sections or keys
// (with a did-you-mean), wrong value types and an unset ${VAR} without a default; at "path:"
// for a file that cannot be read.
Config load_config(const std::filesystem::path& file);
// The same from the file's text; `file` is where it was read from (for messages and the
// directory relative paths start from), never opened.
Config parse_config(std::string_view text, const std::filesystem::path& file);

// The model files: every [models] paths glob matched against the file system, relative to
// the config's directory. `*` and `?` match within one path component (not a leading '.'),
// `[...]` a character class, and a `**` component any number of directories (zero included;
// hidden and symlinked directories are not entered). Regular files only, sorted, without
// duplicates. A path without wildcards that is missing or a directory is an error
// ("<config file>: models path 'x' does not exist"); a glob matching nothing adds nothing.
std::vector<std::filesystem::path> expand_model_globs(const Config& config);

// Looks a variable up; std::nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Expands ${VAR} and ${VAR:-default} in `text`, reading variables with `lookup` (default: the
// process environment). A "$" not followed by "{" stays as it is, so passwords keep their "$";
// "$${" is a literal "${". Throws util::Error (no location; load_config adds it) naming an
// unset variable without a default, an unterminated "${" or an invalid variable name.
std::string expand_env(const std::string& text, const EnvLookup& lookup = {});

} // namespace migratecpp::migrate
