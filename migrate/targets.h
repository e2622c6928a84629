#pragma once
// The databases one command runs over ("many databases": one database per tenant or shard):
// a targets file (--targets-file) or the [[targets]] list of migratecpp.toml. Only the lists
// and their selection; running over them is migrate/multi_target.h.
#include "util/error.h"

#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

struct Target {
  std::string name; // as given; "" for a line of a targets file that gives only a URL
  std::string url;  // ${VAR} expanded; "" when url_error is set
  // An unset ${VAR} in this target's URL: this target fails with the message when it runs,
  // the others run (a target not selected never matters), as [database] url's is reported only
  // where it is used.
  std::optional<util::Error> url_error;
  util::Location where; // file:line the target was read from

  // The name, or the URL with its password as *** when there is no name.
  std::string label() const;
};

// A targets file: one database a line, `URL` or `NAME URL` (white space between). A line whose
// first non-blank character is '#' is a comment, as is the rest of a line after a " #"; blank
// lines are skipped. ${VAR} and ${VAR:-default} are expanded as in migratecpp.toml. A relative
// SQLite path is relative to the working directory, as for --url. Throws util::Error at
// file:line for a line that is not a target (more than two words, no "scheme://", a URL this
// build cannot read), a name given twice, or the same URL twice.
std::vector<Target> parse_targets_file(std::string_view text, const std::filesystem::path& file);
std::vector<Target> load_targets_file(const std::filesystem::path& file);

// [[targets]] of migratecpp.toml: each a table with `name` and `url` (both required, the names
// unique). Throws util::Error at path:line like the rest of the config; an unset ${VAR} in a
// url is kept in Target::url_error.
std::vector<Target> read_config_targets(const toml::node& node, const std::string& path);

// The targets named in `names` (in the list's order; all of them when `names` is empty).
// Throws util::UsageError for a name the list lacks, with a did-you-mean.
std::vector<Target> select_targets(const std::vector<Target>& all,
                                   const std::vector<std::string>& names,
                                   const std::string& list_name);

} // namespace migratecpp::migrate
