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

// Routines of `schema_name`: the definition built from information_schema.ROUTINES and
// PARAMETERS in one layout (CREATE FUNCTION `f`(`a` int(11)) RETURNS int(11) [DETERMINISTIC]
// [READS SQL DATA ...] [SQL SECURITY INVOKER] [COMMENT '...'] body), without DEFINER: the
// routine belongs to whoever deploys it.
std::vector<schema::Routine> read_routines(Connection& conn, const std::string& schema_name);
// Triggers of `schema_name`; `order` ("follows x") only for a trigger that is not the first of
// its table, timing and event.
std::vector<schema::Trigger> read_triggers(Connection& conn, const std::string& schema_name);

} // namespace migratecpp::dialects::mysql
