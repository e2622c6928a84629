#pragma once
// Virtual tables are SQLite's (Dialect::has_virtual_tables): what the other dialects say
// when asked to render a virtual-table op (a revision file written by hand or for SQLite).
#include "dialects/dialect.h"
#include "schema/ops.h"

#include <string_view>
#include <vector>

namespace migratecpp::dialects {

// Throws util::Error naming the op, the virtual table and the database.
[[noreturn]] void refuse_virtual_table_op(std::string_view dialect_name, const schema::Op& op);

} // namespace migratecpp::dialects
