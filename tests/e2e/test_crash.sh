# SIGKILL at random points of `upgrade head` on SQLite: see crash_cases.sh. After a kill the
# rollback journal is usually hot; `current` is the first to open the database and must tell
# the truth, and the next `upgrade head` must finish.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/crash_cases.sh"

run init; expect_rc 0
DB="$WORK/app.db"
CRASH_HOT_JOURNAL="$DB-journal"
CRASH_ACCOUNTS=40000
reset_db() { rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"; }
db_q() { sqlite3 "$DB" "$1"; }
# Two sqlite3 runs: the schema and a digest of each user table's rows (sha3_query, the sqlite3
# shell's, hashes a query's result), then the version and history rows if the tables exist.
V=migratecpp_version
fingerprint() {
  local out
  out="$(db_q "SELECT type, name, tbl_name, sql FROM sqlite_master
               WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT LIKE '${V}%' ORDER BY type, name;
               SELECT 'rows ' || name || ': ' || hex(sha3_query('SELECT * FROM \"' || name || '\" ORDER BY 1, 2, 3'))
               FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND name NOT LIKE '${V}%' ORDER BY name;
               SELECT '@' || name FROM sqlite_master WHERE type = 'table' AND name IN ('$V', '${V}_history')")"
  printf '%s' "$out" | grep -v '^@'
  local q=""
  grep -qx "@$V" <<<"$out" && q+="SELECT 'version:' || coalesce(group_concat(' ' || version_num, ''), '') FROM (SELECT version_num FROM $V ORDER BY 1);"
  grep -qx "@${V}_history" <<<"$out" && q+="SELECT 'history:' || coalesce(group_concat(' ' || revision || '-' || direction, ''), '') FROM (SELECT * FROM ${V}_history ORDER BY seq);"
  [ -n "$q" ] && out="$(db_q "$q")" || out=""
  grep '^version:' <<<"$out" || echo "version:"
  grep '^history:' <<<"$out" || echo "history:"
}
db_health() {
  expect_eq "integrity_check, foreign_key_check: $(db_q "PRAGMA integrity_check; PRAGMA foreign_key_check" | paste -sd ' ')" \
    "integrity_check, foreign_key_check: ok"
}
after_kill() { :; }
INSERT_ACCOUNTS='"INSERT INTO accounts (id, name, balance) WITH RECURSIVE c(x) AS (SELECT 501 UNION ALL SELECT x + 1 FROM c WHERE x < '$CRASH_ACCOUNTS') SELECT x, '"'"'acct '"'"' || x, x % 100 FROM c"'
INSERT_ENTRIES='"INSERT INTO entries (id, account_id, amount) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < '$((2 * CRASH_ACCOUNTS))') SELECT x, (x + 1) / 2, x % 7 FROM c"'
TRIGGER_UP='[[upgrade]]
op = "execute"
sql = "CREATE TRIGGER trg_accounts_audit AFTER UPDATE OF balance ON accounts BEGIN INSERT INTO audit (account_id, old_balance, new_balance) VALUES (old.id, old.balance, new.balance); END"'
TRIGGER_DOWN='[[downgrade]]
op = "execute"
sql = "DROP TRIGGER trg_accounts_audit"'
run_crash_cases

# --- a kill at a fixed point: the hot journal and read-only opens ---------------------------
# f2 updates every row, more pages than SQLite's page cache holds, so that changed pages reach
# the file (the journal keeps their old content and gets its header, which makes it hot), and
# then runs a statement that takes minutes; the kill lands once the journal is hot. A read-only open cannot roll the journal back: it
# must say so, naming the journal (not "attempt to write a readonly database"), and
# immutable=1, which would read past the journal into half a transaction, is refused. The
# first read-write open rolls it back, and `current` tells the truth.
mkdir "$WORK/fixed" && cd "$WORK/fixed" || exit 1
run init; expect_rc 0
write_rev 0001 f1 '""' "items" '
[[upgrade]]
op = "create_table"
table = "items"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "n", type = "integer" },
  { name = "pad", type = "text" },
]

[[upgrade]]
op = "execute"
sql = "INSERT INTO items WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) SELECT x, 0, printf('"'"'%0300d'"'"', x) FROM c"

[[downgrade]]
op = "drop_table"
table = "items"
'
write_rev 0002 f2 '"f1"' "slow" '
[[upgrade]]
op = "execute"
sql = "UPDATE items SET n = n + 1"

[[upgrade]]
op = "execute"
sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT count(*) FROM c"

[[downgrade]]
op = "execute"
sql = "UPDATE items SET n = n - 1"
'
run upgrade f1; expect_rc 0
"$BIN" upgrade head >"$WORK/.out" 2>"$WORK/.err" </dev/null &
pid=$!
# Kill once the journal is hot: its header written, the first changed pages in the file.
journal_magic() { head -c 8 app.db-journal 2>/dev/null | od -An -tx1 | tr -d ' \n'; }
for _ in $(seq 1 300); do
  [ "$(journal_magic)" = d9d505f920a163d7 ] && break
  sleep 0.1
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
expect_eq "journal header: $(journal_magic)" "journal header: d9d505f920a163d7"
run --url "sqlite:///app.db?mode=ro" current; expect_rc 1
expect_err_has "app.db-journal' holds the rollback of a write whose process died"
expect_err_has "Open the database read-write once"
run --url "sqlite:///app.db?immutable=1" current; expect_rc 1
expect_err_has "immutable=1, but 'app.db-journal' holds the rollback"
expect_eq "journal still there: $(journal_magic)" "journal still there: d9d505f920a163d7"
run current; expect_rc 0; expect_out "f1"
[ -s app.db-journal ] && fail "the read-write open left the journal"
expect_eq "$(sql app.db "SELECT count(*), sum(n) FROM items")" "20000|0"
run --url "sqlite:///app.db?mode=ro" current; expect_rc 0; expect_out "f1"
run --url "sqlite:///app.db?immutable=1" current; expect_rc 0; expect_out "f1"
finish
