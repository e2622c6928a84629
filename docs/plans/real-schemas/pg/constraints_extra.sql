-- Keys with name, key order and deferrability: the existing constraints query plus condeferrable / condeferred.
SELECT c.relname AS table_name, con.conname AS name, con.contype AS type,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
       con.condeferrable AS deferrable, con.condeferred AS initially_deferred
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND con.conparentid = 0
  AND (con.contype = 'p' OR con.condeferrable)
ORDER BY 1, 2;
