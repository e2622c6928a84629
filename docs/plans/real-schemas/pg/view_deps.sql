-- What each view / materialized view uses: relations (tables, views), functions, types.
-- A view's rule (_RETURN, in pg_rewrite) depends on every object its query names ('n' = normal).
SELECT DISTINCT v.relname AS view,
       CASE d.refclassid WHEN 'pg_class'::regclass THEN 'relation' WHEN 'pg_proc'::regclass THEN 'function'
                         WHEN 'pg_type'::regclass THEN 'type' ELSE d.refclassid::regclass::text END AS ref_kind,
       CASE d.refclassid WHEN 'pg_class'::regclass THEN d.refobjid::regclass::text
                         WHEN 'pg_proc'::regclass THEN d.refobjid::regprocedure::text
                         WHEN 'pg_type'::regclass THEN d.refobjid::regtype::text END AS ref
FROM pg_depend d
JOIN pg_rewrite r ON r.oid = d.objid AND d.classid = 'pg_rewrite'::regclass
JOIN pg_class v ON v.oid = r.ev_class
JOIN pg_namespace n ON n.oid = v.relnamespace
WHERE n.nspname = current_schema() AND v.relkind IN ('v', 'm') AND d.deptype = 'n'
  AND d.refobjid <> v.oid
  AND d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass)
  AND NOT (d.refclassid = 'pg_proc'::regclass AND d.refobjid < 16384)   -- built-in functions
  AND NOT (d.refclassid = 'pg_type'::regclass AND d.refobjid < 16384)
ORDER BY 1, 2, 3;
