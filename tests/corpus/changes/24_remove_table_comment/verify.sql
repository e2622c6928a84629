SELECT email, name FROM users ORDER BY email
