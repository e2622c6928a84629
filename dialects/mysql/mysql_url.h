#pragma once
// MySQL and MariaDB URLs: mysql://user:password@host:port/database?parameters (also
// mariadb://). The generic parser splits them (util::parse_url: percent-decoding, IPv6
// hosts); this file knows which query parameters the connector takes and refuses the rest,
// so that a misspelt ssl_ca is an error rather than an unencrypted connection.
#include "util/url.h"

#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::mysql {

inline constexpr int k_default_port = 3306;
// The connector waits this long (seconds) for a server that does not answer unless the URL
// says otherwise (connect_timeout=): a dead host must not hang a deploy.
inline constexpr unsigned k_default_connect_timeout = 10;
inline constexpr std::string_view k_default_charset = "utf8mb4";

// The query parameters a MySQL URL may carry.
const std::vector<std::string>& known_parameters();

// Checks `url` (already split by util::parse_url) for MySQL: every parameter known and its
// value well-formed (ssl_mode one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA,
// VERIFY_IDENTITY; connect_timeout a number of seconds; charset a plain name). Fills in the
// default port when a host is given and no unix_socket. Throws util::Error
// "invalid MySQL URL '<redacted>': ..." naming the parameter.
void complete_mysql_url(util::Url& url);

// The value of parameter `key`, or "" when absent.
std::string url_parameter(const util::Url& url, std::string_view key);

} // namespace migratecpp::dialects::mysql
