#pragma once
// SQL pieces for functions, procedures and triggers that more than one dialect writes: the
// CREATE text of a routine with or without OR REPLACE, a trigger's events.
#include "schema/model.h"
#include "util/sql_lexer.h"

#include <string>
#include <string_view>

namespace migratecpp::dialects {

// `definition` (CREATE [OR REPLACE] ...) without OR REPLACE: a create must fail on a routine
// that is already there (drift) rather than replace it.
std::string create_routine_sql(std::string_view definition, const util::sql::Syntax& syntax);
// ... and with it: a replace.
std::string replace_routine_sql(std::string_view definition, const util::sql::Syntax& syntax);
// Throws util::Error naming the routine unless `definition` starts CREATE [OR REPLACE]
// [DEFINER = x] FUNCTION|PROCEDURE.
void check_routine_definition(const schema::Routine& routine, const util::sql::Syntax& syntax);

// "INSERT OR UPDATE OF a, b": the events upper-cased (column lists as written).
std::string trigger_events_sql(const schema::Trigger& trigger);
// "BEFORE", "INSTEAD OF".
std::string trigger_timing_sql(const schema::Trigger& trigger);

} // namespace migratecpp::dialects
