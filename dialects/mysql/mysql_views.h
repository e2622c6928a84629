#pragma once
// MySQL/MariaDB views: DDL for create_view / drop_view / replace_view (CREATE OR REPLACE
// VIEW, each statement with its undo for the compensating runner), introspection from
// information_schema.VIEWS (the database's name taken out of the stored text with the
// tokenizer), and the stored form of a model's view: MySQL DDL commits, so a probe view is
// created under a name of its own, read back and dropped at once.
#include "dialects/mysql/mysql_dialect.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace migratecpp::dialects::mysql {

std::vector<Statement> render_view_op(const Dialect& d, const schema::Op& op);
// The views of `schema` with depends_on read from their text (`tables` and the views are the
// names known).
// The text of each is SHOW CREATE VIEW's (one query per view: information_schema leaves out
// character set introducers), information_schema's kept as an alternate; its character set
// settings where they are not `connection`'s.
std::vector<schema::View> introspect_views(Connection& conn, const std::string& schema,
                                           const std::set<std::string>& tables,
                                           const schema::SessionSettings& connection);
std::vector<std::optional<schema::View>>
mysql_stored_view_forms(const Dialect& d, Connection& conn, const std::vector<schema::View>& views);

} // namespace migratecpp::dialects::mysql
