#pragma once
// SQLite views: DDL for create_view / drop_view / replace_view (always drop + create: SQLite
// has no CREATE OR REPLACE VIEW) and introspection from sqlite_master, whose text is the
// CREATE VIEW statement as written: the definition is what follows its AS.
#include "dialects/dialect.h"

#include <vector>

namespace migratecpp::dialects::sqlite {

std::vector<Statement> render_view_op(const Dialect& d, const schema::Op& op);
std::vector<schema::View> introspect_views(Connection& conn);

} // namespace migratecpp::dialects::sqlite
