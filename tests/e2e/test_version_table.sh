# Version-table oddities are reported, not read as "no revision applied": a view in its place,
# rows where one is an ancestor of another. (PostgreSQL cases: test_version_table_postgresql.sh.)
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
write_rev 0001 r1 '""' "one" '
[[upgrade]]
op = "create_table"
table = "a"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "a"
'
write_rev 0002 r2 '"r1"' "two" ''

# A view where the version table should be: current and upgrade say so; nothing is created.
sqlite3 app.db "CREATE VIEW migratecpp_version AS SELECT 'r1' AS version_num"
run current; expect_rc 1
expect_err_has "the version table 'migratecpp_version' is a view, not a table"
run upgrade head; expect_rc 1
expect_err_has "is a view, not a table"
expect_not_anywhere "already applied"
expect_eq "$(sql app.db "select count(*) from sqlite_master where name = 'a'")" "0"
rm app.db

# The same for the history table beside it: upgrade, verify and log say so; nothing changes.
sqlite3 app.db "CREATE VIEW migratecpp_version_history AS SELECT 1 AS seq"
run upgrade head; expect_rc 1
expect_err_has "the history table 'migratecpp_version_history' is a view, not a table"
expect_eq "$(sql app.db "select count(*) from sqlite_master where name in ('a', 'migratecpp_version')")" "0"
run verify; expect_rc 1
expect_err_has "the history table 'migratecpp_version_history' is a view, not a table"
run log; expect_rc 1
expect_err_has "the history table 'migratecpp_version_history' is a view, not a table"
rm app.db

# SQLite names ignore letter case: a table in another case is the version table.
sqlite3 app.db "CREATE TABLE MIGRATECPP_VERSION (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"
run upgrade r1; expect_rc 0
run current; expect_out "r1"

# Two rows, one the ancestor of the other: current reports it, upgrade refuses, stamp --purge
# repairs.
run upgrade head; expect_rc 0
sqlite3 app.db "INSERT INTO migratecpp_version VALUES ('r1')"
run current; expect_rc 1
expect_err_has "holds both 'r1' and 'r2', but 'r1' is an ancestor of 'r2'"
run upgrade head; expect_rc 1
expect_err_has "is an ancestor of"
run stamp --purge r2; expect_rc 0
run current; expect_out "r2 (head)"
finish
