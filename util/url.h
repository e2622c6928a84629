#pragma once
// Database URLs as the spec writes them. The password is kept only to connect: every printed
// form goes through redacted().
#include <cstddef>
#include <string>
#include <string_view>
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

// The scheme of `text` as parse_url reads it (lowercased, a "+driver" suffix removed:
// "PostgreSQL+psycopg2://..." -> "postgresql"); "" when the text has no "scheme://".
std::string url_scheme(std::string_view text);

// One URL's text with its password replaced by ***: everything from the first ':' after
// "scheme://" to the last '@' of the text, whatever the password holds ('/', '?', '@',
// spaces). Errs on the side of hiding too much when an '@' stands in the path or query.
std::string redact_url(std::string_view text);

// Replaces the password of anything that looks like a URL inside `text` with ***, and the
// value of password=... pairs. A last line of defence for messages that quote a URL we did
// not build (driver errors); see also scrub_secrets.
std::string redact_urls(const std::string& text);

// Passwords seen in URLs this process parsed (util::parse_url registers them, raw and
// decoded): scrub_secrets replaces each occurrence of one in `text` with ***, for messages
// that quote a password out of its URL (a driver's "invalid token" error). Secrets shorter
// than k_min_secret_length are not scrubbed (they would mangle ordinary words); the
// structural redaction above still hides them inside URLs.
inline constexpr std::size_t k_min_secret_length = 3;
void register_secret(std::string secret);
std::string scrub_secrets(std::string text);

// Refuses a URL with a NUL byte in it: the client libraries and SQLite read a URL, a password
// or a path as a C string, up to its first NUL, so the rest would be dropped in silence
// (another file opened, another password sent). The message does not quote the URL: a
// redaction of text the client would not have read as a password could show it. Called by
// parse_url; dialects that parse URLs their own way call it too.
void check_no_nul(const std::string& text);

// Refuses a URL whose user name or password holds a raw '/', '?' or '#': an '@' after the end
// of the host part while a ':' stands in it that cannot be a port. Such a URL has no safe
// reading (any split would put pieces of the password into a host, port or database name
// that messages then print). Throws util::Error naming the redacted URL, with the advice to
// percent-encode. Called by parse_url; dialects that parse URLs their own way call it too.
void check_userinfo(const std::string& text);

std::string percent_decode(const std::string& s);

} // namespace migratecpp::util
