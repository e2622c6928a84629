// The table rebuild that stands in for the ALTER TABLE forms SQLite lacks.
#include "dialects/sqlite/sqlite_ddl.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "util/error.h"
#include "util/strings.h"

namespace migratecpp::dialects::sqlite {

using namespace detail;
using schema::Column;
using schema::Database;
using schema::Table;

std::vector<Statement> SqliteDialect::rebuild(const Table& from, const Table& to,
                                              const Database& db,
                                              const std::map<std::string, std::string>& renamed,
                                              const std::string& why) const {
  // The procedure of https://www.sqlite.org/lang_altertable.html section 7. It relies on
  // foreign-key enforcement being off (SqliteConnection keeps it off): the old table is
  // dropped while other tables still reference it, and those references resolve again, by
  // name, once the new table takes the old name.
  const std::string tmp = std::string(k_rebuild_prefix) + to.name;
  const std::string what = std::string(k_rebuild_label) + " " + from.name + " (" + why + ")";
  std::vector<Statement> out;
  // Undo (compensating strategy): up to the drop of the old table, dropping the new one
  // takes everything back; the drop itself has no reverse.
  out.push_back({create_table_sql(to, db, tmp), what + ": create the new definition",
                 "DROP TABLE " + quote_ident(tmp)});

  std::vector<std::string> target_cols;
  std::vector<std::string> source_cols;
  for (const auto& c : to.columns) {
    auto it = renamed.find(c.name);
    const std::string source = it != renamed.end() ? it->second : c.name;
    if (const Column* old = find_column(from, source)) {
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
