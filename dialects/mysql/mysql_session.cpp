#include "dialects/mysql/mysql_session.h"

#include "util/error.h"
#include "util/strings.h"

#include <algorithm>

namespace migratecpp::dialects::mysql {

namespace {

struct Setting {
  const char* variable; // the session variable
  const std::optional<std::string>* value;
};

std::vector<Setting> settings_of(const schema::SessionSettings& s) {
  std::vector<Setting> out;
  // collation_connection after character_set_client: it sets character_set_connection.
  for (const Setting& x :
       {Setting{"sql_mode", &s.sql_mode}, Setting{"character_set_client", &s.character_set_client},
        Setting{"collation_connection", &s.collation_connection}}) {
    if (*x.value) {
      out.push_back(x);
    }
  }
  return out;
}

std::string saved(const char* variable) {
  return std::string("@migratecpp_") + variable;
}

bool is_utf8(const std::string& charset) {
  const std::string c = util::to_lower(charset);
  return c == "utf8" || c == "utf8mb3" || c == "utf8mb4";
}

// Whether UTF-8 `text` reads the same under `charset`: any text under utf8mb4; under utf8mb3
// (utf8) none of the four-byte sequences it cannot hold; ASCII under any other (all the
// character sets a client may use read ASCII as ASCII).
bool readable_as(const std::string& text, const std::string& charset) {
  const std::string c = util::to_lower(charset);
  if (c == "utf8mb4") {
    return true;
  }
  const auto beyond = [&](unsigned char limit) {
    return std::any_of(text.begin(), text.end(),
                       [&](char ch) { return static_cast<unsigned char>(ch) >= limit; });
  };
  return is_utf8(c) ? !beyond(0xf0) : !beyond(0x80);
}

} // namespace

schema::SessionSettings connection_session(Connection& conn) {
  const Rows rows = conn.query("SELECT @@SESSION.sql_mode AS sql_mode, "
                               "@@SESSION.character_set_client AS character_set_client, "
                               "@@SESSION.collation_connection AS collation_connection");
  schema::SessionSettings s;
  if (!rows.rows.empty()) {
    s.sql_mode = rows.text(0, "sql_mode");
    s.character_set_client = rows.text(0, "character_set_client");
    s.collation_connection = rows.text(0, "collation_connection");
  }
  return s;
}

schema::SessionSettings differing_session(const schema::SessionSettings& object,
                                          const schema::SessionSettings& connection) {
  schema::SessionSettings out;
  auto keep = [](const std::optional<std::string>& mine, const std::optional<std::string>& conn,
                 auto same) -> std::optional<std::string> {
    if (!mine || (conn && same(*mine, *conn))) {
      return std::nullopt;
    }
    return mine;
  };
  out.sql_mode = keep(object.sql_mode, connection.sql_mode, schema::same_sql_mode);
  out.character_set_client =
      keep(object.character_set_client, connection.character_set_client, schema::same_charset_name);
  out.collation_connection =
      keep(object.collation_connection, connection.collation_connection, schema::same_charset_name);
  return out;
}

std::vector<Statement> under_session(const Dialect& d, const schema::SessionSettings& s,
                                     std::vector<Statement> statements, const std::string& what) {
  const auto settings = settings_of(s);
  if (settings.empty()) {
    return statements;
  }
  if (s.character_set_client) {
    for (const Statement& st : statements) {
      for (const auto* text : {&st.sql, st.undo ? &*st.undo : nullptr}) {
        if (text != nullptr && !readable_as(*text, *s.character_set_client)) {
          throw util::Error(
              what + ": its text has characters that character_set_client = " +
              util::squote(*s.character_set_client) +
              " cannot read as sent (migratecpp sends UTF-8); write the characters with "
              "escapes or an introducer (_utf8mb4'...'), or use a UTF-8 character set");
        }
      }
    }
  }
  std::vector<std::string> save;
  std::vector<std::string> enter;
  std::vector<std::string> restore;
  for (const Setting& x : settings) {
    save.push_back(saved(x.variable) + " = @@SESSION." + x.variable);
    enter.push_back(std::string("SESSION ") + x.variable + " = " + d.quote_string(**x.value));
    restore.push_back(std::string("SESSION ") + x.variable + " = " + saved(x.variable));
  }
  const std::string enter_sql = "SET " + util::join(enter, ", ");
  const std::string restore_sql = "SET " + util::join(restore, ", ");
  std::vector<Statement> out;
  out.push_back({"SET " + util::join(save, ", ") + ", " + util::join(enter, ", "),
                 "the session settings " + what + " was made under", restore_sql});
  for (auto& st : statements) {
    out.push_back(std::move(st));
  }
  out.push_back({restore_sql, "the session's own settings back", enter_sql});
  return out;
}

} // namespace migratecpp::dialects::mysql
