// Autogenerate, check and inspect: models vs the live database.
#include "introspect/introspect.h"
#include "migrate/align_stored.h"
#include "migrate/autogenerate.h"
#include "migrate/database.h"
#include "migrate/diff.h"
#include "migrate/history_table.h"
#include "migrate/json_output.h"
#include "migrate/model_file.h"
#include "migrate/preflight.h"
#include "migrate/routine_forms.h"
#include "migrate/version_table.h"
#include "migrate/view_forms.h"
#include "schema/column_type.h"
#include "schema/partition.h"
#include "schema/types.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>

namespace migratecpp::migrate {

namespace {

struct Comparison {
  DiffResult result;
  std::string redacted_url;
};

schema::Database load_project_models(const Project& project, const dialects::Dialect& dialect) {
  const auto files = expand_model_globs(project.config);
  if (files.empty()) {
    throw util::Error("no model files match [models] paths in " + project.config.file.string());
  }
  schema::Database desired = load_models(files, &dialect);
  check_model_identifiers(dialect, desired, files);
  const schema::ObjectFilter& objects = project.config.objects;
  std::erase_if(desired.tables,
                [&](const schema::Table& t) { return !objects.manages("tables", t.name); });
  std::erase_if(desired.virtual_tables,
                [&](const schema::VirtualTable& v) { return !objects.manages("tables", v.name); });
  std::erase_if(desired.enums, [&](const auto& e) { return !objects.manages("enums", e.name); });
  std::erase_if(desired.sequences,
                [&](const auto& s) { return !objects.manages("sequences", s.name); });
  std::erase_if(desired.domains,
                [&](const auto& d) { return !objects.manages("domains", d.name); });
  std::erase_if(desired.extensions,
                [&](const auto& e) { return !objects.manages("extensions", e.name); });
  std::erase_if(desired.views, [&](const schema::View& v) {
    return !objects.manages(v.materialized ? "materialized_views" : "views", v.name);
  });
  std::erase_if(desired.routines, [&](const auto& r) {
    return !objects.manages(r.kind == "procedure" ? "procedures" : "functions", r.name);
  });
  std::erase_if(desired.triggers, [&](const auto& t) {
    return !objects.manages("triggers", t.name, t.table) || desired.find_table(t.table) == nullptr;
  });
  return desired;
}

// A model type the database stores under another name (a "datetime" column on PostgreSQL is a
// timestamp) reads back as that name. Where the model's type, spelled by the dialect, is what
// the live column holds, the two are the same and the model takes the live spelling, so that
// the diff (which compares canonical names, dialect-neutral) sees no change.
void align_stored_types(const dialects::Dialect& dialect, const schema::Database& live,
                        schema::Database& desired) {
  for (auto& want : desired.tables) {
    const schema::Table* have = live.find_table(want.name);
    if (have == nullptr) {
      continue;
    }
    for (auto& c : want.columns) {
      const schema::Column* lc = have->find_column(c.name);
      if (lc == nullptr) {
        continue;
      }
      if (c.type != lc->type && schema::ColumnType(dialect.type_sql(c.type)) == lc->type) {
        c.type = lc->type;
      }
      // An autoincrementing integer and a serial of that integer are the same column to a
      // model (`integer` + autoincrement is how models said serial before inspect wrote
      // serials): no change between them.
      if (c.autoincrement && lc->autoincrement && c.type != lc->type &&
          schema::serial_integer(c.type) == schema::serial_integer(lc->type)) {
        c.type = lc->type;
      }
    }
  }
}

// PostgreSQL stores a check or a partial-index predicate rewritten (BETWEEN expanded, casts
// and parentheses added), so its text never equals the model's. Where a model expression
// differs from the live one of the same name, ask the database how it would store the model's;
// if that is what the live object holds, the two are the same and the model takes its text.
// Costs statements only for the expressions that differ, never per table.
void align_rewritten_expressions(LiveDatabase& db, const schema::Database& live,
                                 schema::Database& desired) {
  for (auto& want : desired.tables) {
    const schema::Table* have = live.find_table(want.name);
    if (have == nullptr) {
      continue;
    }
    std::vector<std::string> checks;
    std::vector<std::pair<schema::CheckConstraint*, const schema::CheckConstraint*>> check_pairs;
    for (auto& c : want.checks) {
      for (const auto& lc : have->checks) {
        if (!c.name.empty() && lc.name == c.name &&
            normalize_expression(c.expression) != normalize_expression(lc.expression)) {
          checks.push_back(c.expression);
          check_pairs.emplace_back(&c, &lc);
        }
      }
    }
    std::vector<std::string> predicates;
    std::vector<std::pair<schema::Index*, const schema::Index*>> index_pairs;
    for (auto& i : want.indexes) {
      for (const auto& li : have->indexes) {
        if (!i.name.empty() && li.name == i.name && i.where && li.where &&
            normalize_expression(*i.where) != normalize_expression(*li.where)) {
          predicates.push_back(*i.where);
          index_pairs.emplace_back(&i, &li);
        }
      }
    }
    std::vector<schema::Column> generated;
    std::vector<std::pair<schema::Column*, const schema::Column*>> generated_pairs;
    for (auto& c : want.columns) {
      const schema::Column* lc = have->find_column(c.name);
      if (c.generated && lc != nullptr && lc->generated &&
          c.generated->stored == lc->generated->stored &&
          normalize_expression(c.generated->expression) !=
              normalize_expression(lc->generated->expression)) {
        generated.push_back(c);
        generated_pairs.emplace_back(&c, lc);
      }
    }
    if (checks.empty() && predicates.empty() && generated.empty()) {
      continue;
    }
    // (A partition's checks and predicates name its parent's columns.)
    const auto forms =
        introspect::stored_forms(*db.conn, *db.dialect, schema::with_root_columns(live, *have),
                                 checks, predicates, generated);
    for (std::size_t k = 0; k < generated_pairs.size(); ++k) {
      const auto& [model, stored] = generated_pairs[k];
      if (forms.generated[k] && normalize_expression(*forms.generated[k]) ==
                                    normalize_expression(stored->generated->expression)) {
        model->generated->expression = stored->generated->expression;
      }
    }
    for (std::size_t k = 0; k < check_pairs.size(); ++k) {
      const auto& [model, stored] = check_pairs[k];
      if (forms.checks[k] &&
          normalize_expression(*forms.checks[k]) == normalize_expression(stored->expression)) {
        model->expression = stored->expression;
      }
    }
    for (std::size_t k = 0; k < index_pairs.size(); ++k) {
      const auto& [model, stored] = index_pairs[k];
      if (forms.predicates[k] &&
          normalize_expression(*forms.predicates[k]) == normalize_expression(*stored->where)) {
        model->where = stored->where;
      }
    }
  }
}

// Introspection leaves out a table option that is the database's default (so that `inspect`
// of a table made without options shows none). Where a model gives such an option, the live
// table takes the default's value, so that the diff compares values: a model that says
// engine = "InnoDB" of an InnoDB table is clean, and a change knows the value it undoes.
// One statement, and only when a model gives an option.
void fill_default_options(LiveDatabase& db, const Project& project, const schema::Database& desired,
                          schema::Database& live) {
  const bool any = std::any_of(desired.tables.begin(), desired.tables.end(),
                               [](const schema::Table& t) { return !t.options.empty(); });
  if (!any || db.dialect->table_option_keys().empty()) {
    return;
  }
  const schema::TableOptions defaults =
      db.dialect->table_option_defaults(*db.conn, project.config.schema);
  for (auto& have : live.tables) {
    const schema::Table* want = desired.find_table(have.name);
    if (want == nullptr || want->options.empty()) {
      continue;
    }
    schema::TableOptions& o = have.options;
    if (!o.engine) {
      o.engine = defaults.engine;
    }
    if (!o.charset && !o.collate) { // the two go together: both or neither are the default
      o.charset = defaults.charset;
      o.collate = defaults.collate;
    }
    if (!o.row_format) {
      o.row_format = defaults.row_format;
    }
  }
}

Comparison compare(const Project& project, LiveDatabase& db) {
  // Models first: a broken model file is reported before anything touches the database.
  schema::Database desired = load_project_models(project, *db.dialect);
  schema::Database live = read_schema(db, project, true);
  fill_default_options(db, project, desired, live);
  // A model that names its key with the database's default name asks for the default, as
  // introspection writes it (no name).
  for (auto& t : desired.tables) {
    if (!t.key.name.empty() && t.key.name == db.dialect->default_primary_key_name(t.name)) {
      t.key.name.clear();
    }
  }
  align_stored_types(*db.dialect, live, desired);
  align_rewritten_expressions(db, live, desired);
  align_view_definitions(*db.conn, *db.dialect, live, desired);
  align_stored_defaults_and_indexes(*db.dialect, *db.conn, live, desired);
  align_routine_definitions(*db.conn, *db.dialect, live, desired);
  DiffOptions options;
  options.objects = project.config.objects;
  options.exclude_tables.push_back(project.config.version_table);
  options.exclude_tables.push_back(HistoryTable::name_for(project.config.version_table));
  options.enums = db.dialect->has_enum_types();
  options.foreign_keys_block_type_changes = db.dialect->foreign_keys_block_type_changes();
  options.view_replace_keeps_columns = db.dialect->view_replace_keeps_columns();
  options.is_row_alias = [dialect = db.dialect](const schema::Table& t, const schema::Column& c) {
    return dialect->is_row_alias(t, c);
  };
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
  const auto unmanaged = read_unmanaged(db, project, true);
  if (const std::string note = unmanaged_note(unmanaged); !note.empty()) {
    out.info(note);
  }
  // A table dropped takes its triggers (rules, policies, partitions) with it: said where the
  // reviewer reads the drop.
  for (const auto& op : rev.upgrade) {
    const auto* drop = std::get_if<schema::DropTable>(&op);
    for (const auto& o : unmanaged) {
      if (drop != nullptr && o.table == drop->table && o.name != drop->table) {
        const std::string w = "dropping table '" + drop->table + "' also drops " +
                              dialects::describe(o) + ", which no model describes";
        rev.notes.push_back("REVIEW: " + w);
        out.warning(w);
      }
    }
  }
  if (rev.upgrade.empty()) {
    out.info("No changes detected; writing an empty revision");
  } else {
    for (const auto& op : rev.upgrade) {
      out.info("Detected " + describe(op));
    }
  }
}

bool check(const Project& project, util::Output& out, bool json) {
  LiveDatabase db = open_database(project);
  Comparison c = compare(project, db);
  const auto unmanaged = read_unmanaged(db, project, true);
  if (const std::string note = unmanaged_note(unmanaged); !note.empty()) {
    out.info(note);
  }
  if (json) {
    toml::array operations;
    for (const auto& op : c.result.upgrade) {
      operations.push_back(toml::table{{"op", schema::op_name(op)},
                                       {"table", schema::op_table(op)},
                                       {"description", describe(op)},
                                       {"destructive", schema::is_destructive(op)}});
    }
    toml::array others;
    for (const auto& u : unmanaged) {
      others.push_back(toml::table{{"kind", u.kind}, {"name", u.name}, {"table", u.table}});
    }
    print_json(out, toml::table{{"clean", c.result.empty()},
                                {"operations", std::move(operations)},
                                {"unmanaged", std::move(others)}});
    return c.result.empty();
  }
  if (c.result.empty()) {
    out.info("No changes: the database matches the models");
    return true;
  }
  for (const auto& op : c.result.upgrade) {
    out.data_escaped(describe(op));
  }
  out.info(std::to_string(c.result.upgrade.size()) +
           " pending operation(s): the models differ from the database; run 'migratecpp "
           "revision --autogenerate -m MSG'");
  return false;
}

void inspect(const Project& project, const InspectOptions& options, util::Output& out) {
  LiveDatabase db = open_database(project);
  // [models] exclude/include are for autogenerate and check; inspect shows what the database
  // holds.
  schema::Database live = read_schema(db, project, false);
  if (!options.tables.empty()) {
    std::vector<std::string> names;
    for (const auto& t : live.tables) {
      names.push_back(t.name);
    }
    for (const auto& v : live.virtual_tables) {
      names.push_back(v.name);
    }
    for (const auto& wanted : options.tables) {
      if (live.find_table(wanted) == nullptr && live.find_virtual_table(wanted) == nullptr) {
        throw util::Error("table '" + wanted + "' does not exist in " + db.redacted_url +
                          util::did_you_mean(wanted, names));
      }
    }
    std::erase_if(live.tables, [&](const schema::Table& t) {
      return std::find(options.tables.begin(), options.tables.end(), t.name) ==
             options.tables.end();
    });
    // A virtual table is a table here: kept when named.
    std::erase_if(live.virtual_tables, [&](const schema::VirtualTable& v) {
      return std::find(options.tables.begin(), options.tables.end(), v.name) ==
             options.tables.end();
    });
    // Views belong to no table: left out with --table, as the other objects of no table are.
    live.views.clear();
    // A sequence OWNED BY a column of a table left out goes with that table.
    std::erase_if(live.sequences, [&](const schema::Sequence& s) {
      return s.owned_by && live.find_table(s.owned_by->substr(0, s.owned_by->find('.'))) == nullptr;
    });
    // So do its triggers.
    std::erase_if(live.triggers,
                  [&](const schema::Trigger& t) { return live.find_table(t.table) == nullptr; });
  }
  out.data_raw(render_models(live));
  // What the models cannot say yet, named so that nobody takes the models for the whole schema.
  for (const auto& o : read_unmanaged(db, project, false)) {
    const bool shown =
        options.tables.empty() ||
        std::find(options.tables.begin(), options.tables.end(), o.table) != options.tables.end();
    if (shown) {
      out.warning("inspect: " + dialects::describe(o) +
                  " is not in the models: migratecpp does not manage it (yet) and leaves it alone");
    }
  }
}

} // namespace migratecpp::migrate
