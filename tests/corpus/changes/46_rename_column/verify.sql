SELECT email FROM users ORDER BY email
