# SIGINT / SIGTERM during a long SQLite statement (sqlite3_interrupt): see interrupt_cases.sh.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/interrupt_cases.sh"

run init; expect_rc 0
victim_sql() { sql app.db "$1"; }
SLOW_SQL="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT count(*) FROM c"
run_interrupt_cases
finish
