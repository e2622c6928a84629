#pragma once
// SHA-256 of a byte string, as 64 lowercase hex digits. Computed by Nettle (nettle-dev), a
// small vetted crypto library with no initialisation, rather than by a hash of our own.
#include <string>
#include <string_view>

namespace migratecpp::util {

std::string sha256_hex(std::string_view bytes);

} // namespace migratecpp::util
