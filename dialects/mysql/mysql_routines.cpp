#include "dialects/mysql/mysql_routines.h"

#include "dialects/mysql/mysql_dialect.h"
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
  return sql + "\n" + *t.body;
}

} // namespace

std::vector<Statement> render_routine_op(const MysqlDialect& d, const schema::Op& op) {
  const auto& syntax = d.quoting().syntax;
  if (const auto* o = std::get_if<schema::CreateRoutine>(&op)) {
    check_routine_definition(o->routine, syntax);
    return {{create_routine_sql(o->routine.definition, syntax),
             "create " + schema::routine_label(o->routine),
             drop_routine_sql(d, o->routine.kind, o->routine.name)}};
  }
  if (const auto* o = std::get_if<schema::ReplaceRoutine>(&op)) {
    check_routine_definition(o->routine, syntax);
    std::optional<std::string> undo;
    if (o->existing) {
      undo = replace_routine_sql(o->existing->definition, syntax);
    }
    return {{replace_routine_sql(o->routine.definition, syntax),
             "replace " + schema::routine_label(o->routine), undo}};
  }
  if (const auto* o = std::get_if<schema::DropRoutine>(&op)) {
    std::optional<std::string> undo;
    if (o->definition) {
      undo = create_routine_sql(o->definition->definition, syntax);
    }
    return {{drop_routine_sql(d, o->kind, o->name), "drop " + o->kind + " " + util::squote(o->name),
             undo}};
  }
  if (const auto* o = std::get_if<schema::CreateTrigger>(&op)) {
    return {{create_trigger_sql(d, o->trigger),
             "create " + schema::trigger_label(o->trigger.table, o->trigger.name),
             "DROP TRIGGER " + d.quote_ident(o->trigger.name)}};
  }
  const auto& o = std::get<schema::DropTrigger>(op);
  std::optional<std::string> undo;
  if (o.definition) {
    schema::Trigger t = *o.definition;
    t.name = o.name;
    t.table = o.table;
    undo = create_trigger_sql(d, t);
  }
  return {{"DROP TRIGGER " + d.quote_ident(o.name),
           "drop " + schema::trigger_label(o.table, o.name), undo}};
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

} // namespace

std::vector<schema::Routine> read_routines(Connection& conn, const std::string& schema_name) {
  const MysqlDialect d(false);
  const Rows rows = conn.query(
      "SELECT r.ROUTINE_NAME AS name, r.ROUTINE_TYPE AS kind, r.DTD_IDENTIFIER AS result_type, "
      "r.IS_DETERMINISTIC AS is_deterministic, r.SQL_DATA_ACCESS AS data_access, "
      "r.SECURITY_TYPE AS security_type, r.ROUTINE_COMMENT AS routine_comment, "
      "r.ROUTINE_DEFINITION AS routine_body, p.PARAMETER_MODE AS param_mode, p.PARAMETER_NAME AS "
      "param_name, "
      "p.DTD_IDENTIFIER AS param_type "
      "FROM information_schema.ROUTINES r LEFT JOIN information_schema.PARAMETERS p "
      "ON p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.SPECIFIC_NAME "
      "AND p.ROUTINE_TYPE = r.ROUTINE_TYPE AND p.ORDINAL_POSITION > 0 "
      "WHERE r.ROUTINE_SCHEMA = ? ORDER BY r.ROUTINE_TYPE, r.ROUTINE_NAME, p.ORDINAL_POSITION",
      {schema_name});
  struct Parts {
    schema::Routine routine;
    std::vector<std::string> params;
    std::string tail;
  };
  std::vector<Parts> parts;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    const std::string kind = lower(rows.text(r, "kind"));
    const std::string name = rows.text(r, "name");
    if (parts.empty() || parts.back().routine.name != name || parts.back().routine.kind != kind) {
      Parts p;
      p.routine.name = name;
      p.routine.kind = kind;
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
      p.tail = tail + "\n" + util::trim(rows.text(r, "routine_body"));
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
    const bool aggregate = r.kind == "function" && fetches_group_rows(p.tail, d.quoting().syntax);
    r.definition = "CREATE " + std::string(aggregate ? "AGGREGATE " : "") + upper(r.kind) + " " +
                   d.quote_ident(r.name) + "(" + util::join(p.params, ", ") + ")" +
                   (r.returns ? " RETURNS " + *r.returns : std::string()) + p.tail;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<schema::Trigger> read_triggers(Connection& conn, const std::string& schema_name) {
  const Rows rows = conn.query(
      "SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS table_name, ACTION_TIMING AS timing, "
      "EVENT_MANIPULATION AS event_kind, ACTION_ORDER AS action_order, ACTION_STATEMENT AS "
      "action_body "
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
