#include "migratecpp/error.h"
#include "migratecpp/version.h"

namespace migratecpp {

Error::Error(const std::string& message, int exit_code)
    : std::runtime_error(message), m_exit_code(exit_code) {}

const char* version() noexcept {
  return MIGRATECPP_VERSION;
}

} // namespace migratecpp
