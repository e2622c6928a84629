#pragma once
// A revision file's header as `migratecpp revision` writes it, read without the TOML library:
// `current` reads every header of the migrations folder, and the parse was most of the time
// spent on each (issue 13's start-up). Plain TOML alone is read here (plain_toml.h): the six
// header keys, each once, bare; values that are strings, arrays of strings, or a UTC
// date-time (2026-11-23T10:15:00Z). Anything else (a multi-line basic string, another
// date-time form, an unknown or repeated key, an invalid id, UTF-8) is left to the TOML
// parse, which reads it or says what is wrong, so that both give the same Revision for every
// file.
#include "migrate/revision.h"

#include <optional>
#include <string>
#include <string_view>

namespace migratecpp::migrate {

// The revision parse_revision_keys(top_level_text, path) gives, or nullopt where the text is
// not that plain.
std::optional<Revision> read_plain_header(std::string_view top_level_text, const std::string& path);

} // namespace migratecpp::migrate
