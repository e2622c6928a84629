# Checks made before anything runs: a downgrade through a revision without downgrade ops is
# refused (it used to report success and leave the tables); an execute op with no SQL for the
# database is announced, not skipped without a word.
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
write_rev 0001 r1 '""' "no way back" '
[[upgrade]]
op = "create_table"
table = "kept"
columns = [ { name = "id", type = "integer", primary_key = true } ]
'
write_rev 0002 r2 '"r1"' "postgres only" '
[[upgrade]]
op = "execute"
sql = { postgresql = "CREATE EXTENSION IF NOT EXISTS pgcrypto" }

[[downgrade]]
op = "execute"
sql = { postgresql = "SELECT 1" }
'
run upgrade head; expect_rc 0
expect_err_has "0002.toml:6: revision r2: upgrade op #1 (execute) has no SQL for sqlite (it has: postgresql); it does nothing here"
run upgrade head --sql; expect_rc 0
expect_err_has "has no SQL for sqlite"

# Down through r2 (announced) is fine; down through r1, which has no [[downgrade]], is refused
# before anything runs, naming the file.
run downgrade r1; expect_rc 0
expect_err_has "revision r2: downgrade op #1 (execute) has no SQL for sqlite"
run downgrade base; expect_rc 1
expect_err_has "0001.toml: revision r1 has no [[downgrade]] ops, but its upgrade has 1"
expect_err_has "'migratecpp stamp'"
run current; expect_out "r1"
expect_eq "$(sql app.db "select count(*) from sqlite_master where name = 'kept'")" "1"
run downgrade r2:base --sql; expect_rc 1
expect_err_has "revision r1 has no [[downgrade]] ops"

# A revision with nothing to undo (its upgrade is empty) is no reason to refuse.
rm app.db
write_rev 0001 r1 '""' "empty" ''
run upgrade head; expect_rc 0
run downgrade base; expect_rc 0
run current; expect_out ""
finish
