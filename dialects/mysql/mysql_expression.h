#pragma once
// Model expressions (checks, generation expressions, index expressions) are standard SQL, the
// same text on every database: "x" names a column. MySQL reads "x" as a string unless
// sql_mode has ANSI_QUOTES, which migratecpp takes out on connecting (so that string literals
// keep their MySQL meaning). Written as they are, a portable check `"from" IN ('a', 'b')`
// would compare a constant, and MariaDB would store `'from' in (...)`: a check that refuses
// every row. So the MySQL dialect re-spells each double-quoted identifier of an expression
// with backticks before it reaches the server.
#include <string>
#include <string_view>

namespace migratecpp::dialects::mysql {

// `expression` with every "double-quoted" identifier written `like this`; everything else
// (strings read with MySQL's backslash escapes, backticked names, comments) as it was.
std::string mysql_expression(std::string_view expression);

} // namespace migratecpp::dialects::mysql
