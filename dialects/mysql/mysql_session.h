#pragma once
// The session settings a MySQL/MariaDB routine, trigger or view is created under
// (schema::SessionSettings): what the connection's are, which of an object's differ from them
// (what inspect writes), and an object's DDL run under a model's settings: a SET before it
// (saving the session's values in user variables) and one after that puts them back, as
// mysqldump does. Online and in --sql scripts alike.
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "schema/session_settings.h"

#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::mysql {

// The connection's sql_mode, character_set_client and collation_connection.
schema::SessionSettings connection_session(Connection& conn);
// Those of `object` that differ from `connection`'s.
schema::SessionSettings differing_session(const schema::SessionSettings& object,
                                          const schema::SessionSettings& connection);
// `statements` run under `s` (unchanged when it gives nothing). The SET's undo puts the
// session back; the restoring statement's undo sets `s` again, so that a compensating undo
// re-creates the object under its own settings too. `what` names the object for errors:
// statements are sent as UTF-8, so a character_set_client they cannot be read in (non-ASCII
// text under latin1, characters beyond the BMP under utf8mb3) is refused.
std::vector<Statement> under_session(const Dialect& d, const schema::SessionSettings& s,
                                     std::vector<Statement> statements, const std::string& what);

} // namespace migratecpp::dialects::mysql
