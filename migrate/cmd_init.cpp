// init and list-templates: project templates are compiled into the binary (templates/).
#include "migrate/commands.h"
#include "migrate/embedded_templates.h"
#include "util/error.h"
#include "util/strings.h"

#include <fstream>
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
  std::error_code ec;
  fs::create_directories(migrations / "versions", ec);
  if (ec) {
    throw util::Error("cannot create '" + (migrations / "versions").string() +
                      "': " + ec.message());
  }
  const std::string prefix = options.template_name + "/";
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
    fs::create_directories(target.parent_path(), ec);
    std::ofstream file(target, std::ios::binary);
    file << f.content;
    file.close();
    if (!file) {
      throw util::Error("cannot write file", util::Location{target.string(), 0});
    }
    out.info("Creating " + target.string());
  }
  out.info("Created " + migrations.string() + "/versions; edit " +
           (dir / "migratecpp.toml").string() + " to point at your database.");
}

} // namespace migratecpp::migrate
