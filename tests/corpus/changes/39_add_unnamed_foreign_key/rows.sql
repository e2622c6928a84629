INSERT INTO orgs (id, name) VALUES (1, 'Acme'), (2, 'Globex');
INSERT INTO members (id, org_id, login) VALUES (1, 1, 'ann'), (2, 2, 'bob'), (3, NULL, 'cy');
