-- Views: VIEW_DEFINITION is the server's stored, normalized text (fully qualified, backquoted
-- `db`.`t`.`c`, keywords lowercased); CHECK_OPTION, SECURITY_TYPE, ALGORITHM (MariaDB only), DEFINER.
SELECT TABLE_NAME, CHECK_OPTION, IS_UPDATABLE, SECURITY_TYPE, ALGORITHM, DEFINER,
       LEFT(VIEW_DEFINITION, 160) AS definition_head, MD5(VIEW_DEFINITION) AS definition_md5
FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME;
