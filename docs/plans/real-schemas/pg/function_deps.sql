-- What a function's signature/defaults depend on (types, domains). Bodies (plpgsql, sql with
-- check_function_bodies) are NOT tracked by pg_depend except SQL-standard bodies (BEGIN ATOMIC, PG14+).
SELECT p.proname, d.refobjid::regtype AS uses_type
FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid AND d.classid = 'pg_proc'::regclass
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = current_schema() AND d.refclassid = 'pg_type'::regclass AND d.refobjid >= 16384 AND d.deptype = 'n'
ORDER BY 1, 2;
