// The dialects this build knows, by URL scheme and by name.
//
// An explicit table, not self-registering statics: a static library drops registration objects
// nothing references, and the initialization order across files is unspecified. Adding a
// dialect is one line in k_dialects (plus its include).
#include "dialects/dialect.h"
#include "dialects/mysql/mysql_dialect.h"
#include "dialects/postgresql/pg_dialect.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "util/error.h"
#include "util/strings.h"

#include <array>
#include <string>
#include <vector>

namespace migratecpp::dialects {

namespace {

struct SchemeEntry {
  std::string_view scheme; // "" = unused slot
  const Dialect& (*get)();
};

struct DialectEntry {
  std::string_view name;                        // as --dialect and Dialect::name() spell it
  std::array<SchemeEntry, 2> schemes;           // URL schemes, each with its flavor of the dialect
  void (*tune_for_command_process)() = nullptr; // process-wide settings, if it has any
  const Dialect& get() const { return schemes[0].get(); }
};

// mariadb:// gets the MariaDB flavor of the mysql dialect (its `execute` ops prefer
// sql.mariadb offline); both are the "mysql" dialect by name.
const std::array<DialectEntry, 3> k_dialects = {{
    {"sqlite", {{{"sqlite", &sqlite::dialect}, {"", nullptr}}}, &sqlite::tune_for_command_process},
    {"postgresql", {{{"postgresql", &postgresql::dialect}, {"postgres", &postgresql::dialect}}}},
    {"mysql", {{{"mysql", &mysql::dialect}, {"mariadb", &mysql::mariadb_dialect}}}},
}};

std::vector<std::string> all_schemes() {
  std::vector<std::string> out;
  for (const auto& d : k_dialects) {
    for (const auto& s : d.schemes) {
      if (!s.scheme.empty()) {
        out.emplace_back(s.scheme);
      }
    }
  }
  return out;
}

// "a, b, c or d"
std::string or_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += i + 1 == items.size() ? " or " : ", ";
    }
    out += items[i];
  }
  return out;
}

} // namespace

namespace {

// The dialect of `scheme`, or nullptr when no available dialect has it.
const Dialect* find_by_scheme(const std::string& scheme) {
  for (const auto& d : k_dialects) {
    for (const auto& known : d.schemes) {
      if (!known.scheme.empty() && known.scheme == scheme) {
        try {
          return &known.get();
        } catch (const util::Error&) {
          return nullptr; // not available in this build
        }
      }
    }
  }
  return nullptr;
}

} // namespace

const Dialect& dialect_for_scheme(std::string_view scheme) {
  const std::string s = util::to_lower(scheme);
  for (const auto& d : k_dialects) {
    for (const auto& known : d.schemes) {
      if (!known.scheme.empty() && known.scheme == s) {
        return known.get();
      }
    }
  }
  const auto schemes = all_schemes();
  throw util::Error("unknown database URL scheme '" + std::string(scheme) + "': expected " +
                    or_list(schemes) + util::did_you_mean(s, schemes));
}

std::vector<std::string> dialect_names() {
  std::vector<std::string> out;
  for (const auto& d : k_dialects) {
    out.emplace_back(d.name);
  }
  return out;
}

std::vector<std::string> sql_keys() {
  std::vector<std::string> out = dialect_names();
  for (const auto& d : k_dialects) {
    for (const auto& s : d.schemes) {
      // A scheme with a dialect instance of its own is a flavor with its own SQL key.
      if (!s.scheme.empty() && s.get != d.schemes[0].get) {
        out.emplace_back(s.scheme);
      }
    }
  }
  return out;
}

void tune_for_command_process() {
  for (const auto& d : k_dialects) {
    if (d.tune_for_command_process != nullptr) {
      d.tune_for_command_process();
    }
  }
}

util::Url parse_url(const std::string& text) {
  if (const Dialect* d = find_by_scheme(util::url_scheme(text))) {
    return d->parse_url(text);
  }
  // No scheme, or one no available dialect has: a malformed URL is reported as such, a
  // well-formed one by its scheme (unknown, or a dialect not in this build).
  const util::Url url = util::parse_url(text);
  dialect_for_scheme(url.scheme);
  throw util::Error("unknown database URL scheme '" + url.scheme + "'");
}

const Dialect& dialect_by_name(std::string_view name) {
  const std::string n = util::to_lower(name);
  std::vector<std::string> names;
  for (const auto& d : k_dialects) {
    names.emplace_back(d.name);
    if (d.name == n) {
      return d.get();
    }
  }
  // The URL aliases are accepted too: "--dialect postgres" should not be an error.
  for (const auto& d : k_dialects) {
    for (const auto& known : d.schemes) {
      if (!known.scheme.empty() && known.scheme == n) {
        return known.get();
      }
    }
  }
  throw util::Error("unknown dialect '" + std::string(name) + "': expected " + or_list(names) +
                    util::did_you_mean(n, names));
}

} // namespace migratecpp::dialects
