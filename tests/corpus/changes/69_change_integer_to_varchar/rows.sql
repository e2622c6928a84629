INSERT INTO codes (id, value) VALUES (1, 10), (2, -3), (3, NULL);
