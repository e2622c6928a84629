-- Views and triggers: SQLite stores the CREATE statement exactly as written (only the leading
-- "CREATE [TEMP] VIEW|TRIGGER" keywords are normalized), so sql is both definition and stored form.
-- tbl_name is the trigger's table (the view's own name for a view; INSTEAD OF triggers name the view).
SELECT type, name, tbl_name, replace(substr(sql, 1, 90), char(10), ' ') AS sql_head
FROM sqlite_schema WHERE type IN ('view', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY type, name;
