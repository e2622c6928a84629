#include "migrate/plain_ops.h"

#include "migrate/plain_toml.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

namespace migratecpp::migrate {

namespace {

using plain::NotPlain;

// Deeper than anything `revision` writes (an op nests three levels); below the limits the
// TOML parse enforces (toml_limits.h), so that a text beyond them gets its error there.
constexpr std::size_t k_max_depth = 8;
constexpr std::size_t k_max_key_parts = 4;

class Reader {
public:
  Reader(std::string_view text, std::size_t first_line) : m_in(text, first_line) {}

  PlainOps run() {
    PlainOps out;
    toml::table* current = nullptr;
    while (!m_in.at_end()) {
      m_in.skip_blanks();
      if (m_in.peek() == '[') {
        current = &open_table(out);
      } else if (m_in.peek() != '#' && !m_in.at_line_end()) {
        if (current == nullptr) {
          throw NotPlain{}; // a key before any header is the header's business
        }
        key_value(*current);
      }
      m_in.skip_blanks();
      m_in.skip_comment();
      m_in.line_end();
    }
    return out;
  }

private:
  // `[[upgrade]]` or `[[downgrade]]`, written so: a new element of that array.
  toml::table& open_table(PlainOps& out) {
    m_in.expect('[');
    m_in.expect('[');
    const std::string_view name = m_in.bare_key();
    m_in.expect(']');
    m_in.expect(']');
    std::vector<std::size_t>* lines = nullptr;
    if (name == "upgrade") {
      lines = &out.upgrade_lines;
    } else if (name == "downgrade") {
      lines = &out.downgrade_lines;
    } else {
      throw NotPlain{};
    }
    lines->push_back(m_in.line());
    toml::array* items = out.sections.get_as<toml::array>(name);
    if (items == nullptr) {
      items = out.sections.insert(name, toml::array{}).first->second.as_array();
    }
    items->push_back(toml::table{});
    m_dotted.clear();
    return *items->back().as_table();
  }

  // key = value in a table of its own (not inline): the key may be dotted, the tables it
  // names made here by dotted keys alone (TOML forbids extending any other).
  void key_value(toml::table& table) {
    toml::table* target = &table;
    std::string_view key = m_in.bare_key();
    m_in.skip_blanks();
    for (std::size_t parts = 1; m_in.take('.'); ++parts) {
      if (parts == k_max_key_parts) {
        throw NotPlain{};
      }
      m_in.skip_blanks();
      if (toml::node* existing = target->get(key)) {
        toml::table* sub = existing->as_table();
        if (sub == nullptr || std::find(m_dotted.begin(), m_dotted.end(), sub) == m_dotted.end()) {
          throw NotPlain{};
        }
        target = sub;
      } else {
        target = target->insert(key, toml::table{}).first->second.as_table();
        m_dotted.push_back(target);
      }
      key = m_in.bare_key();
      m_in.skip_blanks();
    }
    m_in.expect('=');
    m_in.skip_blanks();
    insert(*target, key);
  }

  void insert(toml::table& table, std::string_view key) {
    if (table.contains(key)) {
      throw NotPlain{};
    }
    value([&](auto&& v) { table.insert(key, std::forward<decltype(v)>(v)); });
  }

  template <typename Put> void value(Put&& put) {
    const char c = m_in.peek();
    if (c == '"') {
      put(m_in.basic_string());
    } else if (c == '\'') {
      // Line ends in an inline table: left to the library to judge.
      put(m_in.literal_string(m_inline_depth == 0));
    } else if (c == '[') {
      put(array());
    } else if (c == '{') {
      put(inline_table());
    } else if (c == 't' || c == 'f') {
      put(m_in.boolean());
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      put(m_in.integer());
    } else {
      throw NotPlain{};
    }
  }

  // After an item of an array or an inline table: true past a ',' (another item may follow),
  // false at `close`, which the caller takes.
  bool more_items(char close) {
    if (m_in.take(',')) {
      return true;
    }
    if (m_in.peek() != close) {
      throw NotPlain{};
    }
    return false;
  }

  void enter() {
    if (++m_depth > k_max_depth) {
      throw NotPlain{};
    }
  }

  toml::array array() {
    enter();
    m_in.expect('[');
    toml::array out;
    while (true) {
      m_in.skip_space(m_inline_depth == 0);
      if (m_in.peek() == ']') {
        break;
      }
      value([&](auto&& v) { out.push_back(std::forward<decltype(v)>(v)); });
      m_in.skip_space(m_inline_depth == 0);
      if (!more_items(']')) {
        break;
      }
    }
    m_in.expect(']');
    --m_depth;
    return out;
  }

  // { a = 1, b = "x" } on one line, bare keys only, no trailing comma.
  toml::table inline_table() {
    enter();
    ++m_inline_depth;
    m_in.expect('{');
    toml::table out;
    out.is_inline(true);
    m_in.skip_blanks();
    if (m_in.peek() != '}') {
      do {
        m_in.skip_blanks();
        const std::string_view key = m_in.bare_key();
        m_in.skip_blanks();
        m_in.expect('=');
        m_in.skip_blanks();
        insert(out, key);
        m_in.skip_blanks();
      } while (more_items('}'));
    }
    m_in.expect('}');
    --m_inline_depth;
    --m_depth;
    return out;
  }

  plain::Cursor m_in;
  std::size_t m_depth = 0;
  std::size_t m_inline_depth = 0;
  std::vector<const toml::table*> m_dotted; // tables made by dotted keys in the current op
};

} // namespace

std::optional<PlainOps> read_plain_ops(std::string_view text, std::size_t first_line) {
  try {
    return Reader(text, first_line).run();
  } catch (const NotPlain&) {
    return std::nullopt;
  }
}

} // namespace migratecpp::migrate
