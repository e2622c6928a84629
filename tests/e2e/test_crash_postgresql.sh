# SIGKILL at random points of `upgrade head` on PostgreSQL: see crash_cases.sh. The killed
# client's backend lives on until it notices the closed socket (after its running statement),
# then rolls back and releases the advisory lock. `current` is asked at once (it must not wait
# for the lock and must tell the committed truth); if the database then moves on by one
# revision (a COMMIT the client had sent), a second `current` must say so. No session or
# advisory lock of ours may be left a few seconds after the kill.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"
source "$E2E_DIR/crash_cases.sh"

run init; expect_rc 0
use_fresh_pg crash
SCHEMA="${URL##*search_path%3D}"
# A version table of its own: its advisory lock is not shared with other tests on the server.
VT="crash_version_$RANDOM$RANDOM"
sed -i "s|^version_table = .*|version_table = \"$VT\"|" migratecpp.toml
# The binary's sessions carry this application name (libpq reads PGAPPNAME), so the test can
# find them among the server's other clients (the timed run checks that it sees them); the
# test's own psql sessions are named otherwise.
export PGAPPNAME="migratecpp_crash_$RANDOM$RANDOM"
psql_run() { PGAPPNAME=crash_test_psql psql -X -q -v ON_ERROR_STOP=1 -At "$TEST_PG_URL" "$@"; }

# The test's queries go through one psql session kept open (a connection costs a noticeable
# part of a second on a loaded machine, and a round makes many queries). pq SQL runs SQL (which
# ends with a semicolon) and prints its rows; errors come out with them, so a check fails.
coproc PSQL { PGAPPNAME=crash_test_psql exec stdbuf -oL psql -X -q -At "$TEST_PG_URL" 2>&1; }
PQ_END="--end-of-query-$RANDOM$RANDOM--"
pq() {
  printf '%s\n\\echo %s\n' "$1" "$PQ_END" >&"${PSQL[1]}"
  local line
  while IFS= read -r line <&"${PSQL[0]}"; do
    [ "$line" = "$PQ_END" ] && return 0
    printf '%s\n' "$line"
  done
}
# pg_temp.q runs a query that returns one text value: the fingerprint reads row digests and the
# version and history rows with it in one round trip.
pq "SET client_min_messages = warning; SET search_path TO \"$SCHEMA\";
    CREATE FUNCTION pg_temp.q(sql text) RETURNS text LANGUAGE plpgsql AS \$\$
      DECLARE r text; BEGIN EXECUTE sql INTO r; RETURN coalesce(r, ''); END \$\$;"

CRASH_ACCOUNTS=20000
reset_db() { pq "DROP SCHEMA IF EXISTS \"$SCHEMA\" CASCADE; CREATE SCHEMA \"$SCHEMA\";"; }
db_q() { pq "$1;"; }

# Relations of the test's schema but the version and history tables.
OURS="n.nspname = '$SCHEMA' AND c.relname NOT LIKE '$VT%'"
FROM_OURS="FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
fingerprint() {
  db_q "SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
        $FROM_OURS
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        WHERE c.relkind IN ('r', 'p', 'v', 'm') AND $OURS
        UNION ALL
        SELECT 'relation ' || c.relname || ' ' || c.relkind::text $FROM_OURS WHERE $OURS
        UNION ALL
        SELECT 'index ' || c.relname || ': ' || pg_get_indexdef(c.oid)
               || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE $OURS
        UNION ALL
        SELECT 'constraint ' || c.relname || '.' || k.conname || ': ' || pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE $OURS
        UNION ALL
        SELECT 'trigger ' || t.tgname || ': ' || pg_get_triggerdef(t.oid)
               || CASE WHEN t.tgenabled = 'D' THEN ' DISABLED' ELSE '' END
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND $OURS
        UNION ALL
        SELECT 'function ' || p.proname || ': ' || md5(p.prosrc)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '$SCHEMA'
        UNION ALL
        SELECT 'rows ' || c.relname || ': ' || pg_temp.q(format(
                 'SELECT md5(string_agg(t::text, chr(10) ORDER BY t)) FROM %I t', c.relname))
        $FROM_OURS WHERE c.relkind = 'r' AND $OURS
        UNION ALL
        SELECT 'version:' || coalesce((SELECT pg_temp.q(format(
                 'SELECT string_agg(%L || version_num, %L ORDER BY version_num) FROM %I', ' ', '', c.relname))
               $FROM_OURS WHERE n.nspname = '$SCHEMA' AND c.relname = '$VT'), '')
        UNION ALL
        SELECT 'history:' || coalesce((SELECT pg_temp.q(format(
                 'SELECT string_agg(%L || revision || %L || direction, %L ORDER BY seq) FROM %I', ' ', '-', '', c.relname))
               $FROM_OURS WHERE n.nspname = '$SCHEMA' AND c.relname = '${VT}_history'), '')
        ORDER BY 1"
}
db_health() { :; } # invalid indexes show in the fingerprint; sessions and locks in after_kill

# learn_our_lock: while a run goes, find its session and the advisory lock it holds (OUR_LOCK:
# "classid, objid, objsubid").
learn_our_lock() {
  local i
  OUR_LOCK=""
  for i in $(seq 1 200); do
    OUR_LOCK="$(db_q "SELECT l.classid || ', ' || l.objid || ', ' || l.objsubid
        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = '$PGAPPNAME' LIMIT 1")"
    [ -n "$OUR_LOCK" ] && return 0
    sleep 0.02
  done
}
# The timed run is watched: the test must see our session and its lock, or it would look for
# leftovers it cannot recognise.
timed_run_watch() {
  learn_our_lock
  CHECKS=$((CHECKS + 1))
  [ -n "$OUR_LOCK" ] || fail "saw no advisory lock held by a session named $PGAPPNAME during the run"
}
# our_leftovers: "sessions|lock holders" of ours.
our_leftovers() {
  db_q "SELECT (SELECT count(*) FROM pg_stat_activity WHERE application_name = '$PGAPPNAME'),
               (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND (classid, objid, objsubid) = (${OUR_LOCK:-0, 0, 0}))"
}
CRASH_SETTLES=1
CRASH_MAX_SETTLE_MS=0
after_kill() {
  local t0 i left waited
  t0=$(now_ms)
  # A backend ends after its running statement; 10 s is far more than any statement here.
  for i in $(seq 1 100); do
    left="$(our_leftovers)"
    [ "$left" = "0|0" ] && break
    sleep 0.1
  done
  waited=$(($(now_ms) - t0))
  [ "$waited" -gt "$CRASH_MAX_SETTLE_MS" ] && CRASH_MAX_SETTLE_MS=$waited
  expect_eq "sessions|locks of ours after ${waited} ms: $left" "sessions|locks of ours after ${waited} ms: 0|0"
}

INSERT_ACCOUNTS='"INSERT INTO accounts (id, name, balance) SELECT x, '"'"'acct '"'"' || x, x % 100 FROM generate_series(501, '$CRASH_ACCOUNTS') AS x"'
INSERT_ENTRIES='"INSERT INTO entries (id, account_id, amount) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < '$((2 * CRASH_ACCOUNTS))') SELECT x, (x + 1) / 2, x % 7 FROM c"'
TRIGGER_UP='[[upgrade]]
op = "execute"
sql = "CREATE FUNCTION audit_balance() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (account_id, old_balance, new_balance) VALUES (OLD.id, OLD.balance, NEW.balance); RETURN NEW; END $$"

[[upgrade]]
op = "execute"
sql = "CREATE TRIGGER trg_accounts_audit AFTER UPDATE OF balance ON accounts FOR EACH ROW EXECUTE FUNCTION audit_balance()"'
TRIGGER_DOWN='[[downgrade]]
op = "execute"
sql = "DROP TRIGGER trg_accounts_audit ON accounts"

[[downgrade]]
op = "execute"
sql = "DROP FUNCTION audit_balance()"'
run_crash_cases
echo "longest wait for a killed run to leave the server: ${CRASH_MAX_SETTLE_MS} ms"
finish
