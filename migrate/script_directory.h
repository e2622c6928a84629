#pragma once
// The migrations folder on disk: every revision file under the version locations, and the
// graph built from them. Writing a new revision file also lives here.
#include "migrate/commands.h"
#include "migrate/config.h"
#include "migrate/revision.h"
#include "migrate/revision_graph.h"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace migratecpp::migrate {

class ScriptDirectory {
public:
  // Reads the header of every *.toml below the version locations (or, when
  // config.revision_texts is set, of those texts and nothing on disk): the keys before the
  // first table (migrate/revision_header.h). Throws util::Error naming the file and line of
  // the first bad header, or the graph error. The ops are not read here. With `keep_texts`
  // (a command that goes on to parse the files: upgrade, downgrade), the text of each small
  // file read whole with its header is kept until its parse, up to k_kept_text_budget bytes
  // in all, so that the parse does not read the file again.
  static ScriptDirectory load(const Config& config, bool keep_texts = false);
  static constexpr std::size_t k_kept_text_budget = 16 * 1024 * 1024;

  const RevisionGraph& graph() const { return *m_graph; }
  // The revision's whole file, parsed on first use and kept (the reference stays valid while
  // the directory lives); an error in its ops is thrown here, at path:line. Safe to call from
  // several threads.
  const RevisionFile& file(const std::string& id) const;
  // The checksum of the revision's ops (revision_checksum.h), parsing the file if it is not
  // parsed yet without keeping it: an upgrade checks every applied revision, and keeping
  // each parse held all of them (a large bulk_insert included) at once.
  std::string ops_checksum_of(const std::string& id) const;
  // Parses the ops of every revision not parsed yet without keeping them: throws the error
  // of the first bad file, in path order, as load did before the ops were read lazily.
  void check_all_files() const;
  const std::filesystem::path& path_of(const std::string& id) const;
  const std::filesystem::path& versions_dir() const { return m_versions_dir; }
  const std::vector<std::filesystem::path>& locations() const { return m_locations; }
  const std::filesystem::path& template_path() const { return m_template_path; }

private:
  // Where a revision's text is, and its parse once a command asked for its ops.
  struct Source {
    std::filesystem::path path;
    const std::string* text = nullptr; // in-memory text (config.revision_texts), or read path
    mutable std::string kept;          // the file's text as load read it, until its first parse
    mutable std::unique_ptr<RevisionFile> parsed;
    mutable std::string checksum; // ops_checksum(*parsed), once asked for ("" before)
  };

  static ScriptDirectory load_texts(std::shared_ptr<const RevisionTexts> texts);
  // Adds one revision's header; throws on an id seen before.
  void add(Revision rev, Source source, std::vector<Revision>& revisions);
  // Parses from `kept` (the text load kept, taken under the parse mutex) when it is not
  // empty, else from the in-memory text or the file.
  RevisionFile parse(const std::string& id, const Source& source, const std::string& kept) const;

  std::filesystem::path m_versions_dir;
  std::vector<std::filesystem::path> m_locations;
  std::filesystem::path m_template_path;
  std::shared_ptr<const RevisionTexts> m_texts; // keeps the Source::text pointers valid
  std::map<std::string, Source> m_sources;
  std::unique_ptr<std::mutex> m_parse_mutex = std::make_unique<std::mutex>();
  std::unique_ptr<RevisionGraph> m_graph;
};

// The project's revision files: project.scripts where the caller read them, else read now
// (keep_texts as ScriptDirectory::load).
std::shared_ptr<const ScriptDirectory> load_scripts(const Project& project,
                                                    bool keep_texts = false);

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
