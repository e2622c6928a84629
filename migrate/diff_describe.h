#pragma once
// The text of descriptions: describe() (declared in diff.h) gives one line per op; these
// pieces of it are shared with the differ's warnings.
#include <string>
#include <vector>

namespace migratecpp::migrate {

// "(a, b)"
std::string paren_list(const std::vector<std::string>& items);

} // namespace migratecpp::migrate
