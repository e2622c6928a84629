#pragma once
// The TOML shape of a view: a models file's [[view]] block, the keys of create_view /
// drop_view / replace_view in a revision file, and replace_view's `existing = { ... }`.
// Defaults are left out; a definition with line breaks is written as a multi-line string.
#include "migrate/toml_reader.h"
#include "schema/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects {
class Dialect;
}

namespace migratecpp::migrate {

const std::vector<std::string_view>& view_keys();
// Reads the view keys of `r`; `definition` required unless `definition_optional` (drop_view
// names a view without carrying it).
schema::View read_view(const KeyReader& r, bool definition_optional = false);
// `key = value` lines, `name` first, each ending in '\n'.
std::string render_view_keys(const schema::View& v);
// The same keys as one inline table (definition on one line, escaped).
std::string render_view_inline(const schema::View& v);
schema::View read_view_table(const KeyReader& r, std::string_view key);

// What `dialect` cannot hold: a materialized view, options of another database, indexes on
// a plain view. Throws util::Error at `where`.
void check_view_for_dialect(const schema::View& v, const dialects::Dialect& dialect,
                            const util::Location& where);

} // namespace migratecpp::migrate
