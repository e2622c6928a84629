#pragma once
// Database URLs as the spec writes them. The password is kept only to connect: every printed
// form goes through redacted().
#include <string>
#include <utility>
#include <vector>

namespace migratecpp::util {

struct Url {
  std::string scheme;   // as written, lowercased: "sqlite", "postgresql", "postgres", "mysql", ...
  std::string user;     // percent-decoded
  std::string password; // percent-decoded; never print
  bool has_password = false;
  std::string host;
  int port = 0;         // 0 = default
  std::string database; // the path after the authority: a database name (PostgreSQL, MySQL) or a
                        // file path (SQLite: sqlite:///rel.db -> "rel.db"); "" when none
  std::vector<std::pair<std::string, std::string>> params; // query parameters, decoded, in order
  std::string original;

  // The URL with the password replaced by ***.
  std::string redacted() const;
};

// scheme://[user[:password]@]host[:port][/path][?query], the same way for every scheme; an
// empty authority (scheme:///path) gives a path only. What a scheme makes of the parts (a file
// path, a default) is its dialect's business: dialects::parse_url completes it. Throws
// util::Error naming the (redacted) URL when it cannot be parsed.
Url parse_url(const std::string& text);

// Replaces the password of anything that looks like a URL inside `text` with ***.
// A last line of defence for messages that quote a URL we did not build (driver errors).
std::string redact_urls(const std::string& text);

std::string percent_decode(const std::string& s);

} // namespace migratecpp::util
