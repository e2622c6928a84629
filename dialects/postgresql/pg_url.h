#pragma once
// PostgreSQL URLs, read by libpq itself (PQconninfoParse) so that the tool and the library
// never read one URL two ways: several hosts (h1:5432,h2:5433), IPv6, socket directories,
// percent-encoding and every libpq parameter as libpq understands them.
#include "util/url.h"

#include <string>

namespace migratecpp::dialects::postgresql {

// `text` (postgresql://, postgres://, postgresql+driver://) as a util::Url: user, password,
// host (libpq's list, "h1,h2"), port (a single one; a list stays a "port" parameter),
// database, and every other keyword libpq read as a parameter. A raw '@' in the password is
// taken as the generic parser takes it (the last '@' ends the user info). Throws util::Error
// "invalid database URL '<redacted>': <libpq's reason>" without the password.
util::Url parse_pg_url(const std::string& text);

} // namespace migratecpp::dialects::postgresql
