SELECT id, name FROM orgs ORDER BY id
SELECT id, org_id, login FROM members ORDER BY id
