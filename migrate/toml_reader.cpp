#include "migrate/toml_reader.h"
#include "util/file_read.h"
#include "util/sql_lexer.h"

#include "migrate/toml_limits.h"
#include "migrate/toml_writer.h"
#include "util/strings.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace migratecpp::migrate {

namespace {
thread_local std::size_t t_lines_before = 0; // see LineBase

std::size_t line_in_file(const toml::source_position& position) {
  return position.line == 0 ? 0 : position.line + t_lines_before;
}
} // namespace

LineBase::LineBase(std::size_t first_line) : m_previous(t_lines_before) {
  t_lines_before = first_line == 0 ? 0 : first_line - 1;
}

LineBase::~LineBase() {
  t_lines_before = m_previous;
}

util::Location location_of(const toml::node& node, const std::string& path) {
  return util::Location{path, line_of(node)};
}

std::size_t line_of(const toml::node& node) {
  return line_in_file(node.source().begin);
}

void fail_at(const toml::node& node, const std::string& path, const std::string& message) {
  throw util::Error(message, location_of(node, path));
}

toml::table parse_toml(std::string_view text, const std::string& path) {
  check_toml_limits(text, path);
  return parse_toml_within_limits(text, path);
}

toml::table parse_toml_within_limits(std::string_view text, const std::string& path) {
  try {
    return toml::parse(text, std::string_view(path));
  } catch (const toml::parse_error& e) {
    throw util::Error(std::string(e.description()),
                      util::Location{path, line_in_file(e.source().begin)});
  }
}

std::string format_date_time(const toml::date_time& dt) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02uT%02u:%02u:%02u", unsigned{dt.date.year},
                unsigned{dt.date.month}, unsigned{dt.date.day}, unsigned{dt.time.hour},
                unsigned{dt.time.minute}, unsigned{dt.time.second});
  std::string out = buf;
  if (dt.time.nanosecond != 0) {
    std::snprintf(buf, sizeof buf, ".%09u", static_cast<unsigned>(dt.time.nanosecond));
    std::string frac = buf;
    while (frac.back() == '0') {
      frac.pop_back();
    }
    out += frac;
  }
  if (dt.offset) {
    const int minutes = dt.offset->minutes;
    if (minutes == 0) {
      out += "Z";
    } else {
      const int a = std::abs(minutes);
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
      out += buf;
    }
  }
  return out;
}

KeyReader::KeyReader(const toml::table& table, const std::string& path, std::string what,
                     std::string in_what, const std::vector<std::string_view>& allowed,
                     bool whole_file)
    : m_table(table), m_path(path), m_what(std::move(what)), m_whole_file(whole_file) {
  // Unknown keys are errors, not ignored: a typo like "nulable" would otherwise silently
  // leave a column nullable.
  for (auto&& [key, value] : table) {
    const std::string_view k = key.str();
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) {
      if (m_entry_count < k_indexed) {
        m_entries[m_entry_count] = Entry{k, &value};
      }
      ++m_entry_count;
      continue;
    }
    std::vector<std::string> candidates(allowed.begin(), allowed.end());
    throw util::Error("unknown key " + util::squote(k) + " in " + in_what +
                          util::did_you_mean(k, candidates),
                      util::Location{path, line_in_file(key.source().begin)});
  }
}

bool KeyReader::has(std::string_view key) const {
  return node(key) != nullptr;
}

const toml::node* KeyReader::node(std::string_view key) const {
  if (m_entry_count > k_indexed) {
    return m_table.get(key);
  }
  for (std::size_t i = 0; i < m_entry_count; ++i) {
    if (m_entries[i].key == key) {
      return m_entries[i].node;
    }
  }
  return nullptr;
}

void KeyReader::fail(const std::string& message) const {
  if (m_whole_file) {
    throw util::Error(message, util::Location{m_path, 0});
  }
  fail_at(m_table, m_path, message);
}

void KeyReader::fail(std::string_view key, const std::string& message) const {
  if (node(key) == nullptr) {
    fail(message);
  }
  fail_at(*node(key), m_path, message);
}

void KeyReader::missing(std::string_view key) const {
  const std::string prefix = m_what.empty() ? "" : m_what + ": ";
  fail(prefix + "missing required key " + util::squote(key));
}

std::string KeyReader::required_string(std::string_view key) const {
  auto v = string(key);
  if (!v) {
    missing(key);
  }
  if (v->empty()) {
    fail(key, util::squote(key) + " must not be empty");
  }
  return *v;
}

std::optional<std::string> KeyReader::string(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  if (!n->is_string()) {
    fail(key, util::squote(key) + " must be a string");
  }
  return n->as_string()->get();
}

std::optional<bool> KeyReader::boolean(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  if (!n->is_boolean()) {
    fail(key, util::squote(key) + " must be a boolean");
  }
  return n->as_boolean()->get();
}

std::optional<std::int64_t> KeyReader::integer(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  if (!n->is_integer()) {
    fail(key, util::squote(key) + " must be an integer");
  }
  return n->as_integer()->get();
}

std::optional<std::string> KeyReader::sql_value(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  if (n->is_string()) {
    check_sql_fragment(key, n->as_string()->get());
    return n->as_string()->get();
  }
  if (n->is_integer()) {
    return std::to_string(n->as_integer()->get());
  }
  if (n->is_floating_point()) {
    return toml_float(n->as_floating_point()->get());
  }
  if (n->is_boolean()) {
    return n->as_boolean()->get() ? "true" : "false";
  }
  fail(key, util::squote(key) + " must be a string (an SQL expression), a number or a boolean");
}

void KeyReader::check_sql_fragment(std::string_view key, std::string_view text) const {
  if (const auto problem = util::sql::fragment_problem(text)) {
    fail(key, util::squote(key) + " is not one SQL expression: " + *problem +
                  " (write statements in an "
                  "'execute' op)");
  }
}

std::optional<std::string> KeyReader::sql_text(std::string_view key) const {
  auto v = string(key);
  if (v) {
    check_sql_fragment(key, *v);
  }
  return v;
}

std::string KeyReader::required_sql_text(std::string_view key) const {
  std::string v = required_string(key);
  check_sql_fragment(key, v);
  return v;
}

std::vector<std::string> KeyReader::required_sql_text_array(std::string_view key) const {
  std::vector<std::string> v = required_string_array(key);
  for (const auto& part : v) {
    check_sql_fragment(key, part);
  }
  return v;
}

std::vector<std::string> KeyReader::string_array(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return {};
  }
  // The message is built on failure only: string_array runs for every index and key.
  const auto message = [&] { return util::squote(key) + " must be an array of strings"; };
  if (!n->is_array()) {
    fail(key, message());
  }
  std::vector<std::string> out;
  out.reserve(n->as_array()->size());
  for (const auto& item : *n->as_array()) {
    if (!item.is_string()) {
      fail_at(item, m_path, message());
    }
    out.push_back(item.as_string()->get());
  }
  return out;
}

std::vector<std::string> KeyReader::required_string_array(std::string_view key) const {
  if (!has(key)) {
    missing(key);
  }
  return string_array(key);
}

std::vector<std::string> KeyReader::string_or_array(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return {};
  }
  if (n->is_string()) {
    return {n->as_string()->get()};
  }
  if (!n->is_array()) {
    fail(key, util::squote(key) + " must be a string or an array of strings");
  }
  return string_array(key);
}

const toml::table& KeyReader::required_table(std::string_view key, std::string_view shape) const {
  const toml::node* n = node(key);
  if (n == nullptr) {
    missing(key);
  }
  if (!n->is_table()) {
    fail(key, util::squote(key) + " must be a table: " + std::string(shape));
  }
  return *n->as_table();
}

std::vector<const toml::table*> KeyReader::table_array(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return {};
  }
  const auto message = [&] { return util::squote(key) + " must be an array of tables"; };
  if (!n->is_array()) {
    fail(key, message());
  }
  std::vector<const toml::table*> out;
  out.reserve(n->as_array()->size());
  for (const auto& item : *n->as_array()) {
    if (!item.is_table()) {
      fail_at(item, m_path, message());
    }
    out.push_back(item.as_table());
  }
  return out;
}

} // namespace migratecpp::migrate
