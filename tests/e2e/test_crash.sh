# SIGKILL at random points of `upgrade head` on SQLite: see crash_cases.sh. After a kill the
# rollback journal is usually hot; `current` is the first to open the database and must tell
# the truth, and the next `upgrade head` must finish.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/crash_cases.sh"

run init; expect_rc 0
DB="$WORK/app.db"
CRASH_HOT_JOURNAL="$DB-journal"
CRASH_ACCOUNTS=60000
reset_db() { rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"; }
db_q() { sqlite3 "$DB" "$1"; }
fingerprint() {
  db_q "SELECT type, name, tbl_name, sql FROM sqlite_master
        WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT LIKE 'migratecpp_version%'
        ORDER BY type, name"
  local t version="" history=""
  for t in $(db_q "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
    case "$t" in
      migratecpp_version)
        version="$(db_q "SELECT ' ' || version_num FROM $t ORDER BY 1" | tr -d '\n')" ;;
      migratecpp_version_history)
        history="$(db_q "SELECT ' ' || revision || '-' || direction FROM $t ORDER BY seq" | tr -d '\n')" ;;
      # Each user table has three columns or more, the first unique or the three together.
      *) echo "rows $t: $(db_q "SELECT * FROM \"$t\" ORDER BY 1, 2, 3" | md5sum | cut -d' ' -f1)" ;;
    esac
  done
  echo "version:$version"
  echo "history:$history"
}
db_health() {
  expect_eq "integrity_check: $(db_q "PRAGMA integrity_check")" "integrity_check: ok"
  expect_eq "foreign_key_check: $(db_q "PRAGMA foreign_key_check")" "foreign_key_check: "
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
finish
