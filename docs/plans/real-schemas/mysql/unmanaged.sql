-- What stays unmanaged on MariaDB: events, partitioning, system-versioned tables, sequences (until modelled).
SELECT 'event' AS kind, EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
UNION ALL SELECT DISTINCT 'partitioned table', CONCAT(TABLE_NAME, ' ', PARTITION_METHOD) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL
UNION ALL SELECT 'system-versioned table', TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SYSTEM VERSIONED'
UNION ALL SELECT 'sequence', TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE';
