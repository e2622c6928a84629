#pragma once
#include "migratecpp/export.h"

namespace migratecpp {

// The library's version, "0.1.0".
MIGRATECPP_API const char* version() noexcept;

} // namespace migratecpp
