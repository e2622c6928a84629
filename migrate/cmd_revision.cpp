// revision and merge: writing new revision files.
#include "migrate/autogenerate.h"
#include "migrate/commands.h"
#include "migrate/post_write_hooks.h"
#include "migrate/script_directory.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <regex>
#include <set>

namespace fs = std::filesystem;

namespace migratecpp::migrate {

namespace {

void check_new_id(const RevisionGraph& graph, const std::string& id) {
  static const std::regex k_id("[0-9A-Za-z_-]{1,32}");
  if (!std::regex_match(id, k_id)) {
    throw util::UsageError("revision id '" + id +
                           "' is invalid: use 1 to 32 letters, digits, '_' or '-'");
  }
  if (graph.find(id) != nullptr) {
    throw util::Error("revision id '" + id + "' already exists");
  }
}

void check_new_labels(const RevisionGraph& graph, const std::vector<std::string>& labels) {
  for (const auto& label : labels) {
    if (auto it = graph.labels().find(label); it != graph.labels().end()) {
      throw util::Error("branch label '" + label + "' is already used by revision '" + it->second +
                        "'");
    }
    if (graph.find(label) != nullptr) {
      throw util::Error("branch label '" + label + "' is also a revision id; pick another label");
    }
  }
}

fs::path pick_directory(const ScriptDirectory& scripts, const std::string& version_path) {
  if (version_path.empty()) {
    return scripts.versions_dir();
  }
  const fs::path wanted = fs::weakly_canonical(fs::absolute(version_path));
  for (const auto& loc : scripts.locations()) {
    const fs::path l = fs::weakly_canonical(fs::absolute(loc));
    auto rel = wanted.lexically_relative(l);
    if (!rel.empty() && *rel.begin() != "..") {
      return version_path;
    }
  }
  std::vector<std::string> locs;
  for (const auto& loc : scripts.locations()) {
    locs.push_back(loc.string());
  }
  throw util::Error("--version-path '" + version_path + "' is not inside a version location (" +
                    util::join(locs, ", ") + "); add it to [migrations] version_locations");
}

fs::path display_path(const fs::path& p) {
  std::error_code ec;
  const fs::path abs = fs::absolute(p, ec);
  const fs::path rel = abs.lexically_relative(fs::current_path(ec));
  if (!rel.empty() && *rel.begin() != "..") {
    return rel;
  }
  return abs;
}

// A new revision file, written: the post-write hooks run on it, then its path is printed (the
// one line of data `revision` and `merge` give), as shown to the user in both.
void hand_over(const Project& project, const fs::path& path, util::Output& out) {
  const fs::path shown = display_path(path);
  run_post_write_hooks(project.config, path, shown, out);
  out.data_escaped(shown.string());
}

} // namespace

fs::path revision(const Project& project, const RevisionOptions& options, util::Output& out) {
  const ScriptDirectory scripts = ScriptDirectory::load(project.config);
  const RevisionGraph& graph = scripts.graph();

  NewRevision rev;
  rev.message = options.message;
  rev.branch_labels = options.branch_labels;
  rev.id = options.rev_id.empty() ? new_revision_id() : options.rev_id;
  check_new_id(graph, rev.id);
  check_new_labels(graph, rev.branch_labels);

  if (options.head == "base") {
    // A new root. Fine as the first revision; beside existing ones it starts a new branch.
  } else if (options.head == "head" || options.head.empty()) {
    const auto heads = graph.heads();
    if (heads.size() > 1) {
      throw util::Error("multiple heads are present (" + util::join(heads, ", ") +
                        "); pass --head with the revision the new one follows, or run "
                        "'migratecpp merge heads -m MSG' first");
    }
    rev.down_revisions = heads;
  } else {
    const std::string id = graph.resolve(options.head);
    const bool names_a_head = options.head.ends_with("@head");
    if (!graph.is_head(id) && !options.splice && !names_a_head) {
      throw util::Error("revision '" + id +
                        "' is not a head; pass --splice to start a new branch from it");
    }
    rev.down_revisions = {id};
  }
  for (const auto& dep : options.depends_on) {
    // A bare branch label stays a label (as Alembic keeps it); anything else (a prefix,
    // LABEL@head, head) is written as the id it names today, so the file stays valid.
    const std::string id = graph.resolve(dep);
    rev.depends_on.push_back(graph.labels().count(dep) != 0 ? dep : id);
  }

  if (options.autogenerate) {
    autogenerate(project, rev, out);
  }

  const fs::path dir = pick_directory(scripts, options.version_path);
  const fs::path path = write_revision_file(project.config, scripts, rev, dir, project.x_args);
  out.info("Generated revision " + rev.id + (rev.message.empty() ? "" : ": " + rev.message));
  hand_over(project, path, out);
  return path;
}

fs::path merge(const Project& project, const MergeOptions& options, util::Output& out) {
  const ScriptDirectory scripts = ScriptDirectory::load(project.config);
  const RevisionGraph& graph = scripts.graph();
  std::set<std::string> parents;
  for (const auto& r : options.revisions) {
    for (const auto& id : graph.resolve_targets(r, {})) {
      parents.insert(id);
    }
  }
  if (parents.size() < 2) {
    throw util::Error("merge needs at least two revisions to join; got " +
                      (parents.empty() ? std::string("none")
                                       : util::join({parents.begin(), parents.end()}, ", ")));
  }
  NewRevision rev;
  rev.id = options.rev_id.empty() ? new_revision_id() : options.rev_id;
  check_new_id(graph, rev.id);
  check_new_labels(graph, options.branch_labels);
  rev.branch_labels = options.branch_labels;
  rev.message = options.message;
  rev.down_revisions.assign(parents.begin(), parents.end());
  const fs::path path =
      write_revision_file(project.config, scripts, rev, scripts.versions_dir(), project.x_args);
  out.info("Generated merge revision " + rev.id + " of " + util::join(rev.down_revisions, ", "));
  hand_over(project, path, out);
  return path;
}

} // namespace migratecpp::migrate
