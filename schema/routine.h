#pragma once
// Finding and naming routines (functions, procedures) and triggers of a schema model.
// A routine's identity is its kind, name and identity arguments (PostgreSQL overloads; empty
// on MySQL); a trigger's is its table and name.
#include "schema/model.h"

#include <string>

namespace migratecpp::schema {

const Routine* find_routine(const Database& db, const std::string& kind, const std::string& name,
                            const std::string& arguments);
const Trigger* find_trigger(const Database& db, const std::string& table, const std::string& name);

// "function 'last_day(timestamp with time zone)'", "procedure 'p()'".
std::string routine_label(const Routine& routine);
// The key a routine is matched by: kind, name and arguments.
std::string routine_key(const Routine& routine);
// "trigger 'last_updated' on 'actor'".
std::string trigger_label(const std::string& table, const std::string& name);

} // namespace migratecpp::schema
