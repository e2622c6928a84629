SELECT id, parent_id, name FROM folders ORDER BY id
