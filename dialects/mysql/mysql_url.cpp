#include "dialects/mysql/mysql_url.h"

#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace migratecpp::dialects::mysql {

namespace {

[[noreturn]] void refuse(const util::Url& url, const std::string& why) {
  throw util::Error("invalid MySQL URL '" + url.redacted() + "': " + why);
}

bool all_digits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

bool plain_name(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_';
  });
}

} // namespace

const std::vector<std::string>& known_parameters() {
  static const std::vector<std::string> k_known = {
      "unix_socket", "charset", "connect_timeout", "read_timeout", "write_timeout",
      "ssl_mode",    "ssl_ca",  "ssl_capath",      "ssl_cert",     "ssl_key",
      "ssl_cipher",  "ssl_crl", "ssl_crlpath",     "tls_version",
  };
  return k_known;
}

std::string url_parameter(const util::Url& url, std::string_view key) {
  std::string out;
  for (const auto& [k, v] : url.params) {
    if (k == key) {
      out = v; // the last one wins, as in a query string read into a map
    }
  }
  return out;
}

void complete_mysql_url(util::Url& url) {
  const auto& known = known_parameters();
  for (const auto& [key, value] : url.params) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      refuse(url, "unknown parameter '" + key + "'" + util::did_you_mean(key, known) +
                      "; known: " + util::join(known, ", "));
    }
    if (key == "ssl_mode") {
      const std::string mode = util::to_lower(value);
      static const std::vector<std::string> k_modes = {"disabled", "preferred", "required",
                                                       "verify_ca", "verify_identity"};
      if (std::find(k_modes.begin(), k_modes.end(), mode) == k_modes.end()) {
        refuse(url, "ssl_mode '" + value +
                        "' is not DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY");
      }
    } else if (key == "connect_timeout" || key == "read_timeout" || key == "write_timeout") {
      if (!all_digits(value) || value.size() > 6) {
        refuse(url, key + " '" + value + "' is not a number of seconds");
      }
    } else if (key == "charset") {
      if (!plain_name(value)) {
        refuse(url, "charset '" + value + "' is not a character set name");
      }
    } else if (value.empty()) {
      refuse(url, "parameter '" + key + "' has no value");
    }
  }
  if (url.port == 0 && url_parameter(url, "unix_socket").empty()) {
    url.port = k_default_port;
  }
}

} // namespace migratecpp::dialects::mysql
