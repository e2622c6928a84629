#include "migrate/database.h"

#include "introspect/introspect.h"
#include "migrate/history_table.h"
#include "util/error.h"
#include "util/strings.h"
#include "util/url.h"

#include <algorithm>
#include <cstdlib>

namespace fs = std::filesystem;

namespace migratecpp::migrate {

Project open_project(const GlobalOptions& global) {
  fs::path file = global.config_file.value_or(fs::path("migratecpp.toml"));
  if (!fs::exists(file)) {
    if (global.config_file) {
      throw util::Error("config file not found", util::Location{file.string(), 0});
    }
    throw util::Error("no migratecpp.toml in " + fs::current_path().string() +
                      "; run 'migratecpp init' to create a project, or pass -c FILE");
  }
  Project p;
  p.config = load_config(file);
  p.x_args = global.x_args;
  for (const auto& [k, v] : global.x_args) {
    p.config.x_args[k] = v;
  }
  p.lock_timeout_seconds = global.lock_timeout.value_or(p.config.lock_timeout_seconds);
  if (!global.url.empty()) {
    p.url = global.url;
  } else if (const char* env = std::getenv("MIGRATECPP_URL"); env != nullptr && *env != '\0') {
    p.url = env;
  } else {
    p.url = p.config.url;
    p.url_error = p.config.url_error;
  }
  return p;
}

LiveDatabase open_database(const Project& project) {
  if (project.url_error) {
    throw *project.url_error;
  }
  if (project.url.empty()) {
    throw util::Error("no database URL: set [database] url in " + project.config.file.string() +
                      ", MIGRATECPP_URL, or pass --url");
  }
  const util::Url url = dialects::parse_url(project.url);
  LiveDatabase db;
  db.redacted_url = url.redacted();
  db.dialect = &dialects::dialect_for_scheme(url.scheme);
  try {
    dialects::ConnectOptions options;
    options.lock_timeout = std::chrono::milliseconds(
        static_cast<std::chrono::milliseconds::rep>(project.lock_timeout_seconds * 1000));
    db.conn = db.dialect->connect(url, options);
  } catch (const util::Error& e) {
    throw util::Error("cannot connect to " + db.redacted_url + ": " +
                      util::redact_urls(e.message()));
  }
  if (!project.config.schema.empty()) {
    db.conn->exec(db.dialect->use_schema_sql(project.config.schema));
  }
  return db;
}

const dialects::Dialect* target_dialect(const Project& project) noexcept {
  try {
    if (project.url_error || project.url.empty()) {
      return nullptr;
    }
    // The scheme alone: parsing a PostgreSQL URL loads libpq (PQconninfoParse), the slowest
    // part of connecting, which `current` does while it reads the revision files on another
    // thread. A URL malformed past its scheme is reported by open_database.
    return &dialects::dialect_for_scheme(util::url_scheme(project.url));
  } catch (...) {
    return nullptr;
  }
}

const dialects::Dialect& offline_dialect(const Project& project, const std::string& dialect_flag) {
  if (!dialect_flag.empty()) {
    return dialects::dialect_by_name(dialect_flag);
  }
  if (project.url_error) {
    throw *project.url_error;
  }
  if (project.url.empty()) {
    throw util::UsageError(
        "--sql needs a dialect: pass --dialect sqlite|postgresql|mysql or a URL");
  }
  return dialects::dialect_for_scheme(dialects::parse_url(project.url).scheme);
}

namespace {

introspect::Options introspect_options(const Project& project, bool honour_excludes) {
  introspect::Options opts;
  opts.version_table = project.config.version_table;
  opts.schema = project.config.schema;
  if (honour_excludes) {
    opts.objects = project.config.objects;
  }
  // migratecpp's own, like the version table: never a model's, never drift.
  opts.exclude_tables.push_back(HistoryTable::name_for(project.config.version_table));
  return opts;
}

} // namespace

schema::Database read_schema(LiveDatabase& db, const Project& project, bool honour_excludes) {
  return introspect::introspect(*db.conn, *db.dialect,
                                introspect_options(project, honour_excludes));
}

std::vector<dialects::UnmanagedObject> read_unmanaged(LiveDatabase& db, const Project& project,
                                                      bool honour_excludes) {
  return introspect::unmanaged_objects(*db.conn, *db.dialect,
                                       introspect_options(project, honour_excludes));
}

std::string unmanaged_note(const std::vector<dialects::UnmanagedObject>& objects) {
  if (objects.empty()) {
    return "";
  }
  std::vector<std::string> named;
  for (const auto& o : objects) {
    named.push_back(dialects::describe(o));
  }
  return std::to_string(objects.size()) +
         " object(s) in the database are not managed by migratecpp (no model describes them; "
         "they are left alone): " +
         util::join(named, ", ");
}

void check_version_rows(const RevisionGraph& graph, const std::vector<std::string>& rows,
                        const std::string& version_table) {
  for (const auto& r : rows) {
    if (graph.find(r) == nullptr) {
      throw util::Error("the database is at revision '" + r + "' (table " + version_table +
                        "), which is not in the migrations folder; did you delete or rename a "
                        "revision file?");
    }
  }
  // A row is stale when a revision applied above it follows it (a parent edge): the table
  // holds the heads of the applied set over parent edges, so a dependency on another branch
  // (depends_on) stays a row of its own, as upgrade writes it (and as Alembic does).
  const auto heads = graph.version_rows_for(graph.applied_set(rows));
  for (const auto& r : rows) {
    const auto below = graph.applied_set({r});
    for (const auto& other : rows) {
      const bool a_head = std::find(heads.begin(), heads.end(), other) != heads.end();
      if (other != r && !a_head && below.count(other) != 0) {
        throw util::Error("the version table " + version_table + " holds both '" + other +
                          "' and '" + r + "', but '" + other + "' is an ancestor of '" + r +
                          "': one of the rows is stale (edited by hand, or written by another "
                          "tool). Fix it with 'migratecpp stamp' (e.g. 'stamp --purge " +
                          r + "')");
      }
    }
  }
}

} // namespace migratecpp::migrate
