INSERT INTO notes (id, title) VALUES (1, 'x'), (2, 'y');
