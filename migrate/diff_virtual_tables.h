#pragma once
// The part of the diff for virtual tables (SQLite). They compare by name; the module by name
// (case aside), the arguments as SQL tokens (spacing, comments and keyword case aside). No
// database alters a virtual table: a changed one is dropped and created again, which empties
// it (an FTS table's rows are data), so the diff says so in a warning and the drop is marked
// destructive in the revision file. Drops run first of all (a name may become a table's),
// creates after the tables (an external-content FTS table reads one).
#include "migrate/diff.h"
#include "schema/model.h"
#include "schema/ops.h"

#include <string>
#include <vector>

namespace migratecpp::migrate {

struct VirtualTableChanges {
  std::vector<schema::Op> drops;   // removed or changed: first of all
  std::vector<schema::Op> creates; // new or changed: after the tables
  std::vector<std::string> warnings;
};

VirtualTableChanges diff_virtual_tables(const schema::Database& current,
                                        const schema::Database& desired,
                                        const DiffOptions& options);

} // namespace migratecpp::migrate
