#include "dialects/postgresql/pg_routines.h"

#include "dialects/postgresql/pg_dialect.h"
#include "dialects/routine_sql.h"
#include "schema/routine.h"
#include "util/strings.h"

namespace migratecpp::dialects::postgresql {

namespace {

std::vector<Statement> without_body_checks(Statement create) {
  return {{"SET check_function_bodies = off",
           "check function bodies when called, not when created (as pg_dump does)"},
          std::move(create),
          {"RESET check_function_bodies", "check function bodies again"}};
}

std::string drop_routine_sql(const PostgresDialect& d, const std::string& kind,
                             const std::string& name, const std::string& arguments) {
  return "DROP " + std::string(kind == "procedure" ? "PROCEDURE " : "FUNCTION ") +
         d.quote_ident(name) + "(" + arguments + ")";
}

std::string create_trigger_sql(const PostgresDialect& d, const schema::Trigger& t) {
  std::string sql = "CREATE TRIGGER " + d.quote_ident(t.name) + " " + trigger_timing_sql(t) + " " +
                    trigger_events_sql(t) + " ON " + d.quote_ident(t.table) + " FOR EACH " +
                    (t.for_each_row ? "ROW" : "STATEMENT");
  if (t.when) {
    sql += " WHEN (" + *t.when + ")";
  }
  if (!t.function) {
    throw util::Error(schema::trigger_label(t.table, t.name) +
                      ": a PostgreSQL trigger calls a function (function = \"f()\")");
  }
  return sql + " EXECUTE FUNCTION " + *t.function;
}

} // namespace

std::vector<Statement> render_routine_op(const PostgresDialect& d, const schema::Op& op) {
  const auto& syntax = d.quoting().syntax;
  if (const auto* o = std::get_if<schema::CreateRoutine>(&op)) {
    check_routine_definition(o->routine, syntax);
    return without_body_checks({create_routine_sql(o->routine.definition, syntax),
                                "create " + schema::routine_label(o->routine)});
  }
  if (const auto* o = std::get_if<schema::ReplaceRoutine>(&op)) {
    check_routine_definition(o->routine, syntax);
    return without_body_checks({replace_routine_sql(o->routine.definition, syntax),
                                "replace " + schema::routine_label(o->routine)});
  }
  if (const auto* o = std::get_if<schema::DropRoutine>(&op)) {
    return {{drop_routine_sql(d, o->kind, o->name, o->arguments),
             "drop " + o->kind + " " + util::squote(o->name + "(" + o->arguments + ")")}};
  }
  if (const auto* o = std::get_if<schema::CreateTrigger>(&op)) {
    return {{create_trigger_sql(d, o->trigger),
             "create " + schema::trigger_label(o->trigger.table, o->trigger.name)}};
  }
  const auto& o = std::get<schema::DropTrigger>(op);
  return {{"DROP TRIGGER " + d.quote_ident(o.name) + " ON " + d.quote_ident(o.table),
           "drop " + schema::trigger_label(o.table, o.name)}};
}

} // namespace migratecpp::dialects::postgresql
