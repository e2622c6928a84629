// SQLite views (sqlite_views.h).
#include "dialects/sqlite/sqlite_views.h"

#include "dialects/sqlite/sql_text.h"
#include "dialects/view_sql.h"
#include "util/strings.h"

namespace migratecpp::dialects::sqlite {

namespace {

Statement create_view(const Dialect& d, const schema::View& v) {
  return {"CREATE VIEW " + d.quote_ident(v.name) + view_columns_sql(d, v) + " AS\n" +
              view_definition_sql(v.definition),
          "create view " + util::squote(v.name)};
}

Statement drop_view(const Dialect& d, const std::string& name) {
  return {"DROP VIEW " + d.quote_ident(name), "drop view " + util::squote(name)};
}

void refuse_materialized(const schema::View& v) {
  if (v.materialized) {
    throw util::Error("view " + util::squote(v.name) + ": SQLite has no materialized views");
  }
}

// CREATE [TEMP] VIEW [IF NOT EXISTS] [schema.]name [(columns)] AS select: the name's
// columns and the text after AS.
schema::View parse_view(const std::string& name, const std::string& sql) {
  schema::View v;
  v.name = name;
  const auto tokens = tokenize(sql);
  std::size_t i = 0;
  // Up to the view's name: CREATE, TEMP, VIEW, IF NOT EXISTS, a schema and its dot.
  while (i < tokens.size() && !is_keyword(tokens[i], "AS") && !is_punct(tokens[i], "(")) {
    ++i;
  }
  if (i < tokens.size() && is_punct(tokens[i], "(")) {
    const std::size_t close = matching_paren(tokens, i);
    for (std::size_t k = i + 1; k < close && k < tokens.size(); ++k) {
      if (is_identifier(tokens[k])) {
        v.columns.push_back(identifier_value(tokens[k]));
      }
    }
    i = close + 1;
  }
  while (i < tokens.size() && !is_keyword(tokens[i], "AS")) {
    ++i;
  }
  if (i + 1 < tokens.size()) {
    v.definition = stored_view_definition(sql.substr(tokens[i + 1].offset));
  }
  return v;
}

} // namespace

std::vector<Statement> render_view_op(const Dialect& d, const schema::Op& op) {
  if (const auto* o = std::get_if<schema::CreateView>(&op)) {
    refuse_materialized(o->view);
    return {create_view(d, o->view)};
  }
  if (const auto* o = std::get_if<schema::DropView>(&op)) {
    return {drop_view(d, o->name)};
  }
  // No CREATE OR REPLACE: views are resolved when used, so the views that read this one
  // stay valid across the drop and the create.
  const auto& o = std::get<schema::ReplaceView>(op);
  refuse_materialized(o.view);
  return {drop_view(d, o.view.name), create_view(d, o.view)};
}

std::vector<schema::View> introspect_views(Connection& conn) {
  const Rows rows = conn.query("SELECT name, sql FROM sqlite_master WHERE type = 'view' "
                               "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  std::vector<schema::View> out;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    out.push_back(parse_view(rows.text(r, "name"), rows.text(r, "sql")));
  }
  return out;
}

} // namespace migratecpp::dialects::sqlite
