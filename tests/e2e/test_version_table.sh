# Version-table oddities are reported, not read as "no revision applied": a view in its place,
# rows where one is an ancestor of another. Runs on the database MIGRATECPP_E2E_DB names
# (db_lib.sh); more PostgreSQL cases: test_version_table_postgresql.sh.
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db vtable
# Not "migratecpp_version": the test servers' password is "migratecpp", and errors hide it.
sed -i 's/^version_table = .*/version_table = "app_version"/' migratecpp.toml
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
q "CREATE VIEW app_version AS SELECT 'r1' AS version_num"
run current; expect_rc 1
expect_err_has "the version table 'app_version' is a view, not a table"
run upgrade head; expect_rc 1
expect_err_has "is a view, not a table"
expect_not_anywhere "already applied"
expect_eq "$(db_tables)" "app_version"
db_reset

# The same for the history table beside it: upgrade, verify and log say so; nothing changes.
q "CREATE VIEW app_version_history AS SELECT 1 AS seq"
run upgrade head; expect_rc 1
expect_err_has "the history table 'app_version_history' is a view, not a table"
expect_eq "$(db_tables)" "app_version_history"
run verify; expect_rc 1
expect_err_has "the history table 'app_version_history' is a view, not a table"
run log; expect_rc 1
expect_err_has "the history table 'app_version_history' is a view, not a table"
db_reset

# SQLite names ignore letter case: a table in another case is the version table.
if db_is sqlite; then
  q "CREATE TABLE APP_VERSION (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"
fi
run upgrade r1; expect_rc 0
run current; expect_out "r1"

# Two rows, one the ancestor of the other: current reports it, upgrade refuses, stamp --purge
# repairs.
run upgrade head; expect_rc 0
q "INSERT INTO app_version VALUES ('r1')"
run current; expect_rc 1
expect_err_has "holds both 'r1' and 'r2', but 'r1' is an ancestor of 'r2'"
run upgrade head; expect_rc 1
expect_err_has "is an ancestor of"
run stamp --purge r2; expect_rc 0
run current; expect_out "r2 (head)"
finish
