SELECT email, name FROM users ORDER BY email
SELECT id, title FROM projects ORDER BY id
