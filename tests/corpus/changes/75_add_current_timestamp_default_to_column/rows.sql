INSERT INTO pings (id, seen_at) VALUES (1, '2024-01-02 03:04:05'), (2, NULL);
