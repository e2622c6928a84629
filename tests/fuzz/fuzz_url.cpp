// libFuzzer harness for the URL parser: dialects::parse_url (the scheme's dialect, libpq's
// PQconninfoParse for PostgreSQL) and util::parse_url, util::redact_url, util::redact_urls.
// Beyond "no crash, no exception but util::Error", it checks that a parsed URL's redacted()
// form does not show its password, where that can be decided without false alarms: a
// password of 4 or more letters and digits, in a URL without percent-encoding, that is not
// also the text of another part (a user, host, database or parameter of the same name).
#include "dialects/dialect.h"
#include "fuzz_support.h"
#include "util/error.h"
#include "util/url.h"

#include <algorithm>
#include <cctype>

using namespace migratecpp;

namespace {

bool decidable(const util::Url& url) {
  const std::string& p = url.password;
  if (p.size() < 4 || url.original.find('%') != std::string::npos ||
      !std::all_of(p.begin(), p.end(), [](unsigned char c) { return std::isalnum(c) != 0; })) {
    return false;
  }
  std::vector<std::string> others = {url.scheme, url.user, url.host, url.database};
  for (const auto& [key, value] : url.params) {
    others.push_back(key);
    if (key != "password") {
      others.push_back(value);
    }
  }
  return std::none_of(others.begin(), others.end(),
                      [&](const std::string& other) { return other.find(p) != std::string::npos; });
}

void check_redacted(const util::Url& url) {
  if (decidable(url) && url.redacted().find(url.password) != std::string::npos) {
    fuzz::finding("redacted() shows the password '" + url.password + "'", url.redacted());
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(fuzz::text_of(data, size));
  try {
    check_redacted(dialects::parse_url(text));
  } catch (const util::Error&) {
  }
  try {
    check_redacted(util::parse_url(text));
  } catch (const util::Error&) {
  }
  (void)util::redact_url(text);
  (void)util::redact_urls(text);
  return 0;
}
