#pragma once
// One error hierarchy for everything a user may see. Thrown where the problem is found,
// given context on the way up, and reported once by the CLI (or returned to a library caller).
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace migratecpp::util {

struct Location {
  std::string path;
  std::size_t line = 0; // 0 = the whole file
};

// A failure the user can act on: exit code 1.
class Error : public std::runtime_error {
public:
  explicit Error(const std::string& msg, std::optional<Location> where = {});
  const std::optional<Location>& where() const { return m_where; }
  // The bare message, without the location prefix.
  const std::string& message() const { return m_message; }

private:
  std::string m_message;
  std::optional<Location> m_where;
};

// Bad command-line usage: exit code 2.
class UsageError : public Error {
public:
  using Error::Error;
};

// "path:line: message", or "path: message", or "message".
std::string format_located(const std::string& msg, const std::optional<Location>& where);

} // namespace migratecpp::util
