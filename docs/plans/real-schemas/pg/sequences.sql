-- Standalone sequences (not identity sequences: deptype 'i'), with their options and the column
-- that owns them (OWNED BY: deptype 'a'); a serial column is an owned sequence + nextval default.
SELECT c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart AS start,
       s.seqincrement AS increment, s.seqmin AS min, s.seqmax AS max, s.seqcache AS cache, s.seqcycle AS cycle,
       oc.relname || '.' || oa.attname AS owned_by,
       (SELECT count(*) FROM pg_attrdef ad WHERE pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%' || quote_literal(c.relname) || '::regclass)') AS used_by_defaults
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class oc ON oc.oid = d.refobjid
LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE n.nspname = current_schema() AND coalesce(d.deptype, 'a') <> 'i'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY c.relname;
