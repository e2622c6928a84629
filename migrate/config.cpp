#include "migrate/config.h"

#include "migrate/post_write_hooks.h"
#include "migrate/targets.h"
#include "migrate/toml_reader.h"
#include "util/error.h"
#include "util/file_read.h"
#include "util/strings.h"
#include "util/symlink.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

namespace migratecpp::migrate {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> k_sections = {"database", "migrations", "models",
                                             "post_write_hooks"};

bool valid_var_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])) != 0) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
}

// Expands `text` (the value of `node`), turning an expansion error into one at its line.
std::string expand_at(const std::string& text, const toml::node& node, const std::string& path) {
  try {
    return expand_env(text);
  } catch (const util::Error& e) {
    fail_at(node, path, e.message());
  }
}

std::optional<std::string> string_value(const KeyReader& r, std::string_view key) {
  auto v = r.string(key);
  if (!v) {
    return std::nullopt;
  }
  return expand_at(*v, *r.node(key), r.path());
}

std::string non_empty_string(const KeyReader& r, std::string_view key, std::string fallback) {
  auto v = string_value(r, key);
  if (!v) {
    return fallback;
  }
  if (v->empty()) {
    r.fail(key, "'" + std::string(key) + "' must not be empty");
  }
  return *v;
}

std::vector<std::string> string_list(const KeyReader& r, std::string_view key) {
  const toml::node* n = r.node(key);
  if (n == nullptr) {
    return {};
  }
  // One pattern written without brackets is still clearly meant as a list of one.
  if (n->is_string()) {
    return {expand_at(n->as_string()->get(), *n, r.path())};
  }
  std::vector<std::string> out = r.string_array(key);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = expand_at(out[i], *n->as_array()->get(i), r.path());
  }
  return out;
}

fs::path resolve(const fs::path& dir, const std::string& p) {
  const fs::path path(p);
  return (path.is_absolute() ? path : dir / path).lexically_normal();
}

const KeyReader* section(const toml::table& root, const std::string& path, std::string_view name,
                         std::optional<KeyReader>& slot,
                         const std::vector<std::string_view>& keys) {
  const toml::node* n = root.get(name);
  if (n == nullptr) {
    return nullptr;
  }
  if (!n->is_table()) {
    fail_at(*n, path,
            "'" + std::string(name) + "' must be a section ([" + std::string(name) + "])");
  }
  slot.emplace(*n->as_table(), path, "[" + std::string(name) + "]", "[" + std::string(name) + "]",
               keys);
  return &*slot;
}

// [models.exclude] / [models.include]: a table of kind = [patterns]; an unknown kind is refused
// with a did-you-mean, as unknown keys are.
void read_patterns(const KeyReader& models, std::string_view key,
                   std::map<std::string, std::vector<std::string>>& out) {
  const toml::node* n = models.node(key);
  if (n == nullptr) {
    return;
  }
  if (!n->is_table()) {
    models.fail(key, "'" + std::string(key) +
                         "' must be a table of object kinds and patterns ([models." +
                         std::string(key) + "] tables = [\"...\"])");
  }
  const std::vector<std::string>& kinds = schema::ObjectFilter::kinds();
  const KeyReader patterns(*n->as_table(), models.path(), "[models." + std::string(key) + "]",
                           "[models." + std::string(key) + "]",
                           std::vector<std::string_view>(kinds.begin(), kinds.end()));
  for (const auto& kind : kinds) {
    for (auto& pattern : string_list(patterns, kind)) {
      out[kind].push_back(std::move(pattern));
    }
  }
}

bool has_wildcard(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Matches components[i..] below `base`, adding the regular files found to `out`.
void walk(const fs::path& base, const std::vector<std::string>& components, std::size_t i,
          std::set<fs::path>& out) {
  std::error_code ec;
  if (i == components.size()) {
    util::require_followable(base); // a matched link that leads nowhere is not skipped
    if (fs::is_regular_file(base, ec)) {
      out.insert(base);
    }
    return;
  }
  const std::string& c = components[i];
  if (!has_wildcard(c)) {
    walk(base / c, components, i + 1, out);
    return;
  }
  if (!fs::is_directory(base, ec)) {
    return;
  }
  const auto options = fs::directory_options::skip_permission_denied;
  if (c == "**") {
    walk(base, components, i + 1, out); // zero directories
    for (const auto& entry : fs::directory_iterator(base, options, ec)) {
      // Symlinked directories are not followed: a link to a parent would never end.
      if (entry.is_directory(ec) && !entry.is_symlink(ec) && !is_hidden(entry.path())) {
        walk(entry.path(), components, i, out);
      }
    }
    return;
  }
  for (const auto& entry : fs::directory_iterator(base, options, ec)) {
    const std::string name = entry.path().filename().string();
    // FNM_PERIOD: like glob(3) and the shell, '*' does not pick up hidden files.
    if (fnmatch(c.c_str(), name.c_str(), FNM_PERIOD) == 0) {
      walk(entry.path(), components, i + 1, out);
    }
  }
}

} // namespace

std::string expand_env(const std::string& text, const EnvLookup& lookup) {
  auto get = [&](const std::string& name) -> std::optional<std::string> {
    if (lookup) {
      return lookup(name);
    }
    const char* v = std::getenv(name.c_str());
    return v == nullptr ? std::nullopt : std::optional<std::string>(v);
  };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out.push_back(text[i++]);
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      throw util::Error("unterminated '${' (missing '}')");
    }
    const std::string inner = text.substr(i + 2, close - i - 2);
    const std::size_t sep = inner.find(":-");
    const std::string name = inner.substr(0, sep);
    if (!valid_var_name(name)) {
      throw util::Error("invalid environment variable name '" + name + "'");
    }
    const std::optional<std::string> value = get(name);
    if (sep != std::string::npos) {
      out += value && !value->empty() ? *value : inner.substr(sep + 2);
    } else if (value) {
      out += *value;
    } else {
      throw util::Error("environment variable '" + name + "' is not set and '${" + name +
                        "}' gives no default");
    }
    i = close + 1;
  }
  return out;
}

Config load_config(const fs::path& file) {
  return parse_config(util::read_file(file, "config file"), file);
}

Config parse_config(std::string_view text, const fs::path& file) {
  const std::string path = file.string();
  const toml::table root = parse_toml(text, path);
  for (auto&& [key, value] : root) {
    const std::string k(key.str());
    if (std::find(k_sections.begin(), k_sections.end(), k) != k_sections.end() ||
        k == "targets") { // [[targets]]: the databases of --all-targets (migrate/targets.h)
      continue;
    }
    const std::string message =
        value.is_table()
            ? "unknown section '[" + k + "]'" +
                  (util::closest_match(k, k_sections).empty()
                       ? ""
                       : " (did you mean '[" + util::closest_match(k, k_sections) + "]'?)")
            : "unknown key '" + k +
                  "' outside any section (sections: [database], "
                  "[migrations], [models], [post_write_hooks], [[targets]])";
    throw util::Error(message, util::Location{path, key.source().begin.line});
  }

  Config cfg;
  cfg.file = file;
  cfg.dir = fs::absolute(file).parent_path().lexically_normal();
  cfg.script_location = resolve(cfg.dir, "migrations");

  std::optional<KeyReader> database_slot;
  std::optional<KeyReader> migrations_slot;
  std::optional<KeyReader> models_slot;
  if (const KeyReader* db = section(root, path, "database", database_slot,
                                    {"url", "version_table", "schema", "lock_timeout"})) {
    if (const auto raw = db->string("url")) { // a wrong type is an error at once
      try {
        cfg.url = expand_at(*raw, *db->node("url"), db->path());
      } catch (const util::Error& e) {
        cfg.url_error = e;
      }
    }
    cfg.version_table = non_empty_string(*db, "version_table", cfg.version_table);
    cfg.schema = string_value(*db, "schema").value_or("");
    if (const toml::node* n = db->node("lock_timeout")) {
      const auto seconds = n->value<double>(); // an integer or a float
      if (!seconds || n->is_boolean()) {
        db->fail("lock_timeout", "'lock_timeout' must be a number of seconds");
      }
      if (!(*seconds >= 0 && *seconds <= k_max_lock_timeout_seconds)) {
        db->fail("lock_timeout", "'lock_timeout' must be between 0 and " +
                                     std::to_string(static_cast<long>(k_max_lock_timeout_seconds)) +
                                     " seconds");
      }
      cfg.lock_timeout_seconds = *seconds;
    }
  }
  if (const KeyReader* m = section(
          root, path, "migrations", migrations_slot,
          {"script_location", "file_template", "transaction_per_migration", "version_locations"})) {
    cfg.script_location = resolve(cfg.dir, non_empty_string(*m, "script_location", "migrations"));
    cfg.file_template = non_empty_string(*m, "file_template", cfg.file_template);
    cfg.transaction_per_migration = m->boolean("transaction_per_migration").value_or(true);
    for (const auto& loc : string_list(*m, "version_locations")) {
      cfg.version_locations.push_back(resolve(cfg.dir, loc));
    }
  }
  if (const KeyReader* models = section(root, path, "models", models_slot,
                                        {"paths", "exclude_tables", "exclude", "include"})) {
    cfg.model_paths = string_list(*models, "paths");
    for (const auto& name : string_list(*models, "exclude_tables")) {
      cfg.objects.exclude["tables"].push_back(schema::ObjectFilter::literal(name));
    }
    read_patterns(*models, "exclude", cfg.objects.exclude);
    read_patterns(*models, "include", cfg.objects.include);
  }
  if (const toml::node* hooks = root.get("post_write_hooks")) {
    cfg.post_write_hooks = read_post_write_hooks(*hooks, path, cfg.dir);
  }
  if (const toml::node* targets = root.get("targets")) {
    cfg.targets = read_config_targets(*targets, path);
  }
  return cfg;
}

std::vector<fs::path> expand_model_globs(const Config& config) {
  std::set<fs::path> found;
  for (const auto& pattern : config.model_paths) {
    const fs::path full = resolve(config.dir, pattern);
    if (!has_wildcard(full.string())) {
      std::error_code ec;
      if (fs::is_directory(full, ec)) {
        throw util::Error("models path '" + pattern + "' is a directory; use a glob such as '" +
                              (fs::path(pattern) / "*.toml").string() + "'",
                          util::Location{config.file.string(), 0});
      }
      if (!fs::is_regular_file(full, ec)) {
        throw util::Error("models path '" + pattern + "' does not exist",
                          util::Location{config.file.string(), 0});
      }
      found.insert(full);
      continue;
    }
    std::vector<std::string> components;
    for (const auto& part : full.relative_path()) {
      components.push_back(part.string());
    }
    walk(full.root_path(), components, 0, found);
  }
  return {found.begin(), found.end()};
}

} // namespace migratecpp::migrate
