-- Primary key order: pragma table_info.pk is the 1-based position in the key (not column order).
SELECT table_name, group_concat(name, ',') AS pk FROM (
  SELECT m.name AS table_name, p.name, p.pk FROM sqlite_schema m, pragma_table_info(m.name) p
  WHERE m.type = 'table' AND p.pk > 0 ORDER BY m.name, p.pk)
GROUP BY table_name HAVING count(*) > 1 ORDER BY 1;
