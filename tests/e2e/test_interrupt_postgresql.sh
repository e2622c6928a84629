# SIGINT / SIGTERM during a long PostgreSQL statement: PQcancel stops it on the server, the
# revision is rolled back and the advisory lock released; no orphaned session keeps running.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"
source "$E2E_DIR/interrupt_cases.sh"

run init; expect_rc 0
use_fresh_pg interrupt
victim_sql() { pg_sql "$URL" "$1" | tail -n 1; }
SLOW_SQL="SELECT pg_sleep(60)"
run_interrupt_cases
# Nothing of ours left on the server: no pg_sleep running, no advisory lock held.
expect_eq "$(psql_run -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%' AND pid <> pg_backend_pid()")" "0"
expect_eq "$(psql_run -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")" "0"
finish
