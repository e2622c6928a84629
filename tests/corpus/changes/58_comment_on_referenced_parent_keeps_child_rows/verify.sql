SELECT email, name FROM users ORDER BY email
SELECT user_id, title FROM posts ORDER BY title
