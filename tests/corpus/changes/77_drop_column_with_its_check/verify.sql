SELECT id, qty FROM stock ORDER BY id
