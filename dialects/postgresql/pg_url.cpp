#include "dialects/postgresql/pg_url.h"

#include "dialects/postgresql/pg_client.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <memory>

namespace migratecpp::dialects::postgresql {

namespace {

struct OptionsFree {
  void operator()(PQconninfoOption* options) const { pq().PQconninfoFree(options); }
};

// Each of "5432,5433," a port number or empty (libpq's default for that host).
int check_ports(const std::string& ports, const std::string& text) {
  for (const auto& port : util::split(ports, ',')) {
    if (port.empty()) {
      continue;
    }
    const bool digits =
        std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    if (!digits || port.size() > 5 || std::stoi(port) < 1 || std::stoi(port) > 65535) {
      throw util::Error("invalid database URL '" + util::redact_url(text) + "': port '" + port +
                        "' is not a number from 1 to 65535");
    }
  }
  return ports.find(',') == std::string::npos && !ports.empty() ? std::stoi(ports) : 0;
}

} // namespace

util::Url parse_pg_url(const std::string& text) {
  util::check_no_nul(text);   // libpq would read the URL up to it
  util::check_userinfo(text); // a raw '/', '?' or '#' in the password: no safe reading
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string::npos) {
    throw util::Error("invalid database URL '" + util::redact_url(text) +
                      "': expected postgresql://user:password@host:port/database");
  }
  util::Url url;
  url.original = text;
  url.scheme = util::to_lower(text.substr(0, scheme_end));
  url.scheme = url.scheme.substr(0, url.scheme.find('+'));

  // libpq ends the user info at the first '@'; the tool has always taken the last one of the
  // host part, so that a raw '@' in a password works. Encode the others for libpq.
  std::string rest = text.substr(scheme_end + 3);
  const auto host_end = std::min(rest.find_first_of("/?"), rest.size());
  if (const auto at = rest.rfind('@', host_end == 0 ? 0 : host_end - 1);
      at != std::string::npos && at < host_end) {
    const std::string userinfo = rest.substr(0, at);
    if (const auto colon = userinfo.find(':'); colon != std::string::npos) {
      util::register_secret(userinfo.substr(colon + 1));
    }
    rest = util::replace_all(userinfo, "@", "%40") + rest.substr(at);
  }
  // libpq knows the two standard schemes only, not SQLAlchemy's driver suffix.
  const std::string conninfo = "postgresql://" + rest;

  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, OptionsFree> options(
      pq().PQconninfoParse(conninfo.c_str(), &error));
  if (!options) {
    std::string reason = error != nullptr ? error : "out of memory";
    pq().PQfreemem(error);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) {
      reason.pop_back();
    }
    // libpq quotes the URI, or a piece of it, as given: never the password.
    reason = util::redact_urls(util::replace_all(reason, conninfo, util::redact_url(text)));
    throw util::Error("invalid database URL '" + util::redact_url(text) + "': " + reason);
  }
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr) {
      continue; // not in the URL: libpq's defaults (environment, service file) apply later
    }
    const std::string keyword = o->keyword;
    const std::string value = o->val;
    if (keyword == "host") {
      url.host = value;
    } else if (keyword == "port") {
      url.port = check_ports(value, text);
      if (url.port == 0 && !value.empty()) {
        url.params.emplace_back("port", value); // one port per host
      }
    } else if (keyword == "user") {
      url.user = value;
    } else if (keyword == "password") {
      url.password = value;
      url.has_password = true;
      util::register_secret(value);
    } else if (keyword == "dbname") {
      url.database = value;
    } else {
      url.params.emplace_back(keyword, value);
    }
  }
  return url;
}

} // namespace migratecpp::dialects::postgresql
