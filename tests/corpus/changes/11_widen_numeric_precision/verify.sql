SELECT id, title FROM notes ORDER BY id
SELECT id FROM notes WHERE price > 999999 ORDER BY id
