#include "dialects/sqlite/sqlite_triggers.h"

#include "dialects/routine_sql.h"
#include "dialects/sqlite/sql_text.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "schema/routine.h"
#include "util/error.h"
#include "util/strings.h"

namespace migratecpp::dialects::sqlite {

std::optional<schema::Trigger> parse_trigger(std::string_view sql, const std::string& table) {
  auto t = tokenize(sql);
  std::erase_if(t, [](const Token& tok) { return tok.kind == TokenKind::comment; });
  std::size_t i = 0;
  auto word = [&](std::string_view w) { return i < t.size() && is_keyword(t[i], w); };
  if (!word("CREATE")) {
    return std::nullopt;
  }
  ++i;
  if (word("TEMP") || word("TEMPORARY") || !word("TRIGGER")) {
    return std::nullopt;
  }
  ++i;
  if (word("IF")) {
    i += 3; // IF NOT EXISTS
  }
  if (i + 1 >= t.size() || !is_identifier(t[i]) || is_punct(t[i + 1], ".")) {
    return std::nullopt;
  }
  schema::Trigger out;
  out.name = identifier_value(t[i++]);
  out.table = table;
  out.timing = "before";
  if (word("BEFORE")) {
    ++i;
  } else if (word("AFTER")) {
    out.timing = "after";
    ++i;
  } else if (word("INSTEAD")) {
    out.timing = "instead of";
    i += 2;
  }
  if (word("INSERT")) {
    out.events = {"insert"};
    ++i;
  } else if (word("DELETE")) {
    out.events = {"delete"};
    ++i;
  } else if (word("UPDATE")) {
    ++i;
    out.events = {"update"};
    if (word("OF")) {
      const std::size_t first = ++i;
      while (i < t.size() && !is_keyword(t[i], "ON")) {
        ++i;
      }
      if (i == first || i >= t.size()) {
        return std::nullopt;
      }
      out.events = {"update of " + std::string(util::sql::span_text(sql, t, first, i - 1))};
    }
  } else {
    return std::nullopt;
  }
  if (!word("ON")) {
    return std::nullopt;
  }
  i += 2; // ON table
  if (word("FOR")) {
    i += 3; // FOR EACH ROW: optional, kept to write the text back as it was
    out.says_for_each_row = true;
  }
  std::size_t begin = i;
  while (begin < t.size() && !is_keyword(t[begin], "BEGIN")) {
    ++begin;
  }
  if (begin >= t.size()) {
    return std::nullopt;
  }
  if (word("WHEN")) {
    if (i + 1 >= begin) {
      return std::nullopt;
    }
    out.when = util::trim(util::sql::span_text(sql, t, i + 1, begin - 1));
  } else if (i != begin) {
    return std::nullopt;
  }
  std::string body = util::trim(sql.substr(t[begin].offset));
  while (!body.empty() && body.back() == ';') {
    body = util::trim(body.substr(0, body.size() - 1));
  }
  out.body = body;
  return out;
}

std::string create_trigger_sql(const SqliteDialect& d, const schema::Trigger& t) {
  if (!t.body) {
    throw util::Error(schema::trigger_label(t.table, t.name) +
                      ": a SQLite trigger has a 'body' (BEGIN ... END)");
  }
  std::string body = util::trim(*t.body);
  const auto tokens = tokenize(body);
  if (tokens.empty() || !is_keyword(tokens.front(), "BEGIN")) {
    if (!body.empty() && body.back() != ';') {
      body += ";";
    }
    body = "BEGIN\n  " + body + "\nEND";
  }
  std::string sql = "CREATE TRIGGER " + d.quote_ident(t.name) + " " + trigger_timing_sql(t) + " " +
                    trigger_events_sql(t) + " ON " + d.quote_ident(t.table);
  if (t.says_for_each_row) {
    sql += " FOR EACH ROW";
  }
  if (t.when) {
    sql += " WHEN " + *t.when;
  }
  return sql + "\n" + body;
}

std::vector<schema::Trigger> read_triggers(Connection& conn,
                                           std::vector<UnmanagedObject>* unreadable) {
  const Rows rows =
      conn.query("SELECT name, tbl_name, sql FROM sqlite_master "
                 "WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY tbl_name, name");
  std::vector<schema::Trigger> out;
  for (const auto& r : rows.rows) {
    const std::string name = r[0].value_or("");
    const std::string table = r[1].value_or("");
    if (auto t = parse_trigger(r[2].value_or(""), table)) {
      out.push_back(std::move(*t));
    } else if (unreadable != nullptr) {
      unreadable->push_back({"trigger", name, table});
    }
  }
  return out;
}

} // namespace migratecpp::dialects::sqlite
