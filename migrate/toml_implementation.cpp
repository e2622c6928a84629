// toml++'s implementation, compiled once here from the Debian package's headers (the rest of
// the project includes them with TOML_HEADER_ONLY=0, see CMakeLists.txt): the CLI does not
// load libtomlplusplus.so at start-up, and links the C++ runtime statically.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
