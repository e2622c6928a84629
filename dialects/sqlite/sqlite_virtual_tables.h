#pragma once
// SQLite virtual tables (CREATE VIRTUAL TABLE name USING module(arguments)) as model objects:
// read from sqlite_master (the text as written: the module and its arguments), rendered for
// create_virtual_table / drop_virtual_table. The shadow tables a module keeps (fts5's
// docs_data, fts4's docs_segdir, ...) are its storage: SQLite marks them ('shadow' in
// PRAGMA table_list, 3.37+) and introspection leaves them out, so no op ever touches them;
// DROP TABLE of the virtual table drops them with it.
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "dialects/introspection.h"
#include "schema/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::sqlite {

// The virtual table a stored CREATE VIRTUAL TABLE text describes; nullopt for another shape
// (a schema-qualified name, no USING module).
std::optional<schema::VirtualTable> parse_virtual_table(const std::string& name,
                                                        std::string_view sql);
// CREATE VIRTUAL TABLE "name" USING module(arg, ...).
std::string create_virtual_table_sql(const Dialect& d, const schema::VirtualTable& v);
std::vector<Statement> render_virtual_table_op(const Dialect& d, const schema::Op& op);
// The main schema's virtual tables whose module this connection has; the others (a module
// from an extension not loaded here, which could neither be created nor dropped) go to
// `unmanaged`, as do texts parse_virtual_table cannot read.
std::vector<schema::VirtualTable> read_virtual_tables(Connection& conn,
                                                      std::vector<UnmanagedObject>* unmanaged);

} // namespace migratecpp::dialects::sqlite
