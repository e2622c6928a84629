INSERT INTO members (id, org_id, login) VALUES (1, NULL, 'ann'), (2, NULL, 'bob');
