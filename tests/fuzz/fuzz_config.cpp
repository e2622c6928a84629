// libFuzzer harness for the config loader (migrate/config.h): parse_config over the input as
// the text of migratecpp.toml, ${VAR} expansion included (from the real environment). The
// model globs are not expanded: that walks the file system wherever the input points.
#include "fuzz_support.h"
#include "migrate/config.h"
#include "util/error.h"

using namespace migratecpp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const migrate::Config cfg =
        migrate::parse_config(fuzz::text_of(data, size), "/fuzz/project/migratecpp.toml");
    (void)cfg;
  } catch (const util::Error&) {
  }
  try {
    (void)migrate::expand_env(std::string(fuzz::text_of(data, size)));
  } catch (const util::Error&) {
  }
  return 0;
}
