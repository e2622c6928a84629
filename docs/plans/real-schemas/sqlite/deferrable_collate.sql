-- Deferrable FKs and collations live only in the stored text (pragma foreign_key_list has no
-- deferrability column; pragma index_xinfo has index collations; column collations: parse the CREATE TABLE).
SELECT name, CASE WHEN sql LIKE '%DEFERRABLE%' THEN 'deferrable' END AS fk, CASE WHEN sql LIKE '%COLLATE%' THEN 'collate' END AS coll
FROM sqlite_schema WHERE type = 'table' AND (sql LIKE '%DEFERRABLE%' OR sql LIKE '%COLLATE%');
