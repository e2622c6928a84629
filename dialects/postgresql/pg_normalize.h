#pragma once
// The normalization of the SQL text PostgreSQL deparses back into what a model file would
// say (exposed so that the rules can be tested on their own).
#include "schema/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::postgresql {

// A column default as pg_get_expr prints it -> as a model writes it: casts of literals dropped
// ('active'::character varying -> 'active', '{}'::jsonb -> '{}'), numbers unquoted
// ('-1'::integer -> -1), redundant outer parentheses dropped ((now() + '1 day'::interval) ->
// now() + '1 day'). Everything else (now(), CURRENT_TIMESTAMP, true) is kept as printed.
std::string normalize_pg_default(std::string_view expr);

// A check expression, partial-index predicate or index expression as PostgreSQL prints it
// (pretty form) -> as a model writes it: literal casts dropped as for defaults; numeric casts
// of numbers dropped (-100::numeric -> -100) unless next to arithmetic; the ::text /
// ::bpchar / ::character varying casts PostgreSQL adds to the columns named in
// `text_columns` (the table's character-typed columns) and to ARRAY[...] dropped; the
// operators ~~ ~~* !~~ !~~* written LIKE ILIKE NOT LIKE NOT ILIKE; x = ANY (ARRAY[a, b])
// written x IN (a, b) and x <> ALL (ARRAY[a, b]) written x NOT IN (a, b); redundant outer
// parentheses dropped.
std::string normalize_pg_expression(std::string_view expr,
                                    const std::vector<std::string>& text_columns);

// pg_get_constraintdef of a check constraint ("CHECK (age >= 0) NOT VALID") -> its
// normalized expression ("age >= 0").
std::string normalize_pg_check(std::string_view definition,
                               const std::vector<std::string>& text_columns);

// A PostgreSQL array literal as libpq returns it in text form ("{id,\"Weird Col\"}") -> its
// elements. NULL elements come back as empty strings.
std::vector<std::string> parse_pg_array(std::string_view text);

// The columns of `table` whose type is character-like (varchar, char, text, citext): the
// casts PostgreSQL adds to them in expressions are dropped by normalize_pg_expression.
std::vector<std::string> text_columns_of(const schema::Table& table);

} // namespace migratecpp::dialects::postgresql
