#pragma once
// The part of the diff for functions, procedures and triggers. Routines compare by kind, name
// and arguments, triggers by table and name; a definition compares as SQL tokens (spacing and
// keyword case aside). The ops come back grouped by where they run in the upgrade (diff.h):
// trigger drops first of all, routines before the tables (after extensions, domains, enum
// types and sequences: a default or check may call one), triggers after the tables, routine
// drops after the table drops.
#include "schema/model.h"
#include "schema/ops.h"

#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

struct RoutineChanges {
  std::vector<schema::Op> trigger_drops; // removed or changed triggers: first of all
  std::vector<schema::Op> routines;      // created, replaced, dropped and created again
  // Those whose arguments or result name a table's row type (PostgreSQL RETURNS SETOF
  // customer): after the tables; their drops before the table drops.
  std::vector<schema::Op> table_typed_routines;
  std::vector<schema::Op> table_typed_drops;
  std::vector<schema::Op> triggers;      // created (new or changed): after the tables
  std::vector<schema::Op> routine_drops; // removed: after the table drops
  std::vector<std::string> warnings;
};

RoutineChanges diff_routines(const schema::Database& current, const schema::Database& desired);

// True when two SQL texts are the same tokens: spacing and comments aside, bare words compared
// case-insensitively.
bool same_sql(std::string_view a, std::string_view b);

} // namespace migratecpp::migrate
