# SIGINT / SIGTERM during a long PostgreSQL statement: PQcancel stops it on the server, the
# revision is rolled back and the advisory lock released; no orphaned session keeps running.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"
source "$E2E_DIR/interrupt_cases.sh"

# A session name of our own: the lock check below counts only our sessions' advisory locks,
# not those of other tests running on the same server meanwhile.
export PGAPPNAME="migratecpp-e2e-interrupt-$$"
run init; expect_rc 0
use_fresh_pg interrupt
victim_sql() { pg_sql "$URL" "$1" | tail -n 1; }
SLOW_SQL="SELECT pg_sleep(60)"
run_interrupt_cases
# Nothing of ours left on the server: no pg_sleep running, no advisory lock held. A backend whose
# client has gone ends a moment later, so allow it up to 5 s to leave pg_stat_activity (a
# statement that was not cancelled would still be there after 60 s).
sleepers() { psql_run -c "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(60)%' AND pid <> pg_backend_pid()"; }
for _ in $(seq 1 50); do [ "$(sleepers)" = "0" ] && break; sleep 0.1; done
expect_eq "$(sleepers)" "0"
expect_eq "$(psql_run -c "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND a.application_name = '$PGAPPNAME'")" "0"
finish
