INSERT INTO stock (id, qty, max_qty) VALUES (1, 0, 100), (2, 5, 10), (3, 10, 10);
