INSERT INTO notes (id, title, views) VALUES (1, 'first', 10), (2, 'second', 2000000000), (3, 'third', NULL);
