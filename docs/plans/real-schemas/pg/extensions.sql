-- Extensions (database-wide), the schema holding their objects, the version; plpgsql is always there.
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version, e.extrelocatable AS relocatable
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql' ORDER BY e.extname;
