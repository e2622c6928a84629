#pragma once
// MySQL/MariaDB stored functions, procedures and triggers: their DDL (one statement each,
// with its undo for the compensating runner) and reading them (one query per kind).
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "schema/ops.h"

#include <string>
#include <vector>

namespace migratecpp::dialects::mysql {

class MysqlDialect;

// create_/drop_/replace_function and _procedure (replace: CREATE OR REPLACE, MariaDB),
// create_/drop_trigger.
std::vector<Statement> render_routine_op(const MysqlDialect& d, const schema::Op& op);

// Routines of `schema_name`: the definition built from information_schema.ROUTINES in one
// layout (CREATE FUNCTION `f`(a INT) RETURNS int(11) [DETERMINISTIC] [READS SQL DATA ...]
// [SQL SECURITY INVOKER] [COMMENT '...'] body), the parameters as written (SHOW CREATE, one
// query per routine; information_schema.PARAMETERS' spelling where it gives none, and as the
// alternate definition), without DEFINER: the routine belongs to whoever deploys it. The
// session settings it was made under where they are not `connection`'s.
std::vector<schema::Routine> read_routines(Connection& conn, const std::string& schema_name,
                                           const schema::SessionSettings& connection);
// Triggers of `schema_name`; `order` ("follows x") only for a trigger that is not the first of
// its table, timing and event.
std::vector<schema::Trigger> read_triggers(Connection& conn, const std::string& schema_name,
                                           const schema::SessionSettings& connection);

} // namespace migratecpp::dialects::mysql
