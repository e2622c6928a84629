-- MariaDB 10.11 has no VIEW_TABLE_USAGE (MySQL 8.0.13+ has it). Its VIEW_DEFINITION names every
-- relation fully qualified and backquoted (`db`.`name`), so a search of the stored text for
-- `db`.`other_view` finds the view-on-view edges (strings could hold the same text: tokenize, do not LIKE, in the implementation).
SELECT v.TABLE_NAME AS view_name, o.TABLE_NAME AS uses, o.TABLE_TYPE
FROM information_schema.VIEWS v
JOIN information_schema.TABLES o ON o.TABLE_SCHEMA = v.TABLE_SCHEMA AND o.TABLE_NAME <> v.TABLE_NAME
 AND INSTR(v.VIEW_DEFINITION, CONCAT('`', o.TABLE_SCHEMA, '`.`', o.TABLE_NAME, '`')) > 0
WHERE v.TABLE_SCHEMA = DATABASE() ORDER BY 1, 3, 2;
