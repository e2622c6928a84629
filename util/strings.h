#pragma once
// Small string helpers shared by every layer.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::util {

std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
// 'name': a name or value quoted for a message (not for SQL: no escaping).
std::string squote(std::string_view s);
// The whole of `s` as a decimal integer, or nullopt ("12" -> 12; "", "1x", "99999999999999999999"
// -> nullopt).
std::optional<long long> to_int(std::string_view s);
std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Every occurrence of `what` replaced, left to right (a replacement is not searched again).
std::string replace_all(std::string text, const std::string& what, const std::string& with);
bool starts_with_ci(std::string_view s, std::string_view prefix);
bool iequals(std::string_view a, std::string_view b);

// An identifier as PostgreSQL needs it written: bare when it folds to itself
// ([a-z_][a-z0-9_$]*), else in double quotes with '"' doubled.
std::string quote_identifier_if_needed(const std::string& name);

// One past the ')' matching the '(' at `open` in SQL text (quotes respected), or npos.
std::size_t closing_paren(std::string_view sql, std::size_t open);

// The closest candidate by edit distance, or "" if none is close enough to be a likely typo.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

} // namespace migratecpp::util
