// MySQL/MariaDB views (mysql_views.h).
#include "dialects/mysql/mysql_views.h"

#include "dialects/mysql/mysql_quoting.h"
#include "dialects/mysql/mysql_sequences.h"
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

std::vector<Statement> render_view_op(const Dialect& d, const schema::Op& op) {
  if (const auto* o = std::get_if<schema::CreateView>(&op)) {
    refuse_materialized(o->view);
    return {{create_sql(d, o->view, false), "create view " + util::squote(o->view.name),
             drop_sql(d, o->view.name)}};
  }
  if (const auto* o = std::get_if<schema::DropView>(&op)) {
    std::optional<std::string> undo;
    if (o->definition) {
      schema::View v = *o->definition;
      v.name = o->name;
      undo = create_sql(d, v, false);
    }
    return {{drop_sql(d, o->name), "drop view " + util::squote(o->name), undo}};
  }
  const auto& o = std::get<schema::ReplaceView>(op);
  refuse_materialized(o.view);
  std::optional<std::string> undo;
  if (o.existing) {
    undo = create_sql(d, *o.existing, true);
  }
  return {{create_sql(d, o.view, true), "replace view " + util::squote(o.view.name), undo}};
}

namespace {

schema::View view_from_row(const Rows& rows, std::size_t r) {
  schema::View v;
  v.name = rows.text(r, "TABLE_NAME");
  v.definition = stored_view_definition(
      strip_schema_qualifier(rows.text(r, "VIEW_DEFINITION"), rows.text(r, "TABLE_SCHEMA")));
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
                     "v.SECURITY_TYPE, ") +
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
                                           const std::set<std::string>& tables) {
  const Rows rows =
      query_views(conn, "v.TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE())", {schema});
  std::vector<schema::View> out;
  std::set<std::string> known = tables;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    out.push_back(view_from_row(rows, r));
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
  for (std::size_t i = 0; i < views.size(); ++i) {
    schema::View probe = views[i];
    probe.name = "_migratecpp_probe_v" + std::to_string(i);
    conn.exec("DROP VIEW IF EXISTS " + d.quote_ident(probe.name));
    try {
      conn.exec(create_sql(d, probe, false));
    } catch (const DatabaseError&) {
      continue; // the server refuses it (a view it reads is not there yet): no stored form
    }
    try {
      const Rows rows =
          query_views(conn, "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", {probe.name});
      if (!rows.rows.empty()) {
        schema::View stored = view_from_row(rows, 0);
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
