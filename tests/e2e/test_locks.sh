# The migration lock on SQLite (a lock file beside the database): see lock_cases.sh.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/lock_cases.sh"

run init; expect_rc 0
victim_sql() { sql app.db "$1"; }
fresh_database() { rm -f app.db app.db-journal; }
holder_text() { echo "held by pid $1 on "; }
SLOW_SQL="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 25000000) SELECT count(*) FROM c"
run upgrade head --lock-timeout soon
expect_rc 2
expect_err_has "--lock-timeout expects a number of seconds between 0 and 604800, got 'soon'"
run upgrade head --lock-timeout -1
expect_rc 2
run_lock_cases
finish
