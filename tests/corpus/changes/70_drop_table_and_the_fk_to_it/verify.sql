SELECT id, org_id, login FROM members ORDER BY id
