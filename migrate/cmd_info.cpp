// current, history, heads, branches, show: reading the graph (and the version table).
#include "migrate/begun_revisions.h"
#include "migrate/commands.h"
#include "migrate/database.h"
#include "migrate/json_output.h"
#include "migrate/runner.h"
#include "migrate/script_directory.h"
#include "migrate/version_table.h"
#include "schema/apply.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <future>
#include <regex>
#include <set>

namespace migratecpp::migrate {

namespace {

struct Indicators {
  bool branches = false; // "(label)" after the id
  bool parents = false;  // "down -> id"
  bool doc = false;      // ", message"
  bool tree = true;      // (branchpoint) (mergepoint)
  const std::set<std::string>* current = nullptr;
};

std::string down_text(const Revision& r) {
  return r.down_revisions.empty() ? std::string("<base>") : util::join(r.down_revisions, ", ");
}

// One line per revision, as Alembic's Script.cmd_format writes it.
std::string line_for(const RevisionGraph& graph, const Revision& r, const Indicators& ind) {
  std::string text = r.id;
  if (ind.parents) {
    text = down_text(r) +
           (r.depends_on.empty() ? "" : " (" + util::join(r.depends_on, ", ") + ")") + " -> " +
           text;
  }
  if (ind.branches && !r.branch_labels.empty()) {
    text += " (" + util::join(r.branch_labels, ", ") + ")";
  }
  if (graph.is_head(r.id)) {
    text += " (head)";
  }
  if (ind.current != nullptr && ind.current->count(r.id) != 0) {
    text += " (current)";
  }
  if (ind.tree) {
    if (graph.is_branch_point(r.id)) {
      text += " (branchpoint)";
    }
    if (graph.is_merge_point(r.id)) {
      text += " (mergepoint)";
    }
  }
  if (ind.doc) {
    text += ", " + r.message;
  }
  return text;
}

// Alembic's log_entry: the verbose form.
std::string entry_for(const ScriptDirectory& scripts, const Revision& r,
                      const std::set<std::string>* current) {
  const RevisionGraph& graph = scripts.graph();
  std::string out = "Rev: " + r.id;
  if (graph.is_head(r.id)) {
    out += " (head)";
  }
  if (current != nullptr && current->count(r.id) != 0) {
    out += " (current)";
  }
  if (graph.is_branch_point(r.id)) {
    out += " (branchpoint)";
  }
  if (graph.is_merge_point(r.id)) {
    out += " (mergepoint)";
  }
  out += "\n";
  if (graph.is_merge_point(r.id)) {
    out += "Merges: " + util::join(r.down_revisions, ", ") + "\n";
  } else {
    out += "Parent: " + down_text(r) + "\n";
  }
  if (!r.depends_on.empty()) {
    out += "Also depends on: " + util::join(r.depends_on, ", ") + "\n";
  }
  if (graph.is_branch_point(r.id)) {
    out += "Branches into: " + util::join(graph.children(r.id), ", ") + "\n";
  }
  if (!r.branch_labels.empty()) {
    out += "Branch names: " + util::join(r.branch_labels, ", ") + "\n";
  }
  out += "Path: " + scripts.path_of(r.id).string() + "\n\n";
  out += "    " + r.message + "\n\n";
  out += "    Revision ID: " + r.id + "\n";
  out += "    Revises: " + util::join(r.down_revisions, ", ") + "\n";
  out += "    Create Date: " + r.create_date + "\n";
  return out;
}

std::vector<std::string> db_rows(const Project& project) {
  LiveDatabase db = open_database(project);
  return VersionTable(*db.dialect, project.config.version_table).read(*db.conn);
}

} // namespace

std::vector<std::string> current_revisions(const Project& project) {
  return db_rows(project);
}

void current(const Project& project, bool verbose, util::Output& out, bool json) {
  // The revision files are read on a thread of their own while a server is connected to and
  // read (a client library to load, a server to wait for): `current` is what every CI job and
  // deploy runs first. Errors come in the same order as read one after the other: the
  // database's first (a failed connection drops the scripts' outcome), then the files'.
  std::future<std::shared_ptr<const ScriptDirectory>> loading;
  if (const dialects::Dialect* dialect = target_dialect(project);
      !project.scripts && dialect != nullptr && dialect->connects_to_server()) {
    loading = std::async(std::launch::async, [&project] { return load_scripts(project); });
  }
  LiveDatabase db = open_database(project);
  const auto rows = VersionTable(*db.dialect, project.config.version_table).read(*db.conn);
  if (verbose) {
    out.info("Current revision(s) for " + db.redacted_url + ":");
  }
  const auto loaded = loading.valid() ? loading.get() : load_scripts(project);
  const ScriptDirectory& scripts = *loaded;
  const RevisionGraph& graph = scripts.graph();
  check_version_rows(graph, rows, project.config.version_table);
  warn_if_begun(scripts, db, HistoryTable(*db.dialect, project.config.version_table), out);
  if (json) {
    toml::array revisions;
    for (const auto& id : rows) {
      revisions.push_back(revision_json(scripts, *graph.find(id)));
    }
    print_json(out, toml::table{{"database", db.redacted_url}, {"current", std::move(revisions)}});
    return;
  }
  for (const auto& id : rows) {
    const Revision* r = graph.find(id);
    if (verbose) {
      out.data_escaped(entry_for(scripts, *r, nullptr));
    } else {
      out.data_escaped(id + (graph.is_head(id) ? " (head)" : ""));
    }
  }
}

void history(const Project& project, const HistoryOptions& options, util::Output& out) {
  const ScriptDirectory scripts = ScriptDirectory::load(project.config);
  const RevisionGraph& graph = scripts.graph();
  std::vector<std::string> rows;
  // Relative bounds (-1:, :+2) count from the database's current revision too.
  static const std::regex k_relative("(^|[:@])[-+][0-9]+");
  const bool needs_db = options.indicate_current ||
                        options.range.find("current") != std::string::npos ||
                        std::regex_search(options.range, k_relative);
  if (needs_db) {
    rows = db_rows(project);
  }
  const std::set<std::string> current(rows.begin(), rows.end());
  const auto ids = options.range.empty() ? graph.topo_order_newest_first()
                                         : graph.history_range(options.range, rows);
  Indicators ind;
  ind.branches = true;
  ind.parents = true;
  ind.doc = true;
  ind.current = options.indicate_current ? &current : nullptr;
  if (options.json) {
    toml::array revisions;
    for (const auto& id : ids) {
      revisions.push_back(revision_json(scripts, graph.get(id), ind.current));
    }
    print_json(out, toml::table{{"revisions", std::move(revisions)}});
    return;
  }
  for (const auto& id : ids) {
    const Revision& r = graph.get(id);
    out.data_escaped(options.verbose ? entry_for(scripts, r, ind.current)
                                     : line_for(graph, r, ind));
  }
}

void heads(const Project& project, bool verbose, util::Output& out, bool json) {
  const ScriptDirectory scripts = ScriptDirectory::load(project.config);
  const RevisionGraph& graph = scripts.graph();
  if (json) {
    toml::array revisions;
    for (const auto& id : graph.heads()) {
      revisions.push_back(revision_json(scripts, graph.get(id)));
    }
    print_json(out, toml::table{{"heads", std::move(revisions)}});
    return;
  }
  Indicators ind;
  ind.branches = true;
  ind.tree = false;
  for (const auto& id : graph.heads()) {
    const Revision& r = graph.get(id);
    out.data_escaped(verbose ? entry_for(scripts, r, nullptr) : line_for(graph, r, ind));
  }
}

std::vector<std::string> revision_words(const Project& project) {
  const ScriptDirectory scripts = ScriptDirectory::load(project.config);
  const RevisionGraph& graph = scripts.graph();
  std::vector<std::string> out = {"head", "heads", "base"};
  std::set<std::string> labels;
  for (const auto& id : graph.topo_order_newest_first()) {
    out.push_back(id);
    const Revision& r = graph.get(id);
    labels.insert(r.branch_labels.begin(), r.branch_labels.end());
  }
  out.insert(out.end(), labels.begin(), labels.end());
  return out;
}

void branches(const Project& project, bool verbose, util::Output& out) {
  const ScriptDirectory scripts = ScriptDirectory::load(project.config);
  const RevisionGraph& graph = scripts.graph();
  Indicators ind;
  ind.branches = true;
  Indicators child_ind;
  child_ind.branches = true;
  child_ind.doc = verbose;
  for (const auto& id : graph.topo_order_newest_first()) {
    if (!graph.is_branch_point(id)) {
      continue;
    }
    const Revision& r = graph.get(id);
    out.data_escaped(verbose ? entry_for(scripts, r, nullptr) : line_for(graph, r, ind));
    for (const auto& child : graph.children(id)) {
      out.data_escaped(std::string(id.size(), ' ') + " -> " +
                       line_for(graph, graph.get(child), child_ind));
    }
  }
}

void show(const Project& project, const ShowOptions& options, util::Output& out) {
  const ScriptDirectory scripts = ScriptDirectory::load(project.config);
  const RevisionGraph& graph = scripts.graph();
  // `show current` (or a relative form) needs the database's rows; anything else does not.
  static const std::regex k_needs_rows("current|(^|[:@])[-+][0-9]+");
  const auto rows = std::regex_search(options.revision, k_needs_rows) ? db_rows(project)
                                                                      : std::vector<std::string>{};
  const auto ids = graph.resolve_targets(options.revision, rows);
  if (ids.empty()) {
    throw util::Error("'" + options.revision + "' names no revision (the database is at base)");
  }
  if (options.json) {
    if (options.sql) {
      throw util::UsageError("show: --json and --sql do not go together (the DDL is text)");
    }
    // Each op as its name and table, as the text form lists them.
    auto ops = [](const std::vector<schema::Op>& list) {
      toml::array out;
      for (const auto& op : list) {
        out.push_back(toml::table{{"op", schema::op_name(op)}, {"table", schema::op_table(op)}});
      }
      return out;
    };
    toml::array revisions;
    for (const auto& id : ids) {
      toml::table t = revision_json(scripts, graph.get(id));
      t.insert("upgrade_ops", ops(scripts.file(id).upgrade));
      t.insert("downgrade_ops", ops(scripts.file(id).downgrade));
      revisions.push_back(std::move(t));
    }
    print_json(out, toml::table{{"revisions", std::move(revisions)}});
    return;
  }
  for (const auto& id : ids) {
    const Revision& r = graph.get(id);
    out.data_escaped(entry_for(scripts, r, nullptr));
    const RevisionFile& file = scripts.file(id);
    if (!options.sql) {
      out.data_escaped("    Upgrade ops: " + std::to_string(file.upgrade.size()) +
                       ", downgrade ops: " + std::to_string(file.downgrade.size()));
      for (const auto& op : file.upgrade) {
        const auto table = schema::op_table(op);
        out.data_escaped("      " + schema::op_name(op) + (table.empty() ? "" : " " + table));
      }
      continue;
    }
    // The DDL of this revision alone, rendered against the schema its parents leave.
    const auto& dialect = offline_dialect(project, options.dialect);
    ScriptSink sink(dialect, out);
    schema::Database state;
    std::vector<std::string> at;
    std::set<std::string> applied;
    for (const auto& parent : r.down_revisions) {
      for (const auto& pid : graph.upgrade_plan(at, parent)) {
        for (const auto& op : scripts.file(pid).upgrade) {
          schema::apply(state, op);
        }
        applied.insert(pid);
      }
      at = graph.version_rows_for(applied);
    }
    Step step;
    step.file = &file;
    step.rows_before = at;
    applied.insert(id);
    step.rows_after = graph.version_rows_for(applied);
    RunOptions run;
    run.transaction_per_migration = true;
    util::Output silent(out.data_stream(), out.data_stream());
    silent.set_verbosity(util::Verbosity::quiet);
    VersionTable versions(dialect, project.config.version_table);
    run_steps(dialect, sink, versions, {step}, state, run, silent);
  }
}

} // namespace migratecpp::migrate
