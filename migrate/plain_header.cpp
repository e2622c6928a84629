#include "migrate/plain_header.h"

#include "migrate/plain_toml.h"
#include "migrate/revision_file.h"

#include <algorithm>
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

std::string string_value(plain::Cursor& in) {
  return in.peek() == '"' ? in.basic_string() : in.literal_string(true);
}

Value read_value(plain::Cursor& in) {
  Value v;
  v.line = in.line();
  const char c = in.peek();
  if (c == '"' || c == '\'') {
    v.items.push_back(string_value(in));
  } else if (in.take('[')) {
    v.kind = Value::Kind::array;
    while (true) {
      in.skip_space(true);
      if (in.take(']')) {
        break;
      }
      if (in.peek() != '"' && in.peek() != '\'') {
        throw plain::NotPlain{};
      }
      v.items.push_back(string_value(in));
      in.skip_space(true);
      if (!in.take(',')) {
        in.expect(']');
        break;
      }
    }
  } else {
    v.kind = Value::Kind::date_time;
    v.items.push_back(in.utc_date_time());
  }
  return v;
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
  try {
    plain::Cursor in(text, 1);
    while (!in.at_end()) {
      in.skip_blanks();
      if (in.peek() != '#' && !in.at_line_end()) {
        const std::string_view key = in.bare_key();
        const auto slot =
            static_cast<std::size_t>(std::find(k_keys.begin(), k_keys.end(), key) - k_keys.begin());
        if (slot == k_keys.size() || values[slot]) {
          return std::nullopt; // unknown or repeated (a dotted key fails at its '.')
        }
        in.skip_blanks();
        in.expect('=');
        in.skip_blanks();
        values[slot] = read_value(in);
        in.skip_blanks();
      }
      in.skip_comment();
      in.line_end();
    }
  } catch (const plain::NotPlain&) {
    return std::nullopt;
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
