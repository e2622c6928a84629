INSERT INTO folders (id, parent_id, name) VALUES (1, NULL, 'root'), (2, 1, 'docs'), (3, 2, 'drafts');
