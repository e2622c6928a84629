// init and list-templates: project templates are compiled into the binary (templates/).
#include "migrate/commands.h"
#include "migrate/embedded_templates.h"
#include "util/error.h"
#include "util/file_write.h"
#include "util/strings.h"

#include <set>

namespace fs = std::filesystem;

namespace migratecpp::migrate {

std::vector<TemplateInfo> list_templates() {
  std::vector<TemplateInfo> out;
  std::set<std::string> seen;
  for (const auto& f : embedded_templates()) {
    const std::string path(f.path);
    const auto slash = path.find('/');
    const std::string name = path.substr(0, slash);
    if (path.substr(slash + 1) == "README") {
      out.push_back({name, util::trim(util::split(f.content, '\n').front())});
    }
  }
  return out;
}

namespace {

bool non_empty_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec) && fs::directory_iterator(p, ec) != fs::directory_iterator();
}

// What init made, so that a failure part way (a full disk) takes it all back: a half-made
// project would otherwise make the next init refuse ("already exists and is not empty").
class Created {
public:
  Created() = default;
  Created(const Created&) = delete;
  Created& operator=(const Created&) = delete;
  ~Created() {
    if (m_committed) {
      return;
    }
    std::error_code ec;
    for (auto it = m_paths.rbegin(); it != m_paths.rend(); ++it) {
      fs::remove(*it, ec); // a directory only if empty: never what was there before
    }
  }

  // create_directories, remembering each directory it made (outermost first).
  void directories(const fs::path& dir) {
    std::vector<fs::path> missing;
    std::error_code ec;
    for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
      missing.push_back(p);
      if (p == p.parent_path()) {
        break;
      }
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      if (!fs::create_directory(*it, ec) && ec) {
        throw util::Error("cannot create directory: " + ec.message(),
                          util::Location{it->string(), 0});
      }
      m_paths.push_back(*it);
    }
  }
  void file(const fs::path& path, std::string_view content) {
    util::write_file_atomically(path, content);
    m_paths.push_back(path);
  }
  void commit() { m_committed = true; }

private:
  std::vector<fs::path> m_paths;
  bool m_committed = false;
};

} // namespace

void init(const InitOptions& options, util::Output& out) {
  std::vector<std::string> names;
  for (const auto& t : list_templates()) {
    names.push_back(t.name);
  }
  if (std::find(names.begin(), names.end(), options.template_name) == names.end()) {
    throw util::Error("unknown template '" + options.template_name + "'" +
                      util::did_you_mean(options.template_name, names) +
                      "; 'migratecpp list-templates' lists them");
  }
  const fs::path dir = options.dir;
  const fs::path migrations = dir / "migrations";
  if (non_empty_dir(migrations)) {
    throw util::Error("'" + migrations.string() +
                      "' already exists and is not empty; refusing to overwrite it");
  }
  if (fs::exists(migrations) && !fs::is_directory(migrations)) {
    throw util::Error("'" + migrations.string() + "' exists and is not a directory");
  }
  Created created;
  created.directories(migrations / "versions");
  const std::string prefix = options.template_name + "/";
  std::vector<std::string> made;
  for (const auto& f : embedded_templates()) {
    const std::string path(f.path);
    if (path.rfind(prefix, 0) != 0 || path == prefix + "README") {
      continue;
    }
    const fs::path target = dir / path.substr(prefix.size());
    if (fs::exists(target)) {
      out.info("Keeping existing " + target.string());
      continue;
    }
    created.directories(target.parent_path());
    created.file(target, f.content);
    made.push_back(target.string());
  }
  created.commit();
  for (const auto& path : made) {
    out.info("Creating " + path);
  }
  out.info("Created " + migrations.string() + "/versions; edit " +
           (dir / "migratecpp.toml").string() + " to point at your database.");
}

} // namespace migratecpp::migrate
