#pragma once
// The checks of partitioned tables and partitions in models (see schema/partition.h) that
// need every models file: the parent is in the models and partitioned, the chain of parents
// does not loop, and a partition's indexes and constraints name columns of its root table.
#include "migrate/table_codec.h"
#include "schema/model.h"

#include <vector>

namespace migratecpp::dialects {
class Dialect;
}

namespace migratecpp::migrate {

// `sources` is parallel to db.tables. Throws util::Error at the offending key's file:line.
void check_partitions(const schema::Database& db, const std::vector<TableSource>& sources);
// Refuses partition_by / partition_of where `dialect` has no declarative partitioning.
void check_partitions_for_dialect(const schema::Database& db,
                                  const std::vector<TableSource>& sources,
                                  const dialects::Dialect& dialect);

} // namespace migratecpp::migrate
