-- Indexes (and so the tables' index ops) that need an extension: an operator class (btree_gist's
-- gist_int4_ops, pg_trgm's gin_trgm_ops) or an access method that an extension provides.
SELECT DISTINCT t.relname AS table_name, i.relname AS index_name, e.extname AS extension, opc.opcname AS opclass
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(x.indclass::oid[]) AS k(opc)
JOIN pg_opclass opc ON opc.oid = k.opc
JOIN pg_depend d ON d.classid = 'pg_opclass'::regclass AND d.objid = opc.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid
WHERE n.nspname = current_schema()
ORDER BY 1, 2, 4;
