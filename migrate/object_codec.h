#pragma once
// The TOML shapes of the schema objects beside tables and enums: sequences, domains and
// extensions. A models file writes each as a [[sequence]] / [[domain]] / [[extension]] block,
// a revision file as the keys of its create_* / drop_* op, and alter_* ops carry the object
// before the change as an inline table (`existing = { ... }`). Defaults are left out.
#include "migrate/toml_reader.h"
#include "schema/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

// Readers of the object's keys from `r`, whose allowed keys include them (the *_keys lists).
schema::Sequence read_sequence(const KeyReader& r);
schema::Domain read_domain(const KeyReader& r);
schema::Extension read_extension(const KeyReader& r);
const std::vector<std::string_view>& sequence_keys();
const std::vector<std::string_view>& domain_keys();
const std::vector<std::string_view>& extension_keys();

// `key = value` lines, one a key, each ending in '\n'; `name` first.
std::string render_sequence_keys(const schema::Sequence& s);
std::string render_domain_keys(const schema::Domain& d);
std::string render_extension_keys(const schema::Extension& e);
// The same keys as one inline table: `{ name = "s", increment = 5 }`.
std::string render_sequence_inline(const schema::Sequence& s);
std::string render_domain_inline(const schema::Domain& d);
// Reads such an inline table under `key` of `r` (what = "alter_sequence existing", ...).
schema::Sequence read_sequence_table(const KeyReader& r, std::string_view key);
schema::Domain read_domain_table(const KeyReader& r, std::string_view key);

} // namespace migratecpp::migrate
