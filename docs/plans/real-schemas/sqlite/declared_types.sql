-- Declared types exactly as written (pragma table_xinfo gives the declared text verbatim, case kept):
-- what a round trip must write back (INT stays INT, DATETIME stays DATETIME, NVARCHAR(40) stays).
SELECT p.type AS declared_type, count(*) AS columns
FROM sqlite_schema m, pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
GROUP BY p.type ORDER BY 2 DESC;
