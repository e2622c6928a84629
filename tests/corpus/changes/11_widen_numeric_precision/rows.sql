INSERT INTO notes (id, title, price) VALUES (1, 'a', 12.50), (2, 'b', 999999.99), (3, 'c', NULL);
