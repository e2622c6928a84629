// MySQL/MariaDB views (mysql_views.h).
#include "dialects/mysql/mysql_views.h"

#include "dialects/mysql/mysql_quoting.h"
#include "dialects/mysql/mysql_sequences.h"
#include "dialects/mysql/mysql_session.h"
#include "dialects/view_sql.h"
#include "schema/view.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

#include <set>

namespace migratecpp::dialects::mysql {

namespace {

std::string create_sql(const Dialect& d, const schema::View& v, bool replace) {
  std::string sql = replace ? "CREATE OR REPLACE" : "CREATE";
  if (v.algorithm) {
    sql += " ALGORITHM = " + util::to_upper(*v.algorithm);
  }
  if (v.sql_security) {
    sql += " SQL SECURITY " + util::to_upper(*v.sql_security);
  }
  sql += " VIEW " + d.quote_ident(v.name) + view_columns_sql(d, v) + " AS\n" +
         view_definition_sql(v.definition);
  if (v.check_option) {
    sql += "\nWITH " + util::to_upper(*v.check_option) + " CHECK OPTION";
  }
  return sql;
}

std::string drop_sql(const Dialect& d, const std::string& name) {
  return "DROP VIEW " + d.quote_ident(name);
}

void refuse_materialized(const schema::View& v) {
  if (v.materialized) {
    throw util::Error("view " + util::squote(v.name) +
                      ": MySQL/MariaDB have no materialized views");
  }
}

} // namespace

// Each under the character set settings of the view it creates (mysql_session.h).
std::vector<Statement> render_view_op(const Dialect& d, const schema::Op& op) {
  if (const auto* o = std::get_if<schema::CreateView>(&op)) {
    refuse_materialized(o->view);
    const std::string label = "view " + util::squote(o->view.name);
    return under_session(
        d, o->view.session,
        {{create_sql(d, o->view, false), "create " + label, drop_sql(d, o->view.name)}}, label);
  }
  if (const auto* o = std::get_if<schema::DropView>(&op)) {
    std::optional<std::string> undo;
    schema::SessionSettings session;
    if (o->definition) {
      schema::View v = *o->definition;
      v.name = o->name;
      undo = create_sql(d, v, false);
      session = v.session;
    }
    const std::string label = "view " + util::squote(o->name);
    return under_session(d, session, {{drop_sql(d, o->name), "drop " + label, undo}}, label);
  }
  const auto& o = std::get<schema::ReplaceView>(op);
  refuse_materialized(o.view);
  std::optional<std::string> undo;
  if (o.existing && o.existing->session == o.view.session) {
    undo = create_sql(d, *o.existing, true);
  }
  const std::string label = "view " + util::squote(o.view.name);
  return under_session(d, o.view.session, {{create_sql(d, o.view, true), "replace " + label, undo}},
                       label);
}

namespace {

// The SELECT of a view as SHOW CREATE VIEW prints it: information_schema.VIEWS leaves out
// the character set introducers the server keeps (concat(a,_utf8mb3' ',b) reads back as
// concat(a,' ',b), which a copy would make a literal of the connection's character set).
// nullopt where the server gives no text.
std::optional<std::string> shown_definition(Connection& conn, const std::string& schema,
                                            const std::string& name) {
  Rows rows;
  try {
    rows = conn.query("SHOW CREATE VIEW " + quote_identifier(schema, k_quoting) + "." +
                      quote_identifier(name, k_quoting));
  } catch (const DatabaseError&) {
    return std::nullopt;
  }
  if (rows.rows.empty() || rows.rows[0].size() < 2 || !rows.rows[0][1]) {
    return std::nullopt;
  }
  const std::string& text = *rows.rows[0][1];
  const auto tokens = util::sql::tokenize(text, k_quoting.syntax);
  // CREATE ... VIEW `v` [(columns)] AS select ...
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (!util::sql::is_keyword(tokens[i], "VIEW") || !util::sql::is_identifier(tokens[i + 1])) {
      continue;
    }
    std::size_t as = i + 2;
    if (util::sql::is_punct(tokens[as], "(")) {
      as = util::sql::matching_paren(tokens, as) + 1;
    }
    if (as < tokens.size() && util::sql::is_keyword(tokens[as], "AS") && as + 1 < tokens.size()) {
      return text.substr(tokens[as + 1].offset);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

schema::View view_from_row(Connection& conn, const Rows& rows, std::size_t r,
                           const schema::SessionSettings& connection) {
  schema::View v;
  v.name = rows.text(r, "TABLE_NAME");
  const std::string schema = rows.text(r, "TABLE_SCHEMA");
  const std::string catalog_form =
      stored_view_definition(strip_schema_qualifier(rows.text(r, "VIEW_DEFINITION"), schema));
  v.definition = catalog_form;
  if (const auto shown = shown_definition(conn, schema, v.name)) {
    v.definition = stored_view_definition(strip_schema_qualifier(*shown, schema));
  }
  if (v.definition != catalog_form) {
    v.alternate_definitions.push_back(catalog_form);
  }
  v.session = differing_session(
      {std::nullopt, rows.get(r, "CHARACTER_SET_CLIENT"), rows.get(r, "COLLATION_CONNECTION")},
      connection);
  const std::string check = util::to_lower(rows.text(r, "CHECK_OPTION"));
  if (check == "local" || check == "cascaded") {
    v.check_option = check;
  }
  const std::string algorithm = util::to_lower(rows.text(r, "ALGORITHM"));
  if (algorithm == "merge" || algorithm == "temptable") {
    v.algorithm = algorithm;
  }
  if (util::to_lower(rows.text(r, "SECURITY_TYPE")) == "invoker") {
    v.sql_security = "invoker";
  }
  return v;
}

// ALGORITHM is MariaDB's (MySQL 8 has no such column): read it where it is.
std::string views_query(bool with_algorithm, const std::string& where) {
  return std::string("SELECT v.TABLE_SCHEMA, v.TABLE_NAME, v.VIEW_DEFINITION, v.CHECK_OPTION, "
                     "v.SECURITY_TYPE, v.CHARACTER_SET_CLIENT, v.COLLATION_CONNECTION, ") +
         (with_algorithm ? "v.ALGORITHM" : "'UNDEFINED' AS ALGORITHM") +
         " FROM information_schema.VIEWS v WHERE " + where + " ORDER BY v.TABLE_NAME";
}

Rows query_views(Connection& conn, const std::string& where,
                 const std::vector<std::optional<std::string>>& params) {
  try {
    return conn.query(views_query(true, where), params);
  } catch (const DatabaseError&) {
    return conn.query(views_query(false, where), params);
  }
}

} // namespace

std::vector<schema::View> introspect_views(Connection& conn, const std::string& schema,
                                           const std::set<std::string>& tables,
                                           const schema::SessionSettings& connection) {
  const Rows rows =
      query_views(conn, "v.TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE())", {schema});
  std::vector<schema::View> out;
  std::set<std::string> known = tables;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    out.push_back(view_from_row(conn, rows, r, connection));
    known.insert(out.back().name);
  }
  // What each reads: the stored text names every table and view (`db`.`x`, now `x`). The
  // stored functions it may call are models of their own, created before the views.
  for (auto& v : out) {
    for (auto& name : schema::view_references(v.definition, known)) {
      if (name != v.name) {
        v.depends_on.push_back(std::move(name));
      }
    }
  }
  return out;
}

std::vector<std::optional<schema::View>>
mysql_stored_view_forms(const Dialect& d, Connection& conn,
                        const std::vector<schema::View>& views) {
  std::vector<std::optional<schema::View>> out(views.size());
  const schema::SessionSettings session = connection_session(conn);
  for (std::size_t i = 0; i < views.size(); ++i) {
    schema::View probe = views[i];
    probe.name = "_migratecpp_probe_v" + std::to_string(i);
    conn.exec("DROP VIEW IF EXISTS " + d.quote_ident(probe.name));
    // Made under the model's settings, as the view would be: [SET, CREATE, SET back] or
    // [CREATE].
    const auto statements =
        under_session(d, probe.session, {{create_sql(d, probe, false), "", std::nullopt}}, "view");
    const bool wrapped = statements.size() > 1;
    if (wrapped) {
      conn.exec(statements.front().sql);
    }
    bool made = true;
    try {
      conn.exec(statements[wrapped ? 1 : 0].sql);
    } catch (const DatabaseError&) {
      made = false; // the server refuses it (a view it reads is not there yet): no stored form
    }
    if (wrapped) {
      conn.exec(statements.back().sql);
    }
    if (!made) {
      continue;
    }
    try {
      const Rows rows =
          query_views(conn, "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", {probe.name});
      if (!rows.rows.empty()) {
        schema::View stored = view_from_row(conn, rows, 0, session);
        stored.name = views[i].name;
        out[i] = std::move(stored);
      }
    } catch (...) {
      conn.exec("DROP VIEW IF EXISTS " + d.quote_ident(probe.name));
      throw;
    }
    conn.exec("DROP VIEW IF EXISTS " + d.quote_ident(probe.name));
  }
  return out;
}

} // namespace migratecpp::dialects::mysql

namespace migratecpp::dialects::mysql {

std::vector<std::optional<schema::View>>
MysqlDialect::stored_view_forms(Connection& conn, const std::vector<schema::View>& views) const {
  return mysql_stored_view_forms(*this, conn, views);
}

} // namespace migratecpp::dialects::mysql
