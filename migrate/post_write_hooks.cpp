#include "migrate/post_write_hooks.h"

#include "migrate/revision_file.h"
#include "migrate/toml_reader.h"
#include "util/error.h"
#include "util/file_read.h"
#include "util/strings.h"
#include "util/subprocess.h"

namespace fs = std::filesystem;

namespace migratecpp::migrate {

namespace {

// Alembic's token for the file's path in a hook's options.
constexpr std::string_view k_file_token = "REVISION_SCRIPT_FILENAME";

fs::path resolve(const fs::path& dir, const std::string& p) {
  const fs::path path(p);
  return (path.is_absolute() ? path : dir / path).lexically_normal();
}

// A string value with the config's ${VAR} expansion, an unset variable failing at its line.
std::string expanded(const KeyReader& r, std::string_view key, const std::string& text) {
  try {
    return expand_env(text);
  } catch (const util::Error& e) {
    r.fail(key, e.message());
  }
}

PostWriteHook read_hook(const std::string& name, const toml::table& table, const std::string& path,
                        const fs::path& dir) {
  const KeyReader r(table, path, "[post_write_hooks." + name + "]",
                    "[post_write_hooks." + name + "]", {"executable", "options", "cwd"});
  PostWriteHook hook;
  hook.name = name;
  hook.executable = expanded(r, "executable", r.required_string("executable"));
  hook.program = hook.executable.find('/') == std::string::npos ? fs::path(hook.executable)
                                                                : resolve(dir, hook.executable);
  if (const toml::node* n = r.node("options"); n != nullptr && !n->is_array()) {
    // No shell splits a string here (quoting rules would be a guess): one argument per item.
    r.fail("options", "'options' must be an array of strings, one argument each, e.g. "
                      "[\"fmt\", \"REVISION_SCRIPT_FILENAME\"]");
  }
  for (const auto& option : r.string_array("options")) {
    hook.options.push_back(expanded(r, "options", option));
  }
  const auto cwd = r.string("cwd");
  hook.cwd = cwd ? resolve(dir, expanded(r, "cwd", *cwd)) : dir;
  return hook;
}

} // namespace

std::vector<PostWriteHook> read_post_write_hooks(const toml::node& node, const std::string& path,
                                                 const fs::path& dir) {
  if (!node.is_table()) {
    fail_at(node, path, "'post_write_hooks' must be a section ([post_write_hooks])");
  }
  const toml::table& section = *node.as_table();
  // The keys are `hooks` and one table per hook, named by the user; a table not listed in
  // `hooks` is a hook turned off, as in Alembic.
  std::vector<std::string> tables;
  std::vector<std::string_view> allowed = {"hooks"};
  for (const auto& [key, value] : section) {
    if (value.is_table()) {
      tables.emplace_back(key.str());
    }
  }
  allowed.insert(allowed.end(), tables.begin(), tables.end());
  const KeyReader r(section, path, "[post_write_hooks]", "[post_write_hooks]", allowed);
  if (const toml::node* n = r.node("hooks"); n != nullptr && !n->is_array()) {
    r.fail("hooks", "'hooks' must be an array of hook names, e.g. [\"format\"]");
  }
  std::vector<PostWriteHook> hooks;
  for (const auto& name : r.string_array("hooks")) {
    const toml::node* table = section.get(name);
    if (table == nullptr || !table->is_table()) {
      const std::string near = util::closest_match(name, tables);
      r.fail("hooks", "hook '" + name + "' is listed in hooks but has no [post_write_hooks." +
                          name + "] table" +
                          (near.empty() ? "" : " (did you mean '" + near + "'?)"));
    }
    hooks.push_back(read_hook(name, *table->as_table(), path, dir));
  }
  return hooks;
}

void run_post_write_hooks(const Config& config, const fs::path& file, const fs::path& shown_as,
                          util::Output& out) {
  const std::string shown = shown_as.string();
  for (const auto& hook : config.post_write_hooks) {
    std::vector<std::string> argv = {hook.program.string()};
    bool has_token = false;
    for (const auto& option : hook.options) {
      has_token = has_token || option.find(k_file_token) != std::string::npos;
      argv.push_back(util::replace_all(option, std::string(k_file_token), file.string()));
    }
    if (!has_token) {
      argv.push_back(file.string());
    }
    const std::string who = "post-write hook '" + hook.name + "'";
    out.info("Running " + who + " (" + hook.executable + ") on " + shown);
    util::ProcessStatus status;
    try {
      status = util::run_process(argv, hook.cwd);
    } catch (const util::Error& e) {
      throw util::Error(who + ": " + e.message() + "; " + shown + " was written as generated");
    }
    if (!status.ok()) {
      throw util::Error(who + " (" + hook.executable + ") " + status.describe() + "; " + shown +
                        " was written, and the hooks after this one did not run");
    }
    try {
      parse_revision_file(util::read_file(file, "revision file"), file.string());
    } catch (const util::Error& e) {
      throw util::Error(who + " left " + shown + " unreadable: " + e.what());
    }
  }
}

} // namespace migratecpp::migrate
