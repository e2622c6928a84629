SELECT count(*) FROM users WHERE deleted_at IS NULL ORDER BY 1
SELECT email, name FROM users ORDER BY email
