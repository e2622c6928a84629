#pragma once
// ${name} substitution for revision-file templates (migrations/script.toml.tmpl), the way
// Alembic's script.py.mako is rendered: the values arrive already rendered as TOML.
#include <map>
#include <string>
#include <string_view>

namespace migratecpp::migrate {

// Replaces ${name} with vars[name]; "$$" is a literal "$". ${x.KEY} reads the -x arguments
// ("x.KEY" entries of vars). Throws util::Error at path:line for an unknown name.
std::string render_template(std::string_view text, const std::map<std::string, std::string>& vars,
                            const std::string& path);

} // namespace migratecpp::migrate
