#include "util/url.h"

#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <regex>

namespace migratecpp::util {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;
}

} // namespace

namespace {
// "a=1&b=2" -> [(a,1),(b,2)], percent-decoded.
std::vector<std::pair<std::string, std::string>> parse_query(const std::string& query);
} // namespace

std::string percent_decode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

namespace {

// password=secret in a query string or a libpq connection string.
std::string redact_password_params(const std::string& text) {
  // Compiling the regex cost every command that names its target 0.5 ms (most have none).
  if (to_lower(text).find("password") == std::string::npos) {
    return text;
  }
  static const std::regex k_kv(R"((password\s*=\s*)('[^']*'|[^&\s'"]+))", std::regex::icase);
  return std::regex_replace(text, k_kv, "$1***");
}

// The URL with the password of its userinfo (user:password@) replaced.
std::string redact_userinfo(std::string_view text) {
  const auto scheme_end = text.find("://");
  const std::size_t start = scheme_end + 3;
  const auto at = text.rfind('@');
  if (at == std::string_view::npos || at < start) {
    return std::string(text);
  }
  const auto colon = text.find(':', start);
  if (colon == std::string_view::npos || colon > at) {
    return std::string(text);
  }
  return std::string(text.substr(0, colon + 1)) + "***" + std::string(text.substr(at));
}

} // namespace

std::string redact_url(std::string_view text) {
  if (text.find("://") == std::string_view::npos) {
    return redact_urls(std::string(text));
  }
  // Both places a URL can hold a password: postgresql://u@h/db?password=x has no userinfo
  // password, and used to come back whole (found by fuzzing).
  return redact_password_params(redact_userinfo(text));
}

std::string redact_urls(const std::string& text) {
  // Each scheme://... up to white space or a quote: redact_url on it.
  static const std::regex k_url(R"([A-Za-z][A-Za-z0-9+.-]*://[^\s'"]*)");
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), k_url), end; it != end; ++it) {
    out.append(last, text.cbegin() + it->position());
    out += redact_url(it->str());
    last = text.cbegin() + it->position() + it->length();
  }
  out.append(last, text.cend());
  // user:password@ with or without a well-formed scheme before it ("postgresql//u:pw@h").
  static const std::regex k_userinfo(R"(([^:/@\s'"]*):([^@\s'"/]*)@)");
  out = std::regex_replace(out, k_userinfo, "$1:***@");
  return scrub_secrets(redact_password_params(out));
}

namespace {

std::mutex& secrets_mutex() {
  static std::mutex m;
  return m;
}

std::vector<std::string>& secrets() {
  static std::vector<std::string> s;
  return s;
}

} // namespace

void register_secret(std::string secret) {
  if (secret.size() < k_min_secret_length) {
    return;
  }
  std::lock_guard lock(secrets_mutex());
  auto& all = secrets();
  if (std::find(all.begin(), all.end(), secret) == all.end()) {
    all.push_back(std::move(secret));
    // Longest first: a secret that contains another is replaced whole.
    std::sort(all.begin(), all.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
}

std::string scrub_secrets(std::string text) {
  std::lock_guard lock(secrets_mutex());
  for (const auto& secret : secrets()) {
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
      text.replace(pos, secret.size(), "***");
    }
  }
  return text;
}

void check_no_nul(const std::string& text) {
  if (const auto nul = text.find('\0'); nul != std::string::npos) {
    throw Error("invalid database URL: it has a NUL byte (character " + std::to_string(nul + 1) +
                "), where the database client would take the URL to end");
  }
}

void check_userinfo(const std::string& text) {
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string::npos) {
    return;
  }
  const std::string rest = text.substr(scheme_end + 3);
  const auto host_end = rest.find_first_of("/?#");
  const auto last_at = rest.rfind('@');
  if (host_end == std::string::npos || last_at == std::string::npos || last_at < host_end) {
    return;
  }
  const std::string head = rest.substr(0, host_end);
  const auto colon = head.find(':');
  if (head.find('@') != std::string::npos || colon == std::string::npos) {
    return; // user:pass@host/...?x=a@b, or no password: the '@' is a path's or query's
  }
  const std::string after = head.substr(colon + 1);
  const bool port = !after.empty() && std::all_of(after.begin(), after.end(), [](unsigned char c) {
    return std::isdigit(c) != 0 || c == ',';
  });
  if (port) {
    return; // host:5432/db?application_name=a@b
  }
  // Register the likely password (from the ':' to the last '@') so that nothing later prints
  // it either.
  register_secret(rest.substr(colon + 1, last_at - colon - 1));
  throw Error("invalid database URL '" + redact_url(text) +
              "': the user name or password holds a '/', '?' or '#'; percent-encode them "
              "(%2F, %3F, %23; '@' as %40, ':' as %3A)");
}

std::string Url::redacted() const {
  return redact_url(original);
}

std::string url_scheme(std::string_view text) {
  const auto end = text.find("://");
  if (end == std::string_view::npos || end == 0) {
    return "";
  }
  std::string scheme = to_lower(text.substr(0, end));
  // SQLAlchemy-style driver suffixes (postgresql+psycopg2) name the same database.
  scheme.resize(std::min(scheme.size(), scheme.find('+')));
  return scheme;
}

Url parse_url(const std::string& text) {
  check_no_nul(text);
  Url url;
  url.original = text;
  auto scheme_end = text.find("://");
  if (scheme_end == std::string::npos || scheme_end == 0) {
    throw Error("invalid database URL '" + redact_url(text) +
                "': expected scheme://..., for example sqlite:///app.db");
  }
  check_userinfo(text);
  url.scheme = url_scheme(text);
  std::string rest = text.substr(scheme_end + 3);

  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest.resize(q);
  }
  // The authority ends at the first '/'. Empty, it leaves a path alone: scheme:///rel.db ->
  // "rel.db", scheme:////abs.db -> "/abs.db", scheme:// -> "" (the dialect decides what an
  // empty path means; SQLite: in memory).
  std::string authority = rest;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    authority = rest.substr(0, slash);
    url.database = percent_decode(rest.substr(slash + 1));
  }
  if (auto at = authority.rfind('@'); at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    if (auto colon = userinfo.find(':'); colon != std::string::npos) {
      url.user = percent_decode(userinfo.substr(0, colon));
      url.password = percent_decode(userinfo.substr(colon + 1));
      url.has_password = true;
      register_secret(userinfo.substr(colon + 1));
      register_secret(url.password);
    } else {
      url.user = percent_decode(userinfo);
    }
  }
  // host, [ipv6], :port
  if (!authority.empty() && authority[0] == '[') {
    auto close = authority.find(']');
    if (close == std::string::npos) {
      throw Error("invalid database URL '" + url.redacted() + "': unterminated [ in host");
    }
    url.host = authority.substr(1, close - 1);
    authority = authority.substr(close + 1);
    if (authority.empty() || authority[0] != ':') {
      authority.clear(); // no ":port" after the bracket
    }
  } else {
    auto colon = authority.rfind(':');
    url.host = percent_decode(authority.substr(0, colon));
    authority = colon == std::string::npos ? "" : authority.substr(colon);
  }
  if (!authority.empty()) { // ":port"
    std::string port = authority.substr(1);
    if (port.empty() ||
        !std::all_of(port.begin(), port.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; }) ||
        port.size() > 5 || std::stoi(port) > 65535) {
      throw Error("invalid database URL '" + url.redacted() + "': port '" + port +
                  "' is not a number from 1 to 65535");
    }
    url.port = std::stoi(port);
  }
  url.params = parse_query(query);
  return url;
}

namespace {
std::vector<std::pair<std::string, std::string>> parse_query(const std::string& query) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& kv : split(query, '&')) {
    if (kv.empty()) {
      continue;
    }
    const auto eq = kv.find('=');
    out.emplace_back(percent_decode(kv.substr(0, eq)),
                     eq == std::string::npos ? "" : percent_decode(kv.substr(eq + 1)));
  }
  return out;
}
} // namespace

} // namespace migratecpp::util
