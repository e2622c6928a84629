INSERT INTO notes (id, title) VALUES (1, 'x'), (2, 'y');
INSERT INTO notes (id, title, state) VALUES (3, 'z', 'closed');
