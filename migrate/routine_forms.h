#pragma once
// Autogenerate's comparison of routine definitions in the server's own form: where a model's
// definition differs from the live one of the same routine, the dialect says how it would
// print the model's text back (Dialect::routine_stored_forms); when that is the live text,
// the model takes the live spelling and the diff sees no change.
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "schema/model.h"

namespace migratecpp::migrate {

void align_routine_definitions(dialects::Connection& conn, const dialects::Dialect& dialect,
                               const schema::Database& live, schema::Database& desired);

} // namespace migratecpp::migrate
