SELECT id, name FROM orgs ORDER BY id
SELECT id, login FROM members ORDER BY id
