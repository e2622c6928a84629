-- Virtual tables (FTS, R*Tree) and their shadow tables: not plain tables. The shadow tables are
-- made by the module (pragma table_list type 'shadow', 3.37+); a round trip must create the virtual table and leave its shadows alone.
SELECT l.name, l.type, l.ncol, replace(substr(m.sql, 1, 70), char(10), ' ') AS sql_head
FROM pragma_table_list l JOIN sqlite_schema m ON m.name = l.name
WHERE l.schema = 'main' AND (l.type IN ('virtual', 'shadow') OR m.sql LIKE 'CREATE VIRTUAL%') ORDER BY l.name;
