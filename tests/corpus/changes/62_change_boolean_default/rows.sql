INSERT INTO flags (name) VALUES ('dark_mode'), ('beta');
