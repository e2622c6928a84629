SELECT id, title, state FROM notes ORDER BY id
