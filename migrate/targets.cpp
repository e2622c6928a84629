#include "migrate/targets.h"

#include "dialects/dialect.h"
#include "migrate/config.h"
#include "migrate/toml_reader.h"
#include "util/file_read.h"
#include "util/strings.h"
#include "util/url.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace migratecpp::migrate {

namespace {

bool is_blank(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// The words of a line, a " #" (or a leading '#') starting a comment. A '#' inside a word stays:
// a password or a SQLite file name may hold one.
std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) {
      ++i;
    }
    if (i == line.size() || line[i] == '#') {
      break;
    }
    const std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) {
      ++i;
    }
    words.emplace_back(line.substr(start, i - start));
  }
  return words;
}

// The URL checked the way the command will read it, so that a typo fails the list at its line,
// before any database is touched.
void check_url(const std::string& url, const util::Location& where) {
  if (util::url_scheme(url).empty()) {
    throw util::Error("'" + util::redact_url(url) +
                          "' is not a database URL (expected scheme://..., for example "
                          "sqlite:///tenant.db or postgresql://host/db)",
                      where);
  }
  try {
    (void)dialects::parse_url(url);
  } catch (const util::Error& e) {
    throw util::Error(e.message(), where);
  }
}

// Names and URLs given twice: the same database migrated by two jobs at once would only wait
// on its own lock, and a summary with two rows of one name says nothing.
class Uniqueness {
public:
  void add(const Target& t) {
    if (!t.name.empty()) {
      if (auto it = m_names.find(t.name); it != m_names.end()) {
        throw util::Error("target name '" + t.name + "' is already used at line " +
                              std::to_string(it->second),
                          t.where);
      }
      m_names.emplace(t.name, t.where.line);
    }
    if (!t.url_error) {
      if (auto it = m_urls.find(t.url); it != m_urls.end()) {
        throw util::Error("the URL '" + util::redact_url(t.url) + "' is already listed at line " +
                              std::to_string(it->second),
                          t.where);
      }
      m_urls.emplace(t.url, t.where.line);
    }
  }

private:
  std::map<std::string, std::size_t> m_names;
  std::map<std::string, std::size_t> m_urls;
};

// A name must be something one can type after --target and read in a table.
void check_name(const std::string& name, const util::Location& where) {
  const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
  });
  if (!ok) {
    throw util::Error("target name '" + name + "' may only hold letters, digits, '_', '-' and '.'",
                      where);
  }
}

void expand_into(Target& t, const std::string& raw) {
  try {
    t.url = expand_env(raw);
  } catch (const util::Error& e) {
    t.url_error = util::Error(e.message(), t.where);
  }
}

} // namespace

std::string Target::label() const {
  return name.empty() ? util::redact_url(url) : name;
}

std::vector<Target> parse_targets_file(std::string_view text, const std::filesystem::path& file) {
  std::vector<Target> out;
  Uniqueness seen;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const auto words = words_of(line);
    if (words.empty()) {
      if (end == text.size()) {
        break;
      }
      continue;
    }
    Target t;
    t.where = util::Location{file.string(), line_no};
    if (words.size() > 2) {
      throw util::Error("expected 'URL' or 'NAME URL', found " + std::to_string(words.size()) +
                            " words (put a comment after ' #')",
                        t.where);
    }
    if (words.size() == 2) {
      t.name = words[0];
      check_name(t.name, t.where);
    }
    expand_into(t, words.back());
    if (!t.url_error) {
      check_url(t.url, t.where);
    }
    seen.add(t);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Target> load_targets_file(const std::filesystem::path& file) {
  auto targets = parse_targets_file(util::read_file(file, "targets file"), file);
  if (targets.empty()) {
    throw util::Error("the targets file lists no database", util::Location{file.string(), 0});
  }
  return targets;
}

std::vector<Target> read_config_targets(const toml::node& node, const std::string& path) {
  const toml::array* list = node.as_array();
  if (list == nullptr || !list->is_array_of_tables()) {
    fail_at(node, path,
            "'targets' must be an array of tables ([[targets]] with name = \"...\" and url = "
            "\"...\")");
  }
  std::vector<Target> out;
  Uniqueness seen;
  for (const auto& item : *list) {
    const KeyReader r(*item.as_table(), path, "[[targets]]", "[[targets]]", {"name", "url"});
    Target t;
    t.where = location_of(item, path);
    t.name = r.required_string("name");
    check_name(t.name, location_of(*r.node("name"), path));
    const std::string raw = r.required_string("url");
    t.where = location_of(*r.node("url"), path);
    expand_into(t, raw);
    if (!t.url_error) {
      check_url(t.url, t.where);
    }
    seen.add(t);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Target> select_targets(const std::vector<Target>& all,
                                   const std::vector<std::string>& names,
                                   const std::string& list_name) {
  if (names.empty()) {
    return all;
  }
  std::vector<std::string> known;
  for (const auto& t : all) {
    if (!t.name.empty()) {
      known.push_back(t.name);
    }
  }
  for (const auto& n : names) {
    if (std::find(known.begin(), known.end(), n) == known.end()) {
      throw util::UsageError("no target named '" + n + "' in " + list_name +
                             util::did_you_mean(n, known));
    }
  }
  std::vector<Target> out;
  for (const auto& t : all) {
    if (!t.name.empty() && std::find(names.begin(), names.end(), t.name) != names.end()) {
      out.push_back(t);
    }
  }
  return out;
}

} // namespace migratecpp::migrate
