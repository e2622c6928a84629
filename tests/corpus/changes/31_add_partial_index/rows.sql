INSERT INTO users (email, name, deleted_at) VALUES ('ann@example.com', 'Ann', NULL), ('ann@example.com', 'Ann', '2024-01-01 00:00:00');
