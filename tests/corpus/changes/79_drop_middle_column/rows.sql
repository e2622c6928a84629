INSERT INTO users (email, legacy_code, name) VALUES ('ann@example.com', 'A-1', 'Ann'), ('bob@example.com', NULL, 'Bob');
