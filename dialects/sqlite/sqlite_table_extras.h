#pragma once
// Internal to the SQLite dialect: what a table rebuild must carry over that the schema model
// does not describe. A rebuild creates the table anew from the model, so without this it
// would silently lose the table's triggers, what the model has no place for (generated columns
// it does not know, STRICT, WITHOUT ROWID) and what `execute` ops made. (A column's COLLATE is
// in the model: Column::collation.)
//
// Online the stored SQL in sqlite_master says it all. Offline (a script) only the SQL of the
// execute ops before the rebuild is known: their triggers and indexes on the table are made
// again; a column they added would be dropped, so the rebuild is refused. A table made
// outside migratecpp is not in the tracked schema offline at all, and a rebuild of it fails
// as "table does not exist".
#include "dialects/dialect.h"
#include "schema/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::sqlite::detail {

struct TableExtras {
  // A generated column the model does not know (one that the rebuilt table's model leaves
  // out), its definition verbatim, placed after the column it followed ("" = first).
  struct Generated {
    std::string name;
    std::string after;
    std::string definition;
  };
  std::vector<Generated> generated;
  // The table options after the closing parenthesis, verbatim ("WITHOUT ROWID", "STRICT").
  std::string table_options;
  // CREATE TRIGGER and CREATE INDEX statements made again after the rebuild (triggers of the
  // table; offline, indexes an execute op made that the model does not know).
  struct Object {
    std::string name;
    std::string sql;
    bool trigger = true;
  };
  std::vector<Object> objects;

  // After RENAME COLUMN `from` TO `to`: what names the column follows it.
  void rename_column(const std::string& from, const std::string& to);
};

// What the rebuild of `table` (for `why`) must carry over, from the live database or the
// executed SQL of `context` (see above); nothing for an empty context. Throws util::Error
// naming the table and the clause for what it cannot carry over (ON CONFLICT; DEFERRABLE
// where the model of the table has no deferrable foreign key)
// and, offline, naming the execute op that added a column the model does not know.
TableExtras table_extras(const schema::Table& table, const RenderContext& context,
                         const std::string& why);

// Throws util::Error naming the table and the column when a generated column (of `extras`, or
// of `to`'s model) uses a column of `from` that `to` no longer has.
void check_generated_columns(const TableExtras& extras, const schema::Table& from,
                             const schema::Table& to, const std::string& why);

} // namespace migratecpp::dialects::sqlite::detail
