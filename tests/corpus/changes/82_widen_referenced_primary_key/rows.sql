INSERT INTO users (email, name) VALUES ('ann@example.com', 'Ann'), ('bob@example.com', 'Bob'), ('cy@example.com', NULL);
INSERT INTO posts (user_id, title) VALUES (1, 'hello'), (2, 'world'), (1, 'again');
