#pragma once
// [post_write_hooks]: reading the config section, and running the hooks on a revision file
// that was just written (Alembic's post_write_hooks, without Python: every hook is a program).
#include "migrate/config.h"
#include "util/output.h"

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <vector>

namespace migratecpp::migrate {

// The hooks of a [post_write_hooks] section (`node`), in the order `hooks` lists them.
// Relative paths start at `dir`. Throws util::Error at path:line for a listed hook without
// its table (with a did-you-mean), unknown keys, wrong types, a missing `executable`.
std::vector<PostWriteHook> read_post_write_hooks(const toml::node& node, const std::string& path,
                                                 const std::filesystem::path& dir);

// Runs each hook on `file` in turn, then reads the file again as a revision: a hook must leave
// it one. Throws util::Error naming the hook that could not start, failed, or left the file
// unreadable; the file stays as that hook left it, and the hooks after it do not run.
void run_post_write_hooks(const Config& config, const std::filesystem::path& file,
                          const std::filesystem::path& shown_as, util::Output& out);

} // namespace migratecpp::migrate
