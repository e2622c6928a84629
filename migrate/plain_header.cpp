#include "migrate/plain_header.h"

#include "migrate/revision_file.h"

#include <array>
#include <cstddef>
#include <vector>

namespace migratecpp::migrate {

namespace {

constexpr std::array<std::string_view, 6> k_keys = {"revision",   "down_revision", "branch_labels",
                                                    "depends_on", "message",       "create_date"};

// A value as read: a string, an array of strings, or a date-time (kept as written).
struct Value {
  enum class Kind { string, array, date_time } kind = Kind::string;
  std::vector<std::string> items; // one for a string or a date-time
  std::size_t line = 0;
};

class LineReader {
public:
  explicit LineReader(std::string_view line) : m_line(line) {}

  void skip_blanks() {
    while (m_pos < m_line.size() && (m_line[m_pos] == ' ' || m_line[m_pos] == '\t')) {
      ++m_pos;
    }
  }
  bool at_end() const { return m_pos == m_line.size(); }
  bool take(char c) {
    if (m_pos < m_line.size() && m_line[m_pos] == c) {
      ++m_pos;
      return true;
    }
    return false;
  }
  std::string_view bare_key() {
    const std::size_t start = m_pos;
    while (m_pos < m_line.size() &&
           ((m_line[m_pos] >= 'a' && m_line[m_pos] <= 'z') ||
            (m_line[m_pos] >= 'A' && m_line[m_pos] <= 'Z') || m_line[m_pos] == '_')) {
      ++m_pos;
    }
    return m_line.substr(start, m_pos - start);
  }
  // A basic string with no escape (control characters are refused for the whole line).
  std::optional<std::string> plain_string() {
    if (!take('"')) {
      return std::nullopt;
    }
    const std::size_t start = m_pos;
    while (m_pos < m_line.size() && m_line[m_pos] != '"') {
      const char c = m_line[m_pos];
      if (c == '\\') {
        return std::nullopt;
      }
      ++m_pos;
    }
    if (m_pos == m_line.size()) {
      return std::nullopt;
    }
    std::string out(m_line.substr(start, m_pos - start));
    ++m_pos;
    return out;
  }
  // YYYY-MM-DDTHH:MM:SSZ, as format_date_time writes it back.
  std::optional<std::string> utc_date_time() {
    constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
    if (m_line.size() - m_pos < shape.size()) {
      return std::nullopt;
    }
    for (std::size_t i = 0; i < shape.size(); ++i) {
      const char c = m_line[m_pos + i];
      if (shape[i] == 'd' ? (c < '0' || c > '9') : c != shape[i]) {
        return std::nullopt;
      }
    }
    std::string out(m_line.substr(m_pos, shape.size()));
    m_pos += shape.size();
    return out;
  }

private:
  std::string_view m_line;
  std::size_t m_pos = 0;
};

std::optional<Value> read_value(LineReader& r) {
  Value v;
  if (auto s = r.plain_string()) {
    v.items.push_back(std::move(*s));
    return v;
  }
  if (r.take('[')) {
    v.kind = Value::Kind::array;
    r.skip_blanks();
    while (!r.take(']')) {
      auto item = r.plain_string();
      if (!item) {
        return std::nullopt;
      }
      v.items.push_back(std::move(*item));
      r.skip_blanks();
      if (r.take(',')) {
        r.skip_blanks();
      } else if (!r.take(']')) {
        return std::nullopt;
      } else {
        break;
      }
    }
    return v;
  }
  if (auto d = r.utc_date_time()) {
    v.kind = Value::Kind::date_time;
    v.items.push_back(std::move(*d));
    return v;
  }
  return std::nullopt;
}

bool valid_ids(const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    if (!is_valid_revision_id(id)) {
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<Revision> read_plain_header(std::string_view text, const std::string& path) {
  std::array<std::optional<Value>, k_keys.size()> values;
  std::size_t line_number = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    ++line_number;
    std::size_t end = text.find('\n', pos);
    end = end == std::string_view::npos ? text.size() : end;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    for (const char c : line) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte >= 0x7f || (byte < 0x20 && c != '\t')) {
        return std::nullopt; // UTF-8 and control characters are for the TOML library to judge
      }
    }
    LineReader r(line);
    r.skip_blanks();
    if (r.at_end() || r.take('#')) {
      continue;
    }
    const std::string_view key = r.bare_key();
    std::size_t slot = 0;
    while (slot < k_keys.size() && k_keys[slot] != key) {
      ++slot;
    }
    if (slot == k_keys.size() || values[slot]) {
      return std::nullopt;
    }
    r.skip_blanks();
    if (!r.take('=')) {
      return std::nullopt;
    }
    r.skip_blanks();
    std::optional<Value> value = read_value(r);
    r.skip_blanks();
    if (!value || !r.at_end()) {
      return std::nullopt;
    }
    value->line = line_number;
    values[slot] = std::move(value);
  }
  const auto& [revision, down, labels, depends, message, date] = values;
  if (!revision || revision->kind != Value::Kind::string ||
      !is_valid_revision_id(revision->items[0])) {
    return std::nullopt;
  }
  Revision rev;
  rev.id = revision->items[0];
  rev.where = util::Location{path, down ? down->line : revision->line};
  if (down) {
    if (down->kind == Value::Kind::date_time) {
      return std::nullopt;
    }
    if (down->kind == Value::Kind::array || !down->items[0].empty()) {
      rev.down_revisions = down->items; // "" marks a root
    }
    if (!valid_ids(rev.down_revisions)) {
      return std::nullopt;
    }
  }
  for (const auto& [value, out] :
       {std::pair{&labels, &rev.branch_labels}, std::pair{&depends, &rev.depends_on}}) {
    if (*value) {
      if ((*value)->kind == Value::Kind::date_time) {
        return std::nullopt;
      }
      *out = (*value)->items;
    }
  }
  if (message) {
    if (message->kind != Value::Kind::string) {
      return std::nullopt;
    }
    rev.message = message->items[0];
  }
  if (date) {
    if (date->kind == Value::Kind::array) {
      return std::nullopt;
    }
    rev.create_date = date->items[0];
  }
  return rev;
}

} // namespace migratecpp::migrate
