-- Views and materialized views: definition in the server's stored (deparsed) form.
SELECT c.relname AS name, c.relkind AS kind,
       pg_get_viewdef(c.oid, true) AS definition,
       c.reloptions AS options,                      -- {check_option=local, security_barrier=true, security_invoker=true}
       CASE WHEN c.relkind = 'm' THEN c.relispopulated END AS populated,
       obj_description(c.oid, 'pg_class') AS comment,
       ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS columns
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY c.relname;
