#pragma once
// The migrations folder on disk: every revision file under the version locations, and the
// graph built from them. Writing a new revision file also lives here.
#include "migrate/config.h"
#include "migrate/revision.h"
#include "migrate/revision_graph.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace migratecpp::migrate {

class ScriptDirectory {
public:
  // Reads every *.toml below the version locations (or, when config.revision_texts is set,
  // those texts and nothing on disk). Throws util::Error naming the file and line of the
  // first bad file, or the graph error.
  static ScriptDirectory load(const Config& config);

  const RevisionGraph& graph() const { return *m_graph; }
  const RevisionFile& file(const std::string& id) const;
  const std::filesystem::path& path_of(const std::string& id) const;
  const std::filesystem::path& versions_dir() const { return m_versions_dir; }
  const std::vector<std::filesystem::path>& locations() const { return m_locations; }
  const std::filesystem::path& template_path() const { return m_template_path; }

private:
  static ScriptDirectory load_texts(const RevisionTexts& texts);
  // Adds one parsed file; throws on an id seen before.
  void add(RevisionFile rf, const std::filesystem::path& path, std::vector<Revision>& revisions);

  std::filesystem::path m_versions_dir;
  std::vector<std::filesystem::path> m_locations;
  std::filesystem::path m_template_path;
  std::map<std::string, RevisionFile> m_files;
  std::map<std::string, std::filesystem::path> m_paths;
  std::unique_ptr<RevisionGraph> m_graph;
};

struct NewRevision {
  std::string id;
  std::vector<std::string> down_revisions;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string message;
  std::vector<schema::Op> upgrade;
  std::vector<schema::Op> downgrade;
  std::vector<std::string> notes; // extra comment lines for the reviewer (rename hints, ...)
};

// Renders `rev` through the project's script template into `dir` (file name from
// file_template), refusing to overwrite. Returns the path written.
std::filesystem::path write_revision_file(const Config& config, const ScriptDirectory& scripts,
                                          const NewRevision& rev, const std::filesystem::path& dir,
                                          const std::map<std::string, std::string>& x_args);

// 12 random lowercase hex characters.
std::string new_revision_id();
// Alembic's slug: lowercase words joined by "_", at most 40 characters.
std::string slugify(const std::string& message);

} // namespace migratecpp::migrate
