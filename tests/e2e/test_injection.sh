# A default, check, type or index expression is one SQL fragment: text that would close its
# statement and run another is refused where it is read (file:line, exit 1), and nothing runs.
# Only `execute` ops run free-form SQL. (SQLite; test_injection_postgresql.sh runs the same
# cases on PostgreSQL.)
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/injection_cases.sh"

run init; expect_rc 0
victim_sql() { sql app.db "$1"; }
run_injection_cases
finish
