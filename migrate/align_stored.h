#pragma once
// Before the diff: a model default or index key that the database would store as the live
// one reads as the live one (see align_stored.cpp).
#include "dialects/dialect.h"
#include "schema/model.h"

namespace migratecpp::migrate {

// Introspection keeps column defaults and index keys as the database stores them
// (PostgreSQL: ''::character varying, lower((name)::text)); a model may write them shorter
// ('', lower(name)). Where a model default or the parts of a model index differ from the live
// one of the same column or name, asks the database how it would store the model's text
// (Dialect::stored_defaults, stored_index_parts; a domain's default likewise,
// stored_domain_defaults); where that is what the live object holds,
// the model takes the live text, so that the diff sees no change. Costs statements only for
// the texts that differ, never per table; nothing for a dialect that stores text as written.
// `live` is what `conn` reads (introspection); the conformance tests align their tracked
// state the same way before comparing.
void align_stored_defaults_and_indexes(const dialects::Dialect& dialect, dialects::Connection& conn,
                                       const schema::Database& live, schema::Database& desired);

} // namespace migratecpp::migrate
