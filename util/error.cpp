#include "util/error.h"

namespace migratecpp::util {

std::string format_located(const std::string& msg, const std::optional<Location>& where) {
  if (!where || where->path.empty()) {
    return msg;
  }
  if (where->line == 0) {
    return where->path + ": " + msg;
  }
  return where->path + ":" + std::to_string(where->line) + ": " + msg;
}

Error::Error(const std::string& msg, std::optional<Location> where)
    : std::runtime_error(format_located(msg, where)), m_message(msg), m_where(std::move(where)) {}

} // namespace migratecpp::util
