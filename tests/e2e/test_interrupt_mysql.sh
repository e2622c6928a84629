# SIGINT / SIGTERM during a long MySQL statement: KILL QUERY over a second connection stops it
# on the server, the revision is undone op by op (no transactional DDL); no session of ours
# keeps running the statement.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"
source "$E2E_DIR/interrupt_cases.sh"

run init; expect_rc 0
URL="$(fresh_my_url interrupt)"
sed -i "s|^url = .*|url = \"$URL\"|" migratecpp.toml
COMPENSATING=1
victim_sql() { my_sql "$URL" "$1" | tail -n 1; }
SLOW_SQL="SELECT SLEEP(60)"
run_interrupt_cases
expect_eq "$(my_sql "$URL" "SHOW COLUMNS FROM t LIKE 'added'")" ""
sleepers() { my_client -e "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(60)%'"; }
for _ in $(seq 1 50); do [ "$(sleepers)" = "0" ] && break; sleep 0.1; done
expect_eq "$(sleepers)" "0"
finish
