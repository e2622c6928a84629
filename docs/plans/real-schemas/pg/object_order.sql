-- The dependency graph between the objects migratecpp will manage, in one query: edges
-- (object -> what it needs) from pg_depend, resolved to (kind, name). A topological sort of this
-- gives the create order; drops go in reverse. deptype n (normal) and a (auto, e.g. a column default
-- on a sequence via nextval) both order creation.
WITH objs AS (
  SELECT 'pg_class'::regclass AS classid, c.oid AS objid, CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' END AS kind, c.relname::text AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r','p','v','m','S') AND NOT c.relispartition
  UNION ALL SELECT 'pg_proc'::regclass, p.oid, 'function', p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() AND p.prokind IN ('f','p')
  UNION ALL SELECT 'pg_type'::regclass, t.oid, CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'enum' END, t.typname::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() AND t.typtype IN ('d','e')
  UNION ALL SELECT 'pg_extension'::regclass, e.oid, 'extension', e.extname::text FROM pg_extension e WHERE e.extname <> 'plpgsql'
  UNION ALL SELECT 'pg_trigger'::regclass, t.oid, 'trigger', t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgparentid = 0
),
-- a view's dependencies are recorded on its _RETURN rule; an index's or a column default's on the index / attrdef: map them to their owner
src AS (
  SELECT d.*, CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 'pg_class'::regclass
                   WHEN d.classid = 'pg_attrdef'::regclass THEN 'pg_class'::regclass
                   WHEN d.classid = 'pg_constraint'::regclass THEN 'pg_class'::regclass ELSE d.classid END AS o_classid,
         CASE WHEN d.classid = 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid)
              WHEN d.classid = 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = d.objid)
              WHEN d.classid = 'pg_constraint'::regclass THEN (SELECT conrelid FROM pg_constraint WHERE oid = d.objid AND conrelid <> 0) ELSE d.objid END AS o_objid
  FROM pg_depend d WHERE d.deptype IN ('n', 'a')
)
SELECT DISTINCT a.kind, a.name, b.kind AS needs_kind, b.name AS needs
FROM src JOIN objs a ON a.classid = src.o_classid AND a.objid = src.o_objid
JOIN objs b ON b.classid = src.refclassid AND b.objid = src.refobjid
WHERE (a.classid, a.objid) <> (b.classid, b.objid)
  AND NOT (a.kind = 'sequence' AND b.kind = 'table')   -- OWNED BY points the other way; order: sequence, table, then OWNED BY
ORDER BY 1, 2, 3, 4;
