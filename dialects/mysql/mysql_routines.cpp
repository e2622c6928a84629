#include "dialects/mysql/mysql_routines.h"

#include "dialects/mysql/mysql_dialect.h"
#include "dialects/mysql/mysql_session.h"
#include "dialects/routine_sql.h"
#include "schema/routine.h"
#include "util/error.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace migratecpp::dialects::mysql {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string drop_routine_sql(const MysqlDialect& d, const std::string& kind,
                             const std::string& name) {
  return "DROP " + upper(kind) + " " + d.quote_ident(name);
}

std::string create_trigger_sql(const MysqlDialect& d, const schema::Trigger& t) {
  if (!t.body) {
    throw util::Error(schema::trigger_label(t.table, t.name) +
                      ": a MySQL trigger has a 'body' (BEGIN ... END, or one statement)");
  }
  std::string sql = "CREATE TRIGGER " + d.quote_ident(t.name) + " " + trigger_timing_sql(t) + " " +
                    trigger_events_sql(t) + " ON " + d.quote_ident(t.table) + " FOR EACH ROW";
  if (t.order) {
    const auto space = t.order->find(' ');
    sql += " " + upper(t.order->substr(0, space)) + " " + d.quote_ident(t.order->substr(space + 1));
  }
  // FOR EACH ROW BEGIN: one space, as triggers are mostly written (the server keeps the
  // statement's text; its catalog gives the body alone).
  return sql + " " + *t.body;
}

} // namespace

std::vector<Statement> render_routine_op(const MysqlDialect& d, const schema::Op& op) {
  const auto& syntax = d.quoting().syntax;
  if (const auto* o = std::get_if<schema::CreateRoutine>(&op)) {
    check_routine_definition(o->routine, syntax);
    const std::string label = schema::routine_label(o->routine);
    return under_session(d, o->routine.session,
                         {{create_routine_sql(o->routine.definition, syntax), "create " + label,
                           drop_routine_sql(d, o->routine.kind, o->routine.name)}},
                         label);
  }
  if (const auto* o = std::get_if<schema::ReplaceRoutine>(&op)) {
    check_routine_definition(o->routine, syntax);
    // The old definition comes back under the settings of the new one: only where they are
    // the same is that the old routine.
    std::optional<std::string> undo;
    if (o->existing && o->existing->session == o->routine.session) {
      undo = replace_routine_sql(o->existing->definition, syntax);
    }
    const std::string label = schema::routine_label(o->routine);
    return under_session(
        d, o->routine.session,
        {{replace_routine_sql(o->routine.definition, syntax), "replace " + label, undo}}, label);
  }
  if (const auto* o = std::get_if<schema::DropRoutine>(&op)) {
    std::optional<std::string> undo;
    schema::SessionSettings session;
    if (o->definition) {
      undo = create_routine_sql(o->definition->definition, syntax);
      session = o->definition->session;
    }
    const std::string label = o->kind + " " + util::squote(o->name);
    return under_session(d, session,
                         {{drop_routine_sql(d, o->kind, o->name), "drop " + label, undo}}, label);
  }
  if (const auto* o = std::get_if<schema::CreateTrigger>(&op)) {
    const std::string label = schema::trigger_label(o->trigger.table, o->trigger.name);
    return under_session(d, o->trigger.session,
                         {{create_trigger_sql(d, o->trigger), "create " + label,
                           "DROP TRIGGER " + d.quote_ident(o->trigger.name)}},
                         label);
  }
  const auto& o = std::get<schema::DropTrigger>(op);
  std::optional<std::string> undo;
  schema::SessionSettings session;
  if (o.definition) {
    schema::Trigger t = *o.definition;
    t.name = o.name;
    t.table = o.table;
    undo = create_trigger_sql(d, t);
    session = t.session;
  }
  const std::string label = schema::trigger_label(o.table, o.name);
  return under_session(d, session,
                       {{"DROP TRIGGER " + d.quote_ident(o.name), "drop " + label, undo}}, label);
}

namespace {

// True when `body` holds FETCH GROUP NEXT ROW: MariaDB allows it only in a stored aggregate
// function (CREATE AGGREGATE FUNCTION) and requires it there, and information_schema.ROUTINES
// says nothing else of the kind (mysql.proc.aggregate may not be readable).
bool fetches_group_rows(const std::string& body, const util::sql::Syntax& syntax) {
  auto tokens = util::sql::tokenize(body, syntax);
  std::erase_if(tokens,
                [](const util::sql::Token& t) { return t.kind == util::sql::TokenKind::comment; });
  for (std::size_t i = 0; i + 3 < tokens.size(); ++i) {
    if (util::sql::is_keyword(tokens[i], "FETCH") &&
        util::sql::is_keyword(tokens[i + 1], "GROUP") &&
        util::sql::is_keyword(tokens[i + 2], "NEXT") &&
        util::sql::is_keyword(tokens[i + 3], "ROW")) {
      return true;
    }
  }
  return false;
}

// What SHOW CREATE FUNCTION/PROCEDURE prints of a routine as it was written: the parameter
// list (the text between the parentheses after its name) and the body.
struct Shown {
  std::optional<std::string> params;
  std::optional<std::string> body;
};

// The body as written, found at the end of `text` (SHOW CREATE's): `catalog_body`
// (information_schema's, whose string literals the server re-spells: a line break in one
// reads back as \n) has as many tokens, the same but for the literals; nullopt if not.
std::optional<std::string> shown_body(const std::string& text,
                                      const std::vector<util::sql::Token>& tokens,
                                      const std::string& catalog_body,
                                      const util::sql::Syntax& syntax) {
  const auto body = util::sql::tokenize(catalog_body, syntax);
  if (body.empty() || body.size() > tokens.size()) {
    return std::nullopt;
  }
  const std::size_t first = tokens.size() - body.size();
  for (std::size_t i = 0; i < body.size(); ++i) {
    const auto& a = tokens[first + i];
    const auto& b = body[i];
    if (a.kind != b.kind || (a.kind != util::sql::TokenKind::string && a.text != b.text)) {
      return std::nullopt;
    }
  }
  return util::trim(text.substr(tokens[first].offset));
}

Shown shown_routine(Connection& conn, const MysqlDialect& d, const std::string& schema_name,
                    const std::string& kind, const std::string& name,
                    const std::string& catalog_body) {
  Rows rows;
  try {
    rows = conn.query("SHOW CREATE " + upper(kind) + " " + d.quote_ident(schema_name) + "." +
                      d.quote_ident(name));
  } catch (const DatabaseError&) {
    return {};
  }
  if (rows.rows.empty() || rows.rows[0].size() < 3 || !rows.rows[0][2]) {
    return {}; // no privilege to see it
  }
  const std::string& text = *rows.rows[0][2];
  const auto& syntax = d.quoting().syntax;
  const auto tokens = util::sql::tokenize(text, syntax);
  Shown out;
  out.body = shown_body(text, tokens, catalog_body, syntax);
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if ((util::sql::is_keyword(tokens[i], "FUNCTION") ||
         util::sql::is_keyword(tokens[i], "PROCEDURE")) &&
        util::sql::is_identifier(tokens[i + 1]) && util::sql::is_punct(tokens[i + 2], "(")) {
      const std::size_t open = tokens[i + 2].offset;
      const std::size_t close = util::sql::closing_paren(text, open, syntax);
      if (close != std::string::npos) {
        out.params = text.substr(open + 1, close - open - 2);
      }
      break;
    }
  }
  return out;
}

} // namespace

std::vector<schema::Routine> read_routines(Connection& conn, const std::string& schema_name,
                                           const schema::SessionSettings& connection) {
  const MysqlDialect d(false);
  const Rows rows = conn.query(
      "SELECT r.ROUTINE_NAME AS name, r.ROUTINE_TYPE AS kind, r.DTD_IDENTIFIER AS result_type, "
      "r.IS_DETERMINISTIC AS is_deterministic, r.SQL_DATA_ACCESS AS data_access, "
      "r.SECURITY_TYPE AS security_type, r.ROUTINE_COMMENT AS routine_comment, "
      "r.ROUTINE_DEFINITION AS routine_body, r.SQL_MODE AS sql_mode, "
      "r.CHARACTER_SET_CLIENT AS character_set_client, "
      "r.COLLATION_CONNECTION AS collation_connection, p.PARAMETER_MODE AS param_mode, "
      "p.PARAMETER_NAME AS param_name, "
      "p.DTD_IDENTIFIER AS param_type "
      "FROM information_schema.ROUTINES r LEFT JOIN information_schema.PARAMETERS p "
      "ON p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.SPECIFIC_NAME "
      "AND p.ROUTINE_TYPE = r.ROUTINE_TYPE AND p.ORDINAL_POSITION > 0 "
      "WHERE r.ROUTINE_SCHEMA = ? ORDER BY r.ROUTINE_TYPE, r.ROUTINE_NAME, p.ORDINAL_POSITION",
      {schema_name});
  struct Parts {
    schema::Routine routine;
    std::vector<std::string> params;
    std::string tail; // the characteristics, before the body
    std::string body;
  };
  std::vector<Parts> parts;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    const std::string kind = lower(rows.text(r, "kind"));
    const std::string name = rows.text(r, "name");
    if (parts.empty() || parts.back().routine.name != name || parts.back().routine.kind != kind) {
      Parts p;
      p.routine.name = name;
      p.routine.kind = kind;
      p.routine.session =
          differing_session({rows.get(r, "sql_mode"), rows.get(r, "character_set_client"),
                             rows.get(r, "collation_connection")},
                            connection);
      if (kind == "function") {
        p.routine.returns = rows.get(r, "result_type");
      }
      std::string tail;
      if (rows.text(r, "is_deterministic") == "YES") {
        tail += "\nDETERMINISTIC";
      }
      const std::string access = rows.text(r, "data_access");
      if (!access.empty() && access != "CONTAINS SQL") {
        tail += "\n" + access;
      }
      if (rows.text(r, "security_type") == "INVOKER") {
        tail += "\nSQL SECURITY INVOKER";
      }
      const std::string comment = rows.text(r, "routine_comment");
      if (!comment.empty()) {
        tail += "\nCOMMENT " + d.quote_string(comment);
      }
      p.tail = tail + "\n";
      p.body = util::trim(rows.text(r, "routine_body"));
      parts.push_back(std::move(p));
    }
    if (const auto& param = rows.get(r, "param_name")) {
      std::string text = d.quote_ident(*param) + " " + rows.text(r, "param_type");
      if (kind == "procedure") {
        text = rows.get(r, "param_mode").value_or("IN") + " " + text;
      }
      parts.back().params.push_back(text);
    }
  }
  std::vector<schema::Routine> out;
  for (auto& p : parts) {
    schema::Routine& r = p.routine;
    // A stored aggregate (CREATE AGGREGATE FUNCTION) says so only in its body.
    const bool aggregate = r.kind == "function" && fetches_group_rows(p.body, d.quoting().syntax);
    // The parameters and body as written (p_id INT; a line break in a string), which the
    // server keeps; information_schema's spelling (`p_id` int(11); \n) is what inspect wrote
    // before, kept as an alternate so that such a model is not a change.
    auto definition = [&](const std::string& params, const std::string& body) {
      return "CREATE " + std::string(aggregate ? "AGGREGATE " : "") + upper(r.kind) + " " +
             d.quote_ident(r.name) + "(" + params + ")" +
             (r.returns ? " RETURNS " + *r.returns : std::string()) + p.tail + body;
    };
    const std::string catalog_form = definition(util::join(p.params, ", "), p.body);
    const Shown shown = shown_routine(conn, d, schema_name, r.kind, r.name, p.body);
    r.definition =
        definition(shown.params.value_or(util::join(p.params, ", ")), shown.body.value_or(p.body));
    if (r.definition != catalog_form) {
      r.alternate_definitions.push_back(catalog_form);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<schema::Trigger> read_triggers(Connection& conn, const std::string& schema_name,
                                           const schema::SessionSettings& connection) {
  const Rows rows = conn.query(
      "SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS table_name, ACTION_TIMING AS timing, "
      "EVENT_MANIPULATION AS event_kind, ACTION_ORDER AS action_order, ACTION_STATEMENT AS "
      "action_body, SQL_MODE AS sql_mode, CHARACTER_SET_CLIENT AS character_set_client, "
      "COLLATION_CONNECTION AS collation_connection "
      "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? "
      "ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER",
      {schema_name});
  std::vector<schema::Trigger> out;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    schema::Trigger t;
    t.name = rows.text(r, "name");
    t.table = rows.text(r, "table_name");
    t.timing = lower(rows.text(r, "timing"));
    t.events = {lower(rows.text(r, "event_kind"))};
    t.body = util::trim(rows.text(r, "action_body"));
    t.session = differing_session({rows.get(r, "sql_mode"), rows.get(r, "character_set_client"),
                                   rows.get(r, "collation_connection")},
                                  connection);
    if (!out.empty() && out.back().table == t.table && out.back().timing == t.timing &&
        out.back().events == t.events) {
      t.order = "follows " + out.back().name;
    }
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const schema::Trigger& a, const schema::Trigger& b) {
    return std::tie(a.table, a.name) < std::tie(b.table, b.name);
  });
  return out;
}

} // namespace migratecpp::dialects::mysql
