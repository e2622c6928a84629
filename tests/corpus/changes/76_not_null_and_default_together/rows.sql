INSERT INTO notes (id, title, views) VALUES (1, 'first', 10), (2, 'second', 0);
