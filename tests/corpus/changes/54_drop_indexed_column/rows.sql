INSERT INTO users (email, phone) VALUES ('ann@example.com', '555-0100'), ('bob@example.com', NULL);
