// The library's Project: a facade over the command API (migrate/commands.h). Each call runs
// the command the CLI runs, with stdout captured (returned as values) and stderr turned into
// log lines, and turns the engine's errors into migratecpp::Error with the CLI's message.
#include "migratecpp/project.h"

#include "lib/errors.h"
#include "lib/line_stream.h"
#include "migrate/applied_checksums.h"
#include "migrate/begun_revisions.h"
#include "migrate/commands.h"
#include "migrate/database.h"
#include "migrate/history_table.h"
#include "migrate/script_directory.h"
#include "migrate/version_table.h"

#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace migratecpp {

struct Project::Impl {
  migrate::Project project;
  ProgressCallback progress;
  LogCallback log;

  // Runs `f(out)` with the command's stdout captured in `data` and its stderr sent to the log
  // callback line by line; engine errors become migratecpp::Error.
  template <class F> auto run(std::ostringstream& data, F&& f) {
    return lib::translate_errors([&] {
      lib::LineStream diag([this](const std::string& line) {
        if (log) {
          log(line);
        }
      });
      util::Output out(data, diag);
      return f(out);
    });
  }
  template <class F> auto run(F&& f) {
    std::ostringstream data;
    return run(data, std::forward<F>(f));
  }
};

namespace {

Revision revision_of(const migrate::ScriptDirectory& scripts, const migrate::Revision& r) {
  const migrate::RevisionGraph& graph = scripts.graph();
  Revision out;
  out.id = r.id;
  out.message = r.message;
  out.down_revisions = r.down_revisions;
  out.branch_labels = r.branch_labels;
  out.depends_on = r.depends_on;
  out.create_date = r.create_date;
  out.file = scripts.path_of(r.id).string();
  out.is_head = graph.is_head(r.id);
  out.is_branch_point = graph.is_branch_point(r.id);
  out.is_merge_point = graph.is_merge_point(r.id);
  return out;
}

std::vector<Revision> revisions_of(const migrate::ScriptDirectory& scripts,
                                   const std::vector<std::string>& ids) {
  std::vector<Revision> out;
  for (const auto& id : ids) {
    out.push_back(revision_of(scripts, scripts.graph().get(id)));
  }
  return out;
}

// A history range reads the database's rows when it says "current" or has a relative bound
// (-1:, :+2, LABEL@-1), as the CLI decides (cmd_info.cpp). No std::regex here: its template
// instances would be exported beside the API.
bool needs_rows(const std::string& range) {
  if (range.find("current") != std::string::npos) {
    return true;
  }
  for (std::size_t i = 0; i + 1 < range.size(); ++i) {
    const bool starts_bound = i == 0 || range[i - 1] == ':' || range[i - 1] == '@';
    if (starts_bound && (range[i] == '-' || range[i] == '+') &&
        std::isdigit(static_cast<unsigned char>(range[i + 1])) != 0) {
      return true;
    }
  }
  return false;
}

migrate::StepObserver observer_for(const ProgressCallback& callback) {
  if (!callback) {
    return {};
  }
  return [&callback](const migrate::StepProgress& p) {
    ProgressEvent e;
    switch (p.phase) {
    case migrate::StepProgress::Phase::started:
      e.phase = ProgressEvent::Phase::started;
      break;
    case migrate::StepProgress::Phase::finished:
      e.phase = ProgressEvent::Phase::finished;
      break;
    case migrate::StepProgress::Phase::skipped:
      e.phase = ProgressEvent::Phase::skipped;
      break;
    case migrate::StepProgress::Phase::failed:
      e.phase = ProgressEvent::Phase::failed;
      break;
    }
    e.revision = p.revision;
    e.message = p.message;
    e.direction = p.upgrade ? Direction::upgrade : Direction::downgrade;
    e.index = p.index;
    e.total = p.total;
    e.elapsed_ms = p.elapsed_ms;
    callback(e);
  };
}

} // namespace

Project::Project(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

Project Project::from_file(const std::string& config_file, const std::string& url) {
  auto impl = std::make_unique<Impl>();
  impl->project = lib::translate_errors([&] {
    migrate::GlobalOptions global;
    global.config_file = fs::path(config_file);
    global.url = url;
    return migrate::open_project(global);
  });
  return Project(std::move(impl));
}

Project Project::from_settings(ProjectSettings settings) {
  auto impl = std::make_unique<Impl>();
  impl->project = lib::translate_errors([&] {
    if (settings.url.empty()) {
      throw util::UsageError("no database URL: ProjectSettings::url is empty");
    }
    if (settings.version_table.empty()) {
      throw util::UsageError("ProjectSettings::version_table is empty");
    }
    if (!(settings.lock_timeout_seconds >= 0 &&
          settings.lock_timeout_seconds <= migrate::k_max_lock_timeout_seconds)) {
      throw util::UsageError(
          "ProjectSettings::lock_timeout_seconds must be between 0 and " +
          std::to_string(static_cast<long>(migrate::k_max_lock_timeout_seconds)));
    }
    migrate::Project p;
    migrate::Config& c = p.config;
    // Messages that would name the config file name where the values came from.
    c.file = "ProjectSettings";
    c.dir = fs::absolute(settings.directory.empty() ? fs::current_path()
                                                    : fs::path(settings.directory));
    c.url = settings.url;
    c.version_table = settings.version_table;
    c.schema = settings.schema;
    c.lock_timeout_seconds = settings.lock_timeout_seconds;
    c.transaction_per_migration = settings.transaction_per_migration;
    c.script_location = c.dir / "migrations";
    c.model_paths = settings.model_paths;
    auto texts = std::make_shared<migrate::RevisionTexts>();
    for (auto& m : settings.migrations) {
      texts->push_back({std::move(m.name), std::move(m.text)});
    }
    c.revision_texts = std::move(texts);
    p.url = settings.url;
    p.lock_timeout_seconds = settings.lock_timeout_seconds;
    return p;
  });
  return Project(std::move(impl));
}

void Project::on_progress(ProgressCallback callback) {
  m_impl->progress = std::move(callback);
}

void Project::on_log(LogCallback callback) {
  m_impl->log = std::move(callback);
}

void Project::upgrade(const std::string& target) {
  m_impl->run([&](util::Output& out) {
    migrate::MigrateOptions options;
    options.target = target;
    options.observer = observer_for(m_impl->progress);
    migrate::upgrade(m_impl->project, options, out);
  });
}

void Project::downgrade(const std::string& target) {
  m_impl->run([&](util::Output& out) {
    migrate::MigrateOptions options;
    options.target = target;
    options.observer = observer_for(m_impl->progress);
    migrate::downgrade(m_impl->project, options, out);
  });
}

std::vector<Revision> Project::current() {
  return m_impl->run([&](util::Output& out) {
    // As `migratecpp current` does: the rows, checked against the migrations, and a warning
    // (a log line) about a revision begun and never finished.
    const migrate::Project& project = m_impl->project;
    migrate::LiveDatabase db = migrate::open_database(project);
    const auto rows =
        migrate::VersionTable(*db.dialect, project.config.version_table).read(*db.conn);
    const auto scripts = migrate::ScriptDirectory::load(project.config);
    migrate::check_version_rows(scripts.graph(), rows, project.config.version_table);
    migrate::warn_if_begun(scripts, db,
                           migrate::HistoryTable(*db.dialect, project.config.version_table), out);
    return revisions_of(scripts, rows);
  });
}

std::vector<Revision> Project::heads() {
  return m_impl->run([&](util::Output&) {
    const auto scripts = migrate::ScriptDirectory::load(m_impl->project.config);
    return revisions_of(scripts, scripts.graph().heads());
  });
}

std::vector<Revision> Project::history(const std::string& range) {
  return m_impl->run([&](util::Output&) {
    const auto scripts = migrate::ScriptDirectory::load(m_impl->project.config);
    const migrate::RevisionGraph& graph = scripts.graph();
    std::vector<std::string> rows;
    if (needs_rows(range)) {
      rows = migrate::current_revisions(m_impl->project);
    }
    return revisions_of(scripts, range.empty() ? graph.topo_order_newest_first()
                                               : graph.history_range(range, rows));
  });
}

CheckResult Project::check() {
  std::ostringstream data;
  CheckResult result;
  result.clean = m_impl->run(
      data, [&](util::Output& out) { return migrate::check(m_impl->project, out, false); });
  result.description = data.str();
  return result;
}

VerifyResult Project::verify() {
  return m_impl->run([&](util::Output&) {
    // What `migratecpp verify` reports (read-only: no --accept here), as values.
    const migrate::Project& project = m_impl->project;
    const auto scripts = migrate::ScriptDirectory::load(project.config);
    migrate::LiveDatabase db = migrate::open_database(project);
    const migrate::VersionTable versions(*db.dialect, project.config.version_table);
    const migrate::HistoryTable table(*db.dialect, project.config.version_table);
    const auto status =
        migrate::check_applied(scripts, versions.read(*db.conn), table.read(*db.conn));
    VerifyResult result;
    result.ok = status.problems.empty();
    result.verified = status.verified;
    result.unrecorded = status.unrecorded;
    for (const auto& p : status.problems) {
      result.problems.push_back(
          {p.revision, p.path, p.vanished() ? "file gone" : "ops changed", migrate::describe(p)});
    }
    return result;
  });
}

} // namespace migratecpp
