#pragma once
// Declarative partitioning in the model (schema::Table's partition_by / partition_of /
// partition_bound): finding a partition's parent and root, whose columns are its columns.
#include "schema/model.h"

#include <string>
#include <vector>

namespace migratecpp::schema {

// The table whose columns `t` has: `t` itself, or for a partition the root of its chain of
// parents (a sub-partition's parent is a partition too). `t` itself where a parent is not in
// `db` or the chain loops.
const Table& column_source(const Database& db, const Table& t);
// `t` with the columns of column_source(db, t): what a probe of a partition's own indexes
// and checks needs (they name its parent's columns). `t` itself where it is no partition.
Table with_root_columns(const Database& db, const Table& t);
// True if the chain of parents from `t` comes back to a table already seen.
bool partition_chain_loops(const Database& db, const Table& t);

} // namespace migratecpp::schema
