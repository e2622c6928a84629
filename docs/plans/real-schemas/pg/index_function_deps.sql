-- Indexes whose expression or predicate calls a function of the schema (the index must come after it).
SELECT DISTINCT t.relname AS table_name, i.relname AS index_name, d.refobjid::regprocedure AS function
FROM pg_depend d JOIN pg_class i ON i.oid = d.objid AND d.classid = 'pg_class'::regclass AND i.relkind = 'i'
JOIN pg_index x ON x.indexrelid = i.oid JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_proc p ON p.oid = d.refobjid AND d.refclassid = 'pg_proc'::regclass
WHERE n.nspname = current_schema() AND d.deptype = 'n' AND p.pronamespace = n.oid
ORDER BY 1, 2;
