#pragma once
// What an alter_table_options op does to PostgreSQL storage parameters, in one place for the
// tracked schema (apply), the DDL (the dialect) and the description (autogenerate's log).
#include "schema/ops.h"

#include <string>
#include <vector>

namespace migratecpp::schema {

// The storage parameters `o` resets to their default: those in existing.storage that
// options.storage does not set (none when the op leaves storage alone). Sorted.
std::vector<std::string> reset_storage_parameters(const AlterTableOptions& o);

} // namespace migratecpp::schema
