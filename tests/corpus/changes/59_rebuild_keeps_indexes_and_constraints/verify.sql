SELECT email, name FROM users ORDER BY email
SELECT id, serial, owner_id, model, watts FROM devices ORDER BY id
