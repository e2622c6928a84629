-- What the columns query must add: identity kind (a = ALWAYS, d = BY DEFAULT) and its sequence
-- options, the column's own collation where it is not its type's, domain columns (type shown by name),
-- and defaults that carry casts (kept verbatim from pg_get_expr, not stripped).
SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
       t.typtype = 'd' AS is_domain, a.attidentity AS identity,
       CASE WHEN a.attidentity <> '' THEN (SELECT format('start %s increment %s min %s max %s cache %s cycle %s', s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
            FROM pg_sequence s WHERE s.seqrelid = pg_get_serial_sequence(quote_ident(c.relname), a.attname)::regclass) END AS identity_options,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
  AND (a.attidentity <> '' OR a.attcollation <> t.typcollation OR t.typtype = 'd'
       OR (pg_get_expr(d.adbin, d.adrelid) LIKE '%::%' AND pg_get_expr(d.adbin, d.adrelid) NOT LIKE 'nextval(%'))
ORDER BY 1, 2;
