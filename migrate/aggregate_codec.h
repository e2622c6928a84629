#pragma once
// The TOML shapes of PostgreSQL aggregates and operators (schema/aggregate.h). A models file
// writes each as an [[aggregate]] / [[operator]] block, a revision file as the keys of its
// create_aggregate / drop_aggregate / create_operator / drop_operator op (a drop that gives
// the whole object can be reversed). Options at their defaults are left out.
#include "migrate/toml_reader.h"
#include "schema/ops.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

const std::vector<std::string_view>& aggregate_keys();
const std::vector<std::string_view>& operator_keys();
schema::Aggregate read_aggregate(const KeyReader& r);
schema::Operator read_operator(const KeyReader& r);
// `key = value` lines, `name` first, each ending in '\n'.
std::string render_aggregate_keys(const schema::Aggregate& a);
std::string render_operator_keys(const schema::Operator& o);

// create_aggregate, drop_aggregate, create_operator, drop_operator.
const std::vector<std::string>& aggregate_op_names();
schema::Op read_aggregate_op(const std::string& name, const toml::table& t,
                             const std::string& path);
// The keys of one of those ops (after `op = ...`); nullopt for any other op.
std::optional<std::string> render_aggregate_op_keys(const schema::Op& op);

} // namespace migratecpp::migrate
