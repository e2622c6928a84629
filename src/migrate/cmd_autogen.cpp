// Autogenerate, check and inspect: models vs the live database.
#include "migrate/autogenerate.h"
#include "migrate/database.h"
#include "migrate/diff.h"
#include "migrate/model_file.h"
#include "migrate/version_table.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>

namespace migratecpp::migrate {

namespace {

struct Comparison {
  DiffResult result;
  std::string redacted_url;
};

schema::Database load_project_models(const Project& project) {
  const auto files = expand_model_globs(project.config);
  if (files.empty()) {
    throw util::Error("no model files match [models] paths in " + project.config.file.string());
  }
  schema::Database desired = load_models(files);
  const auto& excluded = project.config.exclude_tables;
  std::erase_if(desired.tables, [&](const schema::Table& t) {
    return std::find(excluded.begin(), excluded.end(), t.name) != excluded.end();
  });
  return desired;
}

Comparison compare(const Project& project, LiveDatabase& db) {
  // Models first: a broken model file is reported before anything touches the database.
  const schema::Database desired = load_project_models(project);
  const schema::Database live = read_schema(db, project, true);
  DiffOptions options;
  options.exclude_tables = project.config.exclude_tables;
  options.exclude_tables.push_back(project.config.version_table);
  options.enums = db.dialect->name() == "postgresql";
  return {diff(live, desired, options), db.redacted_url};
}

std::vector<std::string> rename_notes(const DiffResult& result) {
  std::vector<std::string> notes;
  for (const auto& r : result.renames) {
    if (r.is_table) {
      notes.push_back("PROBABLE RENAME: table '" + r.from + "' was dropped and '" + r.to +
                      "' created with the same columns. If it is a rename, replace the "
                      "drop_table and create_table ops with: { op = \"rename_table\", table = \"" +
                      r.from + "\", new_name = \"" + r.to + "\" } (and the reverse in downgrade)");
    } else {
      notes.push_back("PROBABLE RENAME: column '" + r.table + "." + r.from + "' was dropped and '" +
                      r.table + "." + r.to +
                      "' added with the same type. If it is a rename, "
                      "replace the drop_column and add_column ops with: { op = \"alter_column\", "
                      "table = \"" +
                      r.table + "\", column = \"" + r.from + "\", new_name = \"" + r.to +
                      "\" } (and the reverse in downgrade); as written, the data in '" + r.from +
                      "' is lost");
    }
  }
  return notes;
}

} // namespace

void autogenerate(const Project& project, NewRevision& rev, util::Output& out) {
  LiveDatabase db = open_database(project);
  const auto rows = VersionTable(*db.dialect, project.config.version_table).read(*db.conn);
  auto expected = rev.down_revisions;
  std::sort(expected.begin(), expected.end());
  if (rows != expected) {
    throw util::Error("the database is not up to date: it is at " +
                      (rows.empty() ? std::string("base") : util::join(rows, ", ")) +
                      " but the new revision follows " +
                      (expected.empty() ? std::string("base") : util::join(expected, ", ")) +
                      "; run 'migratecpp upgrade head' first");
  }
  Comparison c = compare(project, db);
  rev.upgrade = std::move(c.result.upgrade);
  rev.downgrade = std::move(c.result.downgrade);
  rev.notes = rename_notes(c.result);
  for (const auto& w : c.result.warnings) {
    rev.notes.push_back("REVIEW: " + w);
    out.warning(w);
  }
  if (rev.upgrade.empty()) {
    out.info("No changes detected; writing an empty revision");
  } else {
    for (const auto& op : rev.upgrade) {
      out.info("Detected " + describe(op));
    }
  }
}

bool check(const Project& project, util::Output& out) {
  LiveDatabase db = open_database(project);
  Comparison c = compare(project, db);
  if (c.result.empty()) {
    out.info("No changes: the database matches the models");
    return true;
  }
  for (const auto& op : c.result.upgrade) {
    out.data(describe(op));
  }
  out.info(std::to_string(c.result.upgrade.size()) +
           " pending operation(s): the models differ from the database; run 'migratecpp "
           "revision --autogenerate -m MSG'");
  return false;
}

void inspect(const Project& project, const InspectOptions& options, util::Output& out) {
  LiveDatabase db = open_database(project);
  schema::Database live = read_schema(db, project, true);
  if (!options.tables.empty()) {
    std::vector<std::string> names;
    for (const auto& t : live.tables) {
      names.push_back(t.name);
    }
    for (const auto& wanted : options.tables) {
      if (live.find_table(wanted) == nullptr) {
        throw util::Error("table '" + wanted + "' does not exist in " + db.redacted_url +
                          util::did_you_mean(wanted, names));
      }
    }
    std::erase_if(live.tables, [&](const schema::Table& t) {
      return std::find(options.tables.begin(), options.tables.end(), t.name) ==
             options.tables.end();
    });
  }
  out.data_raw(render_models(live));
}

} // namespace migratecpp::migrate
