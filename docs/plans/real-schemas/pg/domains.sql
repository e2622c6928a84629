-- Domains: base type with modifiers, NOT NULL, default, collation, named checks.
SELECT t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS base_type, t.typnotnull AS not_null,
       t.typdefault AS default_expr,
       CASE WHEN t.typcollation <> bt.typcollation THEN co.collname END AS collation,
       ARRAY(SELECT con.conname || ': ' || pg_get_constraintdef(con.oid, true) FROM pg_constraint con
             WHERE con.contypid = t.oid ORDER BY con.conname) AS checks,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
WHERE n.nspname = current_schema() AND t.typtype = 'd'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
ORDER BY t.typname;
