#pragma once
// MariaDB sequences (TABLES.TABLE_TYPE = 'SEQUENCE'), read into the model, and the database
// name MariaDB writes into the defaults that use one (nextval(`db`.`s`)) taken out.
#include "dialects/connection.h"
#include "schema/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::mysql {

// The sequences `names` of `schema_name` (TABLES rows of TABLE_TYPE 'SEQUENCE', which the
// caller has read), options at MariaDB's defaults left out. MariaDB 10.11 has no
// information_schema.SEQUENCES: the options are read from each sequence, all in one
// statement (a UNION ALL of one SELECT per sequence); none is asked for when there is none.
std::vector<schema::Sequence> read_sequences(Connection& conn, const std::string& schema_name,
                                             const std::vector<std::string>& names);

// `expr` with every `schema_name`.`x` written `x` (tokens, not text: a string literal that
// holds the same characters is kept).
std::string strip_schema_qualifier(std::string_view expr, const std::string& schema_name);

} // namespace migratecpp::dialects::mysql
