#pragma once
// The TOML shape of a virtual table (SQLite CREATE VIRTUAL TABLE): a models file's
// [[virtual_table]] block and the keys of create_virtual_table / drop_virtual_table in a
// revision file:
//
//   name = "docs"
//   module = "fts5"
//   arguments = ["title", "body", "tokenize = 'porter'"]
//
// `arguments` are the module's arguments, one string each, as written between the
// parentheses of USING module(...): a list rather than one text so that a diff names what
// changed and no argument can close the parenthesis or add a statement.
#include "migrate/toml_reader.h"
#include "schema/model.h"
#include "schema/ops.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

// name, module, arguments.
const std::vector<std::string_view>& virtual_table_keys();
// Refuses a module that is not a plain name and an argument that is not one argument (a
// top-level comma, an unbalanced parenthesis, a ';', an open quote), at the key's line.
schema::VirtualTable read_virtual_table(const KeyReader& r);
// `key = value` lines, `name` first, each ending in '\n'; no `arguments` when there are none.
std::string render_virtual_table_keys(const schema::VirtualTable& v);

// create_virtual_table, drop_virtual_table.
const std::vector<std::string>& virtual_table_op_names();
// The op `name` (one of virtual_table_op_names()) read from the op table `t`. A drop carries
// the table (and can be reversed) when it gives `module`.
schema::Op read_virtual_table_op(const std::string& name, const toml::table& t,
                                 const std::string& path);
// The keys of one of those ops (after `op = ...`); nullopt for any other op.
std::optional<std::string> render_virtual_table_op_keys(const schema::Op& op);

} // namespace migratecpp::migrate
