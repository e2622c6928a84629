INSERT INTO jobs (id, queue, done_at, note) VALUES (1, 'mail', NULL, 'a'), (2, 'mail', '2024-05-01 12:00:00', NULL);
