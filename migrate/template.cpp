#include "migrate/template.h"

#include "util/error.h"
#include "util/strings.h"

#include <vector>

namespace migratecpp::migrate {

std::string render_template(std::string_view text, const std::map<std::string, std::string>& vars,
                            const std::string& path) {
  std::string out;
  out.reserve(text.size() * 2);
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    }
    if (c != '$' || i + 1 >= text.size()) {
      out.push_back(c);
      continue;
    }
    if (text[i + 1] == '$') {
      out.push_back('$');
      ++i;
      continue;
    }
    if (text[i + 1] != '{') {
      out.push_back(c);
      continue;
    }
    const auto close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      throw util::Error("unterminated '${' in template", util::Location{path, line});
    }
    const std::string name = util::trim(text.substr(i + 2, close - i - 2));
    auto it = vars.find(name);
    if (it == vars.end()) {
      if (name.rfind("x.", 0) == 0) {
        throw util::Error("template variable '${" + name + "}' needs -x " + name.substr(2) +
                              "=VALUE on the command line",
                          util::Location{path, line});
      }
      std::vector<std::string> known;
      for (const auto& [k, v] : vars) {
        known.push_back(k);
      }
      throw util::Error("unknown template variable '${" + name + "}'" +
                            util::did_you_mean(name, known),
                        util::Location{path, line});
    }
    out += it->second;
    i = close;
  }
  return out;
}

} // namespace migratecpp::migrate
