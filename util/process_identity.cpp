#include "util/process_identity.h"

#include <unistd.h>

#include <array>

namespace migratecpp::util {

std::string this_process() {
  std::string out = "pid " + std::to_string(::getpid());
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) == 0 && host[0] != '\0') {
    out += " on " + std::string(host.data());
  }
  return out;
}

} // namespace migratecpp::util
