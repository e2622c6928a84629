-- MariaDB sequences (10.3+): TABLE_TYPE = 'SEQUENCE' in TABLES; 10.11 has no information_schema.SEQUENCES
-- (11.5+), so the options are read per sequence: SELECT * FROM seq (one row) or SHOW CREATE SEQUENCE.
SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE' ORDER BY TABLE_NAME;
