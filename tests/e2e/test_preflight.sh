# Checks made before anything runs: a downgrade through a revision without downgrade ops is
# refused (it used to report success and leave the tables); an execute op with no SQL for the
# database is announced, not skipped without a word. Runs on the database MIGRATECPP_E2E_DB
# names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db preflight
# An execute op with SQL for another database only.
other=postgresql
db_is postgresql && other=mysql
write_rev 0001 r1 '""' "no way back" '
[[upgrade]]
op = "create_table"
table = "kept"
columns = [ { name = "id", type = "integer", primary_key = true } ]
'
write_rev 0002 r2 '"r1"' "$other only" "
[[upgrade]]
op = \"execute\"
sql = { $other = \"SELECT 1 FROM no_such_table\" }

[[downgrade]]
op = \"execute\"
sql = { $other = \"SELECT 1\" }
"
run upgrade head; expect_rc 0
expect_err_has "0002.toml:6: revision r2: upgrade op #1 (execute) has no SQL for $E2E_DB (it has: $other); it does nothing here"
run upgrade head --sql; expect_rc 0
expect_err_has "has no SQL for $E2E_DB"

# Down through r2 (announced) is fine; down through r1, which has no [[downgrade]], is refused
# before anything runs, naming the file.
run downgrade r1; expect_rc 0
expect_err_has "revision r2: downgrade op #1 (execute) has no SQL for $E2E_DB"
run downgrade base; expect_rc 1
expect_err_has "0001.toml: revision r1 has no [[downgrade]] ops, but its upgrade has 1"
# (Not "'migratecpp stamp'": the test servers' password is "migratecpp", and errors hide it.)
expect_err_has "stamp'"
run current; expect_out "r1"
expect_eq "$(db_tables | grep -cx kept)" "1"
run downgrade r2:base --sql; expect_rc 1
expect_err_has "revision r1 has no [[downgrade]] ops"

# A revision with nothing to undo (its upgrade is empty) is no reason to refuse.
db_reset
write_rev 0001 r1 '""' "empty" ''
run upgrade head; expect_rc 0
run downgrade base; expect_rc 0
run current; expect_out ""
finish
