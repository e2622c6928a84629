// The table rebuild that stands in for the ALTER TABLE forms SQLite lacks.
#include "dialects/sqlite/sqlite_ddl.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "dialects/sqlite/sqlite_table_extras.h"
#include "dialects/sqlite/sqlite_triggers.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>

namespace migratecpp::dialects::sqlite {

using namespace detail;
using schema::Column;
using schema::Database;
using schema::Table;

namespace {

// The tables whose foreign keys a rebuild of `to` can break: itself (its own foreign keys)
// and those that reference it.
std::vector<std::string> tables_to_check(const Table& to, const Database& db) {
  std::vector<std::string> out;
  if (!to.foreign_keys.empty()) {
    out.push_back(to.name);
  }
  for (const auto& t : db.tables) {
    if (same_name(t.name, to.name)) {
      continue;
    }
    for (const auto& fk : t.foreign_keys) {
      if (same_name(fk.ref_table, to.name)) {
        out.push_back(t.name);
        break;
      }
    }
  }
  return out;
}

} // namespace

std::vector<Statement> SqliteDialect::rebuild(const Table& from, const Table& to,
                                              const Database& db, const std::string& why,
                                              const RenderContext& context,
                                              std::optional<RebuildPlan>* plan) const {
  if (plan != nullptr) {
    *plan = RebuildPlan{from, to, why};
    return {};
  }
  return rebuild(from, to, db, {}, why, context, table_extras(from, context, why));
}

std::vector<Statement> SqliteDialect::script_before_rebuilds() const {
  return {{"PRAGMA foreign_keys = OFF",
           "a rebuild drops and re-creates tables: no ON DELETE CASCADE while it runs (the "
           "pragma does nothing inside a transaction)"}};
}

std::vector<Statement> SqliteDialect::script_after_rebuilds() const {
  return {{"PRAGMA foreign_keys = ON", "foreign-key enforcement back on"}};
}

std::vector<Statement> SqliteDialect::rebuild(const Table& from, const Table& to,
                                              const Database& db,
                                              const std::map<std::string, std::string>& renamed,
                                              const std::string& why, const RenderContext& context,
                                              const TableExtras& extras) const {
  // The procedure of https://www.sqlite.org/lang_altertable.html section 7. It relies on
  // foreign-key enforcement being off (SqliteConnection keeps it off): the old table is
  // dropped while other tables still reference it, and those references resolve again, by
  // name, once the new table takes the old name.
  const std::string tmp = std::string(k_rebuild_prefix) + to.name;
  const std::string what = std::string(k_rebuild_label) + " " + from.name + " (" + why + ")";
  std::vector<Statement> out;
  // Undo (compensating strategy): up to the drop of the old table, dropping the new one
  // takes everything back; the drop itself has no reverse.
  check_generated_columns(extras, from, to, why);
  out.push_back({create_table_sql(to, db, tmp, &extras), what + ": create the new definition",
                 "DROP TABLE " + quote_ident(tmp)});

  std::vector<std::string> target_cols;
  std::vector<std::string> source_cols;
  for (const auto& c : to.columns) {
    auto it = renamed.find(c.name);
    const std::string source = it != renamed.end() ? it->second : c.name;
    const Column* old = find_column(from, source);
    if (old != nullptr && !c.generated && !old->generated) { // computed, never copied
      target_cols.push_back(quote_ident(c.name));
      source_cols.push_back(quote_ident(old->name));
    }
  }
  if (!target_cols.empty()) {
    out.push_back({"INSERT INTO " + quote_ident(tmp) + " (" + util::join(target_cols, ", ") +
                       ") SELECT " + util::join(source_cols, ", ") + " FROM " +
                       quote_ident(from.name),
                   what + ": copy the rows", ""});
  }
  if (has_autoincrement_key(to)) {
    // AUTOINCREMENT promises never to reuse an id, even of deleted rows; the copy only knows
    // the ids still present, so carry over the old table's high-water mark.
    out.push_back({"DELETE FROM sqlite_sequence WHERE name = " + quote_string(tmp) +
                       " AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = " +
                       quote_string(from.name) + ")",
                   what + ": keep the autoincrement counter", ""});
    out.push_back({"INSERT INTO sqlite_sequence (name, seq) SELECT " + quote_string(tmp) +
                       ", seq FROM sqlite_sequence WHERE name = " + quote_string(from.name),
                   what + ": keep the autoincrement counter", ""});
  }
  out.push_back({"DROP TABLE " + quote_ident(from.name), what + ": drop the old table"});
  // Since SQLite 3.26 a rename re-checks every view and trigger of the schema, and a view on
  // the table fails that check while the table is missing ("error in view v: no such table").
  // The legacy mode skips the check; the view resolves again once the rename is done.
  out.push_back({"PRAGMA legacy_alter_table = ON", what + ": rename without re-checking views",
                 "PRAGMA legacy_alter_table = OFF"});
  out.push_back({"ALTER TABLE " + quote_ident(tmp) + " RENAME TO " + quote_ident(to.name),
                 what + ": put the new table in place"});
  out.push_back({"PRAGMA legacy_alter_table = OFF", what + ": back to the default", ""});
  for (const auto& idx : to.indexes) {
    out.push_back({index_sql(to.name, &to, idx), what + ": re-create index " + idx.name,
                   "DROP INDEX " + quote_ident(idx.name)});
  }
  // Dropping the old table dropped its triggers (and, offline, indexes an execute op made).
  for (const auto& o : extras.objects) {
    out.push_back({o.sql, what + ": re-create " + (o.trigger ? "trigger " : "index ") + o.name,
                   std::string(o.trigger ? "DROP TRIGGER " : "DROP INDEX ") + quote_ident(o.name)});
  }
  // Offline the modelled triggers of the table are known from the tracked schema only (online
  // sqlite_master lists them with the others above): each made again once, from the model.
  if (context.live == nullptr) {
    for (const auto& trigger : db.triggers) {
      const bool made =
          std::any_of(extras.objects.begin(), extras.objects.end(),
                      [&](const auto& o) { return o.trigger && o.name == trigger.name; });
      if (trigger.table == from.name && !made) {
        schema::Trigger t = trigger;
        t.table = to.name;
        out.push_back({create_trigger_sql(*this, t), what + ": re-create trigger " + t.name,
                       "DROP TRIGGER " + quote_ident(t.name)});
      }
    }
  }
  // The rows were copied with foreign-key enforcement off: check that every foreign key of
  // the table, and of the tables that reference it, still finds its parent row.
  const auto checked = tables_to_check(to, db);
  if (!checked.empty()) {
    std::vector<std::string> parts;
    for (const auto& t : checked) {
      parts.push_back("SELECT \"table\" FROM pragma_foreign_key_check(" + quote_string(t) + ")");
    }
    const std::string violations = util::join(parts, " UNION ALL ");
    const std::string label = what + ": foreign key check";
    if (context.live != nullptr) {
      Statement check{"SELECT \"table\" || ' (rows whose foreign key has no parent row)', "
                      "count(*) FROM (" +
                          violations + ") GROUP BY \"table\"",
                      label, ""};
      check.check = true;
      out.push_back(std::move(check));
    } else {
      // A script cannot branch: a CHECK constraint makes the INSERT fail when rows point
      // nowhere (the client must stop at the first error: sqlite3 -bail).
      const std::string name = quote_ident(std::string(k_rebuild_prefix) + "fk_check");
      out.push_back({"CREATE TEMP TABLE " + name + " (violations INTEGER CONSTRAINT " +
                         quote_ident("foreign keys point nowhere after rebuilding " + to.name +
                                     ": PRAGMA foreign_key_check lists the rows") +
                         " CHECK (violations = 0))",
                     label, ""});
      out.push_back(
          {"INSERT INTO " + name + " SELECT count(*) FROM (" + violations + ")", label, ""});
      out.push_back({"DROP TABLE " + name, label, ""});
    }
  }
  return out;
}

bool SqliteDialect::needs_rebuild(const schema::Op& op, const Database& before) const {
  // The rendering decides (it alone knows when ALTER TABLE will do): an op needs a rebuild
  // when its statements include the rebuild's, which rebuild() labels k_rebuild_label.
  try {
    for (const auto& st : render(op, before)) {
      if (st.comment.rfind(k_rebuild_label, 0) == 0) {
        return true;
      }
    }
  } catch (const util::Error&) {
    // The op does not fit `before`: it will not run at all.
  }
  return false;
}

} // namespace migratecpp::dialects::sqlite
