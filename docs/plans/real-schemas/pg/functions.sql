-- Functions and procedures (prokind f/p) that are not an extension's members; the whole
-- CREATE OR REPLACE text as the server deparses it (pg_get_functiondef), the identity arguments
-- (what DROP FUNCTION needs: overloads share a name).
SELECT p.proname AS name, p.prokind AS kind,
       pg_get_function_identity_arguments(p.oid) AS identity_args,
       pg_get_function_result(p.oid) AS result,
       l.lanname AS language,
       md5(pg_get_functiondef(p.oid)) AS definition_md5,
       left(regexp_replace(pg_get_functiondef(p.oid), '\s+', ' ', 'g'), 140) AS definition_head
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
ORDER BY p.proname, identity_args;
