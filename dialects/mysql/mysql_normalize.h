#pragma once
// What MySQL and MariaDB print in information_schema, in the form a model file says it, so
// that a schema created from models reads back equal to them (mysql_introspect.cpp).
#include <optional>
#include <string>

namespace migratecpp::dialects::mysql {

// COLUMN_TYPE -> the model's type: integer display widths dropped where they are the type's
// default (int(11) -> int, "int(10) unsigned" -> "int unsigned"; int(3) stays), tinyint(1) ->
// boolean, float -> real, decimal(65,30) (what a bare numeric becomes) -> numeric, year(4) -> year;
// the rest lowercased as the catalog has it (enum('a','b') keeps its values as written).
std::string normalize_column_type(const std::string& column_type);

// COLUMN_DEFAULT (plus EXTRA's ON UPDATE) -> the model's default, nullopt for none.
// MariaDB (10.2.7+) quotes literal strings ('abc'), writes NULL for an explicit NULL default
// and current_timestamp() for CURRENT_TIMESTAMP; MySQL 8 leaves literals unquoted and marks
// expressions DEFAULT_GENERATED in EXTRA. Both come out as a model writes them: 'abc', 0,
// CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(3), an expression as printed; a boolean column's 0/1
// as false/true (as PostgreSQL prints them). ON UPDATE current_timestamp() is appended to
// the default ("CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"), the one place a model can
// say it.
std::optional<std::string> normalize_default(const std::optional<std::string>& column_default,
                                             const std::string& extra, const std::string& type,
                                             bool mariadb);

// current_timestamp() / CURRENT_TIMESTAMP(3) / now() -> CURRENT_TIMESTAMP[(n)], curdate() ->
// CURRENT_DATE, curtime(n) -> CURRENT_TIME[(n)]; other text as is.
std::string normalize_now(const std::string& expression);

} // namespace migratecpp::dialects::mysql
