#include "dialects/virtual_table_sql.h"

#include "util/error.h"
#include "util/strings.h"

namespace migratecpp::dialects {

void refuse_virtual_table_op(std::string_view dialect_name, const schema::Op& op) {
  throw util::Error(schema::op_name(op) + " " + util::squote(schema::op_table(op)) +
                    ": there are no virtual tables on " + std::string(dialect_name) +
                    " (SQLite's)");
}

} // namespace migratecpp::dialects
