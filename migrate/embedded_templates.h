#pragma once
// The project templates (templates/ in the source tree), compiled into the binary.
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

struct EmbeddedFile {
  std::string_view path; // "generic/migratecpp.toml"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_templates();

} // namespace migratecpp::migrate
