#pragma once
// The TOML shapes of functions, procedures and triggers. A models file writes each as a
// [[function]] / [[procedure]] / [[trigger]] block, a revision file as the keys of its op
// (create_function, drop_trigger, ...). Long texts (a routine's definition, a trigger's body)
// are written as multi-line literal strings where they can be. Defaults are left out.
#include "migrate/toml_reader.h"
#include "schema/model.h"
#include "schema/ops.h"

#include <optional>

#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

// Keys of a routine: name, arguments, returns, definition (the kind comes from the block's or
// the op's name).
const std::vector<std::string_view>& routine_keys();
schema::Routine read_routine(const KeyReader& r, const std::string& kind);
std::string render_routine_keys(const schema::Routine& routine);

// Keys of a trigger: name, table, timing, events, for_each, when, function, body, order.
const std::vector<std::string_view>& trigger_keys();
schema::Trigger read_trigger(const KeyReader& r);
std::string render_trigger_keys(const schema::Trigger& trigger);

// Revision-file ops: create_/drop_/replace_function and _procedure, create_/drop_trigger.
const std::vector<std::string>& routine_op_names();
// The op `name` (one of routine_op_names()) read from the op table `t`.
schema::Op read_routine_op(const std::string& name, const toml::table& t, const std::string& path);
// The keys of one of those ops (after `op = ...`); nullopt for any other op.
std::optional<std::string> render_routine_op_keys(const schema::Op& op);

// `text` as a TOML string: a multi-line literal string ('''...''') when it has line breaks and
// can be one, else a basic string.
std::string toml_sql_text(std::string_view text);

} // namespace migratecpp::migrate
