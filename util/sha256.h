#pragma once
// SHA-256 of a byte string, as 64 lowercase hex digits. Computed by OpenSSL's libcrypto, which
// the stack already carries (libpq-dev and libmariadb-dev depend on libssl-dev, and libpq
// links libcrypto): a vetted implementation rather than one of our own.
#include <string>
#include <string_view>

namespace migratecpp::util {

std::string sha256_hex(std::string_view bytes);

} // namespace migratecpp::util
