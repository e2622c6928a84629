SELECT id, queue, note FROM jobs ORDER BY id
