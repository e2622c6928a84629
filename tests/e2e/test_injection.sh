# A default, check, type or index expression is one SQL fragment: text that would close its
# statement and run another is refused where it is read (file:line, exit 1), and nothing runs.
# Only `execute` ops run free-form SQL. Runs on the database MIGRATECPP_E2E_DB names
# (db_lib.sh), SQLite and MySQL in the suite: test_injection_postgresql.sh runs the same cases
# on PostgreSQL, and more.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/injection_cases.sh"

run init; expect_rc 0
use_db injection
victim_sql() { q "$1" | tail -n 1; }
run_injection_cases
finish
