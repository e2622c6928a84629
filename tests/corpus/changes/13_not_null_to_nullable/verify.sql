SELECT id, title, views FROM notes ORDER BY id
