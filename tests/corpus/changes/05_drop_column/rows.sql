INSERT INTO users (email, name, legacy_code) VALUES ('ann@example.com', 'Ann', 'A-1'), ('bob@example.com', NULL, NULL);
