#include "dialects/postgresql/pg_dialect.h"
#include "dialects/postgresql/pg_objects_introspect.h"
#include "dialects/postgresql/pg_probe.h"
#include "dialects/postgresql/pg_quoting.h"
#include "dialects/postgresql/pg_routines.h"
#include "dialects/routine_sql.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

namespace migratecpp::dialects::postgresql {

namespace {

constexpr std::string_view k_schema = "coalesce(nullif($1, ''), current_schema())";

using util::sql::is_keyword;
using util::sql::is_punct;

// "CREATE OR REPLACE FUNCTION public.f(...)" -> "CREATE OR REPLACE FUNCTION f(...)" when
// `schema` is the routine's own schema: a model works in any schema.
std::string without_own_schema(const std::string& definition, const std::string& schema) {
  const auto& syntax = k_quoting.syntax;
  const auto t = util::sql::tokenize(definition, syntax);
  for (std::size_t i = 0; i + 3 < t.size() && i < 6; ++i) {
    if (is_keyword(t[i], "FUNCTION") || is_keyword(t[i], "PROCEDURE")) {
      if (util::sql::is_identifier(t[i + 1]) && util::sql::identifier_value(t[i + 1]) == schema &&
          is_punct(t[i + 2], ".")) {
        return definition.substr(0, t[i + 1].offset) + definition.substr(t[i + 3].offset);
      }
      break;
    }
  }
  return definition;
}

// "(x)" -> "x" while the whole text is one parenthesized group.
std::string without_outer_parens(std::string text) {
  text = util::trim(text);
  while (text.size() >= 2 && text.front() == '(' && util::closing_paren(text, 0) == text.size()) {
    text = util::trim(text.substr(1, text.size() - 2));
  }
  return text;
}

} // namespace

std::vector<schema::Routine> read_routines(Connection& conn, const RoutineParams& params,
                                           const std::string& /*schema*/) {
  const Rows rows = conn.query(
      "SELECT p.proname AS name, p.prokind AS kind, n.nspname AS schema, "
      "pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments, "
      "CASE WHEN p.prokind = 'f' THEN pg_catalog.pg_get_function_result(p.oid) END AS returns, "
      "pg_catalog.pg_get_functiondef(p.oid) AS definition "
      "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
      "WHERE n.nspname = " +
          std::string(k_schema) + " AND p.prokind IN ('f', 'p') AND " +
          not_extension_member("pg_catalog.pg_proc", "p.oid") + " ORDER BY p.proname, arguments",
      params);
  std::vector<schema::Routine> out;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    schema::Routine routine;
    routine.name = rows.text(r, "name");
    routine.kind = rows.text(r, "kind") == "p" ? "procedure" : "function";
    routine.arguments = rows.text(r, "arguments");
    routine.returns = rows.get(r, "returns");
    routine.definition =
        util::trim(without_own_schema(rows.text(r, "definition"), rows.text(r, "schema")));
    out.push_back(std::move(routine));
  }
  return out;
}

std::vector<std::optional<std::string>>
PostgresDialect::routine_stored_forms(Connection& conn,
                                      const std::vector<schema::Routine>& routines) const {
  std::vector<std::optional<std::string>> out(routines.size());
  if (routines.empty()) {
    return out;
  }
  Probe session(conn);
  conn.exec("SET LOCAL check_function_bodies = off");
  for (std::size_t i = 0; i < routines.size(); ++i) {
    const schema::Routine& r = routines[i];
    // Each on its own: one the server refuses (a new result type) must not abort the others.
    session.attempt([&] {
      conn.exec(replace_routine_sql(r.definition, k_quoting.syntax));
      const Rows rows = conn.query(
          "SELECT n.nspname, pg_catalog.pg_get_functiondef(p.oid) FROM pg_catalog.pg_proc p "
          "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
          "WHERE n.nspname = current_schema() AND p.proname = $1 "
          "AND pg_catalog.pg_get_function_identity_arguments(p.oid) = $2",
          {r.name, r.arguments});
      if (!rows.rows.empty() && rows.rows[0][0] && rows.rows[0][1]) {
        out[i] = util::trim(without_own_schema(*rows.rows[0][1], *rows.rows[0][0]));
      }
    });
  }
  session.finish();
  return out;
}

std::string modelled_trigger_sql() {
  return "NOT t.tgisinternal AND t.tgparentid = 0 AND t.tgconstraint = 0 AND t.tgenabled = 'O' "
         "AND t.tgoldtable IS NULL AND t.tgnewtable IS NULL AND c.relkind = 'r' "
         "AND NOT c.relispartition";
}

std::vector<schema::Trigger> read_triggers(Connection& conn, const RoutineParams& params) {
  const Rows rows = conn.query(
      "SELECT c.relname AS table_name, t.tgname AS name, t.tgtype::integer AS type, "
      "pg_catalog.pg_get_triggerdef(t.oid, true) AS definition, "
      "array_to_string(ARRAY(SELECT quote_ident(a.attname) FROM "
      "unnest(t.tgattr::int2[]) WITH ORDINALITY AS k(attnum, n) "
      "JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum "
      "ORDER BY k.n), ', ') AS columns "
      "FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = " +
          std::string(k_schema) + " AND " + modelled_trigger_sql() + " AND " +
          not_extension_member("pg_catalog.pg_trigger", "t.oid") + " ORDER BY c.relname, t.tgname",
      params);
  std::vector<schema::Trigger> out;
  const auto& syntax = k_quoting.syntax;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    schema::Trigger t;
    t.table = rows.text(r, "table_name");
    t.name = rows.text(r, "name");
    const int type = std::stoi(rows.text(r, "type"));
    t.for_each_row = (type & 1) != 0;
    t.timing = (type & 64) != 0 ? "instead of" : (type & 2) != 0 ? "before" : "after";
    if ((type & 4) != 0) {
      t.events.push_back("insert");
    }
    if ((type & 16) != 0) {
      const std::string columns = rows.text(r, "columns");
      t.events.push_back(columns.empty() ? "update" : "update of " + columns);
    }
    if ((type & 8) != 0) {
      t.events.push_back("delete");
    }
    if ((type & 32) != 0) {
      t.events.push_back("truncate");
    }
    // ... FOR EACH ROW [WHEN (condition)] EXECUTE FUNCTION f(args)
    const std::string def = rows.text(r, "definition");
    const auto tokens = util::sql::tokenize(def, syntax);
    std::size_t execute = tokens.size();
    std::size_t when = tokens.size();
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
      if (is_punct(tokens[i], "(")) {
        i = util::sql::matching_paren(tokens, i);
        continue;
      }
      if (is_keyword(tokens[i], "WHEN") && when == tokens.size()) {
        when = i;
      }
      if (is_keyword(tokens[i], "EXECUTE") &&
          (is_keyword(tokens[i + 1], "FUNCTION") || is_keyword(tokens[i + 1], "PROCEDURE"))) {
        execute = i;
      }
    }
    if (execute + 2 < tokens.size()) {
      t.function = util::trim(def.substr(tokens[execute + 2].offset));
    }
    if (when + 1 < execute && is_punct(tokens[when + 1], "(")) {
      const std::size_t close = util::sql::matching_paren(tokens, when + 1);
      if (close < tokens.size()) {
        t.when = without_outer_parens(def.substr(
            tokens[when + 1].offset, tokens[close].offset + 1 - tokens[when + 1].offset));
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

} // namespace migratecpp::dialects::postgresql
