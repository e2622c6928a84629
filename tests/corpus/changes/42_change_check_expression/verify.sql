SELECT id, qty, max_qty FROM stock ORDER BY id
