#pragma once
// Partitioning in the diff (see schema/partition.h). A new partition is a create_table whose
// table has partition_of (CREATE TABLE ... PARTITION OF), created after its parent
// (diff_order), dropped before it. What the diff refuses: a change of how a table is
// partitioned (partition_by, a plain table becoming partitioned or the reverse), of the table
// a partition belongs to, or of its bound. Each moves rows; PostgreSQL has no ALTER for the
// first two, and the third is a detach and an attach that the rows must fit.
#include "schema/model.h"

namespace migratecpp::migrate {

// Throws util::Error naming the table, what changes and what to do instead.
void check_partitioning_change(const schema::Table& current, const schema::Table& desired);

} // namespace migratecpp::migrate
