// PostgreSQL views and materialized views (pg_views.h).
#include "dialects/postgresql/pg_views.h"
#include "dialects/postgresql/pg_probe.h"

#include "dialects/view_sql.h"
#include "schema/index_part.h"
#include "util/strings.h"

#include <set>

namespace migratecpp::dialects::postgresql {

namespace {

std::string kind_sql(bool materialized) {
  return materialized ? "MATERIALIZED VIEW" : "VIEW";
}

// WITH (check_option = ..., security_barrier = ..., security_invoker = ...), or "".
std::string options_sql(const schema::View& v) {
  std::vector<std::string> items;
  if (v.check_option) {
    items.push_back("check_option = " + *v.check_option);
  }
  if (v.security_barrier) {
    items.push_back(std::string("security_barrier = ") + (*v.security_barrier ? "true" : "false"));
  }
  if (v.security_invoker) {
    items.push_back(std::string("security_invoker = ") + (*v.security_invoker ? "true" : "false"));
  }
  return items.empty() ? "" : " WITH (" + util::join(items, ", ") + ")";
}

std::string comment_sql(const PostgresDialect& d, const schema::View& v, const std::string& text) {
  return "COMMENT ON " + kind_sql(v.materialized) + " " + d.quote_ident(v.name) + " IS " +
         (text.empty() ? "NULL" : d.quote_string(text));
}

std::vector<Statement> create_view(const PostgresDialect& d, const schema::View& v,
                                   const schema::Database& before, bool replace) {
  std::vector<Statement> out;
  std::string sql = std::string(replace ? "CREATE OR REPLACE " : "CREATE ") +
                    kind_sql(v.materialized) + " " + d.quote_ident(v.name) +
                    view_columns_sql(d, v) + options_sql(v) + " AS\n" +
                    view_definition_sql(v.definition);
  if (v.materialized && !v.with_data) {
    sql += "\nWITH NO DATA";
  }
  out.push_back({sql, std::string(replace ? "replace " : "create ") +
                          (v.materialized ? "materialized view " : "view ") +
                          util::squote(v.name)});
  for (const auto& i : v.indexes) {
    out.push_back({d.create_index_sql(v.name, i, before),
                   "create index " + util::squote(i.name) + " on " + util::squote(v.name)});
  }
  if (v.comment) {
    out.push_back({comment_sql(d, v, *v.comment), "comment on view " + util::squote(v.name)});
  }
  return out;
}

} // namespace

std::vector<Statement> render_view_op(const PostgresDialect& d, const schema::Op& op,
                                      const schema::Database& before) {
  if (const auto* o = std::get_if<schema::CreateView>(&op)) {
    return create_view(d, o->view, before, false);
  }
  if (const auto* o = std::get_if<schema::DropView>(&op)) {
    // Never CASCADE: a view that reads this one is the diff's to drop first, and a view the
    // models do not know makes PostgreSQL refuse, which is the right answer.
    return {{"DROP " + kind_sql(o->materialized) + " " + d.quote_ident(o->name),
             std::string("drop ") + (o->materialized ? "materialized view " : "view ") +
                 util::squote(o->name)}};
  }
  const auto& o = std::get<schema::ReplaceView>(op);
  if (o.view.materialized) {
    throw util::Error("replace_view " + util::squote(o.view.name) +
                      ": a materialized view cannot be replaced; drop and create it");
  }
  std::vector<Statement> out = create_view(d, o.view, before, true);
  if (!o.view.comment && o.existing && o.existing->comment) {
    out.push_back(
        {comment_sql(d, o.view, ""), "remove the comment of view " + util::squote(o.view.name)});
  }
  return out;
}

namespace {

// Separators of the aggregated columns below (unit and record separators: never in names).
constexpr char k_field = '\x1f';
constexpr char k_record = '\x1e';
constexpr char k_part = '\x1d';

// One row per view: its stored text, options, comment, populated flag, signature, what its
// rule depends on (relations, from pg_depend), and a materialized view's indexes.
constexpr const char* k_views_query = R"sql(
SELECT c.relname AS name, c.relkind AS kind, pg_catalog.pg_get_viewdef(c.oid, true) AS definition,
       array_to_string(c.reloptions, chr(31)) AS options,
       CASE WHEN c.relkind = 'm' THEN c.relispopulated END AS populated,
       obj_description(c.oid, 'pg_class') AS comment,
       (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), chr(31)
                          ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS signature,
       (SELECT string_agg(DISTINCT r.relname::text, chr(31))
          FROM pg_catalog.pg_rewrite rw
          JOIN pg_catalog.pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
          JOIN pg_catalog.pg_class r ON d.refclassid = 'pg_class'::regclass AND r.oid = d.refobjid
         WHERE rw.ev_class = c.oid AND d.deptype = 'n' AND r.oid <> c.oid) AS depends_on,
       (SELECT string_agg(DISTINCT CASE WHEN d.refclassid = 'pg_proc'::regclass
                 THEN p.proname || '(' || coalesce(nullif(
                        pg_catalog.pg_get_function_identity_arguments(p.oid), ''), '*') || ')'
                 ELSE o.oprname || '(' || coalesce(format_type(o.oprleft, NULL), 'NONE') || ', '
                        || format_type(o.oprright, NULL) || ')' END, chr(31))
          FROM pg_catalog.pg_rewrite rw
          JOIN pg_catalog.pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
          LEFT JOIN pg_catalog.pg_proc p ON d.refclassid = 'pg_proc'::regclass
               AND p.oid = d.refobjid AND p.prokind = 'a' AND p.pronamespace = c.relnamespace
          LEFT JOIN pg_catalog.pg_operator o ON d.refclassid = 'pg_operator'::regclass
               AND o.oid = d.refobjid AND o.oprnamespace = c.relnamespace
         WHERE rw.ev_class = c.oid AND d.deptype = 'n'
           AND (p.oid IS NOT NULL OR o.oid IS NOT NULL)) AS uses,
       (SELECT string_agg(DISTINCT d.refobjid::regprocedure::text, chr(31))
          FROM pg_catalog.pg_rewrite rw
          JOIN pg_catalog.pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
          JOIN pg_catalog.pg_proc p ON p.oid = d.refobjid
         WHERE rw.ev_class = c.oid AND d.deptype = 'n' AND d.refclassid = 'pg_proc'::regclass
           AND d.refobjid >= 16384
           AND NOT (p.prokind IN ('f', 'p', 'a') AND p.pronamespace = c.relnamespace)
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                           WHERE e.classid = 'pg_proc'::regclass AND e.objid = d.refobjid
                             AND e.deptype = 'e')) AS routines,
       (SELECT string_agg(i.relname || chr(31) || x.indisunique::text || chr(31) || am.amname
                          || chr(31) || coalesce(pg_get_expr(x.indpred, x.indrelid, true), '')
                          || chr(31) || array_to_string(ARRAY(
                               SELECT pg_catalog.pg_get_indexdef(x.indexrelid, k, true)
                                 FROM generate_series(1, x.indnkeyatts) k ORDER BY k), chr(29)),
                          chr(30) ORDER BY i.relname)
          FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
          JOIN pg_catalog.pg_am am ON am.oid = i.relam
         WHERE x.indrelid = c.oid) AS indexes
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = coalesce(nullif($1, ''), current_schema()) AND c.relkind IN ('v', 'm')
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_class'::regclass
                   AND e.objid = c.oid AND e.deptype = 'e')
 ORDER BY c.relname
)sql";

std::vector<std::string> split_nonempty(const std::string& text, char sep) {
  std::vector<std::string> out;
  if (text.empty()) {
    return out;
  }
  return util::split(text, sep);
}

schema::View view_from_row(const Rows& rows, std::size_t r) {
  schema::View v;
  v.name = rows.text(r, "name");
  v.materialized = rows.text(r, "kind") == "m";
  v.definition = stored_view_definition(rows.text(r, "definition"));
  for (const auto& option : split_nonempty(rows.text(r, "options"), k_field)) {
    const auto eq = option.find('=');
    const std::string key = option.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : util::to_lower(option.substr(eq + 1));
    if (key == "check_option") {
      v.check_option = value;
    } else if (key == "security_barrier") {
      v.security_barrier = value == "true" || value == "on";
    } else if (key == "security_invoker") {
      v.security_invoker = value == "true" || value == "on";
    }
  }
  if (v.materialized) {
    v.with_data = rows.text(r, "populated") != "f";
  }
  v.comment = rows.get(r, "comment");
  v.signature = split_nonempty(rows.text(r, "signature"), k_field);
  v.depends_on = split_nonempty(rows.text(r, "depends_on"), k_field);
  // The schema's aggregates and operators it uses, by schema::aggregate_key / operator_key:
  // a view goes and comes back around a change of one (diff_aggregates.h).
  if (rows.get(r, "uses")) {
    for (auto& key : split_nonempty(rows.text(r, "uses"), k_field)) {
      v.depends_on.push_back(std::move(key));
    }
  }
  for (const auto& record : split_nonempty(rows.text(r, "indexes"), k_record)) {
    const auto f = util::split(record, k_field);
    if (f.size() < 5) {
      continue;
    }
    schema::Index i;
    i.name = f[0];
    i.unique = f[1] == "true";
    if (f[2] != "btree") {
      i.method = f[2];
    }
    if (!f[3].empty()) {
      i.where = f[3];
    }
    i.parts = schema::parse_index_parts(split_nonempty(f[4], k_part));
    v.indexes.push_back(std::move(i));
  }
  return v;
}

} // namespace

std::vector<schema::View> introspect_views(Connection& conn, const std::string& schema,
                                           std::vector<UnmanagedObject>* unmanaged) {
  const Rows rows = conn.query(k_views_query, {schema});
  std::vector<schema::View> out;
  // Views calling a user routine no model holds (16384: the first user oid).
  std::set<std::string> calling;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    out.push_back(view_from_row(rows, r));
    if (!rows.text(r, "routines").empty()) {
      calling.insert(out.back().name);
    }
  }
  std::set<std::string> materialized;
  for (const auto& v : out) {
    if (v.materialized) {
      materialized.insert(v.name);
    }
  }
  for (auto& name : take_views_calling_routines(out, calling)) {
    if (unmanaged != nullptr) {
      const bool m = materialized.count(name) != 0;
      unmanaged->push_back({m ? "materialized view" : "view", std::move(name), ""});
    }
  }
  return out;
}

std::vector<std::optional<schema::View>>
pg_stored_view_forms(const PostgresDialect& d, Connection& conn,
                     const std::vector<schema::View>& views) {
  std::vector<std::optional<schema::View>> out(views.size());
  if (views.empty()) {
    return out;
  }
  Probe session(conn);
  for (std::size_t i = 0; i < views.size(); ++i) {
    schema::View probe = views[i];
    probe.name = "_migratecpp_probe_" + std::to_string(i);
    probe.comment.reset();
    probe.indexes.clear();
    const bool materialized = probe.materialized;
    probe.materialized = false; // a temporary view reads back the same text
    session.attempt([&] {
      conn.exec("CREATE TEMPORARY VIEW " + d.quote_ident(probe.name) + view_columns_sql(d, probe) +
                options_sql(probe) + " AS\n" + view_definition_sql(probe.definition));
      const Rows rows = conn.query(
          "SELECT c.relname AS name, 'v' AS kind, pg_catalog.pg_get_viewdef(c.oid, true) AS "
          "definition, NULL AS options, NULL AS populated, NULL AS comment, "
          "(SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), "
          "chr(31) ORDER BY a.attnum) FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid "
          "AND a.attnum > 0 AND NOT a.attisdropped) AS signature, NULL AS depends_on, "
          "NULL AS uses, "
          "NULL AS indexes FROM pg_catalog.pg_class c WHERE c.oid = $1::regclass",
          {"pg_temp." + d.quote_ident(probe.name)});
      if (!rows.rows.empty()) {
        schema::View stored = view_from_row(rows, 0);
        stored.name = views[i].name;
        stored.materialized = materialized;
        out[i] = std::move(stored);
      }
    });
  }
  session.finish();
  return out;
}

} // namespace migratecpp::dialects::postgresql

namespace migratecpp::dialects::postgresql {

std::vector<std::optional<schema::View>>
PostgresDialect::stored_view_forms(Connection& conn, const std::vector<schema::View>& views) const {
  return pg_stored_view_forms(*this, conn, views);
}

} // namespace migratecpp::dialects::postgresql
