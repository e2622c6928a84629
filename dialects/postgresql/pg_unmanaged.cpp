// What PostgreSQL introspection leaves out: composite, range and multirange types, partitions
// of a table in another schema, table inheritance (INHERITS; declarative partitions are
// modelled), columns' storage and compression, triggers the
// model cannot hold (constraint
// triggers, disabled ones, with transition tables, on a view or a partitioned table),
// window functions, rules, row-level-security policies, and the views that call a window
// function or another schema's function (pg_views.cpp). Objects an extension owns are left
// out: the extension stands for them. Views, routines, aggregates, operators, triggers,
// sequences, domains and extensions are modelled.
#include "dialects/connection.h"
#include "dialects/postgresql/pg_dialect.h"
#include "dialects/postgresql/pg_routines.h"
#include "dialects/postgresql/pg_views.h"

namespace migratecpp::dialects::postgresql {

namespace {

// kind, name, table: one SELECT per catalog, then what an extension owns (deptype 'e') left out.
constexpr const char* k_unmanaged_query = R"sql(
SELECT kind, name, table_name FROM (
  SELECT CASE c.relkind WHEN 'f' THEN 'foreign table' WHEN 'c' THEN 'type'
         ELSE 'partition' END AS kind,
         c.relname::text AS name,
         CASE WHEN c.relispartition THEN (SELECT p.relname::text FROM pg_catalog.pg_inherits i
           JOIN pg_catalog.pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid LIMIT 1)
         END AS table_name, c.oid AS oid, 'pg_class'::regclass AS classid
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = coalesce(nullif($1, ''), current_schema())
     AND (c.relkind IN ('f', 'c') OR (c.relkind IN ('r', 'p') AND c.relispartition
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits pi
            JOIN pg_catalog.pg_class pp ON pp.oid = pi.inhparent
           WHERE pi.inhrelid = c.oid AND pp.relnamespace = c.relnamespace)))
  UNION ALL
  SELECT CASE WHEN a.attstorage <> ty.typstorage THEN 'column storage'
         ELSE 'column compression' END, c.relname || '.' || a.attname, c.relname::text, c.oid,
         'pg_class'::regclass
    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = coalesce(nullif($1, ''), current_schema()) AND c.relkind IN ('r', 'p')
     AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
     AND (a.attstorage <> ty.typstorage OR a.attcompression <> '')
  UNION ALL
  SELECT 'table inheritance', c.relname::text, c.relname::text, c.oid, 'pg_class'::regclass
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid)
     AND n.nspname = coalesce(nullif($1, ''), current_schema())
     AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  UNION ALL
  SELECT CASE WHEN t.tgconstraint <> 0 THEN 'constraint trigger' ELSE 'trigger' END,
         t.tgname::text, c.relname::text, t.oid, 'pg_trigger'::regclass
    FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = coalesce(nullif($1, ''), current_schema()) AND NOT t.tgisinternal
     AND NOT (MODELLED_TRIGGER)
  UNION ALL
  SELECT CASE p.prokind WHEN 'w' THEN 'window function' ELSE 'function' END,
         p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', NULL,
         p.oid, 'pg_proc'::regclass
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = coalesce(nullif($1, ''), current_schema())
     AND p.prokind NOT IN ('f', 'p', 'a')
  UNION ALL
  SELECT 'type', t.typname::text, NULL, t.oid, 'pg_type'::regclass
    FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE n.nspname = coalesce(nullif($1, ''), current_schema()) AND t.typtype IN ('r', 'm')
  UNION ALL
  SELECT 'rule', r.rulename::text, c.relname::text, r.oid, 'pg_rewrite'::regclass
    FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = coalesce(nullif($1, ''), current_schema()) AND r.rulename <> '_RETURN'
  UNION ALL
  SELECT 'policy', p.polname::text, c.relname::text, p.oid, 'pg_policy'::regclass
    FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = coalesce(nullif($1, ''), current_schema())

) o
WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = o.classid
                  AND d.objid = o.oid
                  AND d.deptype = 'e')
ORDER BY kind, name
)sql";

} // namespace

std::vector<UnmanagedObject>
PostgresDialect::unmanaged_objects(Connection& conn, const IntrospectOptions& options) const {
  // Triggers the model holds (pg_routines) are not listed; the others are.
  std::string query = k_unmanaged_query;
  const std::string marker = "MODELLED_TRIGGER";
  query.replace(query.find(marker), marker.size(), modelled_trigger_sql());
  std::vector<UnmanagedObject> out =
      unmanaged_from_rows(conn.query(query, {options.schema}), options);
  // Views left out of introspection (see pg_views.cpp), and their dependents, named here.
  introspect_views(conn, options.schema, &out);
  return kept_and_sorted(std::move(out), options);
}

} // namespace migratecpp::dialects::postgresql
