#include "migrate/session_codec.h"

#include "migrate/toml_writer.h"
#include "util/strings.h"

#include <cctype>

namespace migratecpp::migrate {

namespace {

constexpr std::string_view k_keys[] = {"sql_mode", "character_set_client", "collation_connection"};
constexpr std::string_view k_existing_keys[] = {
    "existing_sql_mode", "existing_character_set_client", "existing_collation_connection"};

// Letters, digits and underscores, plus the commas between modes where `commas`: what the
// server's names are made of (they are written into SET statements).
bool made_of_name_characters(const std::string& text, bool commas) {
  for (const unsigned char c : text) {
    if (std::isalnum(c) == 0 && c != '_' && !(commas && (c == ',' || c == ' '))) {
      return false;
    }
  }
  return !text.empty() || commas;
}

} // namespace

std::vector<std::string_view> session_keys(bool existing) {
  const auto& keys = existing ? k_existing_keys : k_keys;
  return {std::begin(keys), std::end(keys)};
}

schema::SessionSettings read_session(const KeyReader& r, bool existing) {
  const auto& keys = existing ? k_existing_keys : k_keys;
  schema::SessionSettings s;
  s.sql_mode = r.string(keys[0]);
  s.character_set_client = r.string(keys[1]);
  s.collation_connection = r.string(keys[2]);
  if (s.sql_mode && !made_of_name_characters(*s.sql_mode, true)) {
    r.fail(keys[0], util::squote(keys[0]) + " must be modes separated by commas, not " +
                        util::squote(*s.sql_mode));
  }
  for (const auto& [key, value] :
       {std::pair{keys[1], &s.character_set_client}, std::pair{keys[2], &s.collation_connection}}) {
    if (*value && !made_of_name_characters(**value, false)) {
      r.fail(key, util::squote(key) + " must be a character set or collation name, not " +
                      util::squote(**value));
    }
  }
  return s;
}

std::vector<std::pair<std::string, std::string>> session_pairs(const schema::SessionSettings& s,
                                                               bool existing) {
  const auto& keys = existing ? k_existing_keys : k_keys;
  std::vector<std::pair<std::string, std::string>> out;
  const std::optional<std::string>* values[] = {&s.sql_mode, &s.character_set_client,
                                                &s.collation_connection};
  for (std::size_t i = 0; i < 3; ++i) {
    if (*values[i]) {
      out.emplace_back(std::string(keys[i]), toml_string(**values[i]));
    }
  }
  return out;
}

std::string render_session_keys(const schema::SessionSettings& s, bool existing) {
  std::string out;
  for (const auto& [key, value] : session_pairs(s, existing)) {
    out += key + " = " + value + "\n";
  }
  return out;
}

} // namespace migratecpp::migrate
