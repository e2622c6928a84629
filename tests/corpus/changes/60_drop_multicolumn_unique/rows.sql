INSERT INTO users (email, name) VALUES ('ann@example.com', 'Ann'), ('bob@example.com', 'Bob'), ('cy@example.com', NULL);
INSERT INTO devices (id, serial, owner_id, model, watts) VALUES (1, 'SN-1', 1, 'x1', 20), (2, 'SN-2', NULL, 'x2', 5), (3, 'SN-3', 2, NULL, 10);
