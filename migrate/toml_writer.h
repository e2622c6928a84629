#pragma once
// Writing TOML values as text, for the files migratecpp writes (models, revisions): strings
// and arrays of strings escaped as TOML reads them back, floats that round-trip.
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

// A TOML basic string: "..." with \" \\ \n \t \r escaped and other control characters as
// \uXXXX.
std::string toml_string(std::string_view s);
// The same, appended to `out` (for writers that build one text).
void append_toml_string(std::string& out, std::string_view s);
// ["a", "b"]; [] when empty.
std::string toml_string_array(const std::vector<std::string>& items);
// `text` fit for a TOML comment, which ends at the line's end and may hold no control
// character but tab: line breaks as spaces, the other controls escaped (util::escape_control,
// "\x01"). A name quoted in a comment as it is could end the comment and continue the file as
// TOML of its own (an op injected into a revision file).
std::string toml_comment_text(std::string_view text);
// A TOML float that reads back as the same double: "0.5", "2.0", "1e+300", "inf", "nan".
std::string toml_float(double v);

} // namespace migratecpp::migrate
