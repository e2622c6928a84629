-- Triggers: user triggers only (not FK/internal ones), the parent's only on partitions (tgparentid, PG13+).
SELECT c.relname AS table_name, t.tgname AS name,
       pg_get_triggerdef(t.oid, true) AS definition,
       p.proname AS function, t.tgenabled AS enabled,   -- O origin, D disabled, R replica, A always
       (t.tgconstraint <> 0) AS is_constraint_trigger
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc p ON p.oid = t.tgfoid
WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgparentid = 0
ORDER BY c.relname, t.tgname;
