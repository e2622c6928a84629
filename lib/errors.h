#pragma once
// The engine's errors as the library reports them: migratecpp::Error carrying the message the
// CLI prints (main.cpp: URLs redacted) and its exit code (usage errors 2, the rest 1).
#include "migratecpp/error.h"
#include "util/error.h"
#include "util/url.h"

#include <exception>
#include <string>

namespace migratecpp::lib {

template <class F> auto translate_errors(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const migratecpp::Error&) {
    throw;
  } catch (const util::UsageError& e) {
    throw migratecpp::Error(util::redact_urls(e.what()), 2);
  } catch (const util::Error& e) {
    throw migratecpp::Error(util::redact_urls(e.what()), 1);
  } catch (const std::exception& e) {
    throw migratecpp::Error("internal error: " + util::redact_urls(e.what()), 1);
  }
}

} // namespace migratecpp::lib
