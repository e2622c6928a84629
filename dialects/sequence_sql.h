#pragma once
// The option clauses of CREATE SEQUENCE / ALTER SEQUENCE, which PostgreSQL and MariaDB spell
// alike (START WITH, INCREMENT BY, MINVALUE / NO MINVALUE, MAXVALUE / NO MAXVALUE, CACHE,
// [NO] CYCLE). AS type and OWNED BY are PostgreSQL's and written there.
#include "schema/model.h"

#include <string>

namespace migratecpp::dialects {

// " START WITH 10 INCREMENT BY 5 ...": the options `s` gives, each with a leading space.
std::string sequence_options_sql(const schema::Sequence& s);
// The clauses that turn `from` into `to` (options only, not type or owner); an option going
// back to its default gets NO MINVALUE / NO MAXVALUE, CACHE `default_cache`, START WITH the
// first value of the new range. "" when no option differs.
std::string sequence_changes_sql(const schema::Sequence& from, const schema::Sequence& to,
                                 std::int64_t default_cache);

} // namespace migratecpp::dialects
