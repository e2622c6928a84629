-- Views that call stored functions of the schema: the stored text writes the call `fn`( (unqualified
-- when it is the view's own database) or `db`.`fn`(.
SELECT v.TABLE_NAME AS view_name, r.ROUTINE_NAME AS calls
FROM information_schema.VIEWS v JOIN information_schema.ROUTINES r ON r.ROUTINE_SCHEMA = v.TABLE_SCHEMA AND r.ROUTINE_TYPE = 'FUNCTION'
 AND (INSTR(v.VIEW_DEFINITION, CONCAT('`', r.ROUTINE_SCHEMA, '`.`', r.ROUTINE_NAME, '`(')) > 0
      OR INSTR(v.VIEW_DEFINITION, CONCAT(',`', r.ROUTINE_NAME, '`(')) > 0 OR INSTR(v.VIEW_DEFINITION, CONCAT(' `', r.ROUTINE_NAME, '`(')) > 0
      OR INSTR(v.VIEW_DEFINITION, CONCAT('(`', r.ROUTINE_NAME, '`(')) > 0)
WHERE v.TABLE_SCHEMA = DATABASE() ORDER BY 1, 2;
