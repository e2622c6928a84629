#pragma once
// What the harnesses share: the input as text, and how a broken property is reported. A
// rejected input (util::Error, which includes util::UsageError) is the loaders' documented
// answer and ends a run quietly; any other exception escapes to libFuzzer, which reports it
// as a crash ("deadly signal" after std::terminate), as does finding().
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace migratecpp::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A property the loader promises does not hold for this input: print why, then abort so that
// libFuzzer saves the input (and the replay test fails).
[[noreturn]] inline void finding(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "FUZZ FINDING: %s\n%s\n", what.c_str(), detail.c_str());
  std::abort();
}

} // namespace migratecpp::fuzz
