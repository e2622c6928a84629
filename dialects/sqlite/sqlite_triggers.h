#pragma once
// Internal to the SQLite dialect: triggers as model objects. SQLite keeps a trigger's CREATE
// text as written (sqlite_master.sql); it is read back into schema::Trigger with the tokenizer
// (timing, event, table, WHEN, the BEGIN ... END body) and written from it.
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "schema/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::sqlite {

class SqliteDialect;

// The trigger a stored CREATE TRIGGER text describes, on `table`; nullopt when the text has a
// shape the model cannot hold (TEMP, a schema-qualified name).
std::optional<schema::Trigger> parse_trigger(std::string_view sql, const std::string& table);
// CREATE TRIGGER "name" BEFORE UPDATE OF a ON "t" [FOR EACH ROW] [WHEN c] BEGIN ... END (FOR
// EACH ROW, SQLite's only kind, only where the trigger says it: says_for_each_row); a body
// that is not a BEGIN ... END block is made one.
std::string create_trigger_sql(const SqliteDialect& d, const schema::Trigger& trigger);
// Every trigger of the main schema whose text parse_trigger reads; `unreadable` gets the
// names of the others.
std::vector<schema::Trigger> read_triggers(Connection& conn,
                                           std::vector<UnmanagedObject>* unreadable = nullptr);

} // namespace migratecpp::dialects::sqlite
