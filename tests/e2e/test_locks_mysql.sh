# The migration lock on MySQL/MariaDB (GET_LOCK; the holder from IS_USED_LOCK and the process
# list): see lock_cases.sh. Without transactional DDL the lock is all that keeps two deploys
# from running a revision twice.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"
source "$E2E_DIR/lock_cases.sh"

run init; expect_rc 0
victim_sql() { my_sql "$URL" "$1" | tail -n 1; }
fresh_database() {
  URL="$(fresh_my_url locks)"
  sed -i "s|^url = .*|url = \"$URL\"|" migratecpp.toml
}
# The process list names the holder's connection, user and client; MariaDB keeps no program
# name without performance_schema.
holder_text() { echo "held by connection "; }
SLOW_SQL="SELECT SLEEP(5)"
run_lock_cases
finish
