# The migration lock on PostgreSQL (an advisory lock; the holder found in pg_locks and
# pg_stat_activity): see lock_cases.sh.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"
source "$E2E_DIR/lock_cases.sh"

run init; expect_rc 0
victim_sql() { pg_sql "$URL" "$1" | tail -n 1; }
fresh_database() { use_fresh_pg locks; }
holder_text() { echo "application 'migratecpp (pid $1 on "; }
SLOW_SQL="SELECT pg_sleep(5)"
run_lock_cases
finish
