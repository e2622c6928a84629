#pragma once
// Reading the schema objects beside tables from the PostgreSQL catalog: extensions, domains
// and sequences of the schema (one query each), and the serial rule that decides which
// sequences belong to their column (autoincrement) rather than to the model.
#include "dialects/connection.h"
#include "schema/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::postgresql {

// The SQL condition "the object (classid, objid) is not a member of an extension": what an
// extension owns is the extension's (its tables, types, functions), never the model's.
std::string not_extension_member(std::string_view classid, std::string_view objid);

using Params = std::vector<std::optional<std::string>>;

// Extensions whose schema is the one read ($1), plpgsql left out; schema unset.
std::vector<schema::Extension> read_extensions(Connection& conn, const Params& params);
// Domains of the schema with their named checks, options normalized as a model writes them.
std::vector<schema::Domain> read_domains(Connection& conn, const Params& params);
// Sequences of the schema that no identity column owns; options at their defaults left out.
std::vector<schema::Sequence> read_sequences(Connection& conn, const Params& params);

// The sequence a column default takes its values from when it is exactly
// nextval('name'::regclass) (a serial's form) with an unqualified name, or one qualified with
// `schema` (how PostgreSQL prints it when the schema read is not on the search path); nullopt
// otherwise (the late-binding nextval(('name'::text)::regclass), another schema's sequence).
std::optional<std::string> nextval_sequence(std::string_view default_expr,
                                            const std::string& schema);

// The serial rule: `sequence` makes column `table.column` of type `type` a serial (so the
// column is autoincrement and the sequence is not listed) when it is OWNED BY that column and
// has the options `serial` gives it: its type the column's, every other option the default.
bool is_serial_sequence(const schema::Sequence& sequence, const std::string& table,
                        const std::string& column, const schema::ColumnType& type);

} // namespace migratecpp::dialects::postgresql
