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
// ["a", "b"]; [] when empty.
std::string toml_string_array(const std::vector<std::string>& items);
// A TOML float that reads back as the same double: "0.5", "2.0", "1e+300", "inf", "nan".
std::string toml_float(double v);

} // namespace migratecpp::migrate
