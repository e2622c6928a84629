# Checksums and the applied history: the history table beside the version table, `verify`
# (exit codes, --accept, a vanished file), upgrade/downgrade refusing an edited applied
# revision (naming the file, database untouched), a database migrated before the history
# table existed, `log`, and --sql scripts writing history rows.
# Runs on the database MIGRATECPP_E2E_DB names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"
URL="$(fresh_db_url history)"
OFFLINE_URL="$(fresh_db_url history_sql)"
DB_URL="$URL"
q_offline() { q_at "$OFFLINE_URL" "$1"; }
run_script() { run_sql_script "$OFFLINE_URL" "$1"; }
export MIGRATECPP_URL="$URL"
H=migratecpp_version_history

run init; expect_rc 0
write_rev 0001 r1 '""' "users" '
[[upgrade]]
op = "create_table"
table = "users"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "varchar(100)" },
]

[[downgrade]]
op = "drop_table"
table = "users"
'
write_rev 0002 r2 '"r1"' "add name" '
[[upgrade]]
op = "add_column"
table = "users"
column = { name = "name", type = "varchar(50)" }

[[downgrade]]
op = "drop_column"
table = "users"
column = "name"
'

# --- upgrade writes one history row per revision, in order ---------------------------------
run upgrade head; expect_rc 0
expect_eq "$(q "select seq, revision, direction from $H order by seq" | tr '\n' ' ')" \
  "1|r1|upgrade 2|r2|upgrade "
expect_eq "$(q "select count(*) from $H where length(checksum) = 64 and duration_ms >= 0 and migratecpp_version <> ''")" "2"
[[ "$(q "select started_at from $H where seq = 1")" =~ ^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}Z$ ]] \
  || fail "started_at is not ISO-8601 UTC: $(q "select started_at from $H where seq = 1")"

# The history table is migratecpp's own: not in inspect, not drift for check.
run inspect; expect_rc 0; expect_not_anywhere "$H"
run check; expect_rc 1; expect_not_anywhere "_history"

run log; expect_rc 0
expect_eq "$(head -n 1 <<<"$OUT" | awk '{print $1, $3, $4}')" "2 upgrade r2"
expect_eq "$(wc -l <<<"$OUT")" "2"
run log -n 1; expect_rc 0; expect_eq "$(wc -l <<<"$OUT")" "1"
run history; expect_rc 0; expect_not_anywhere "upgrade" # history is still the revision graph

run verify; expect_rc 0; expect_err_has "OK: 2 applied revision(s) match"; expect_out ""

# --- comments, whitespace, key order and the header do not count ---------------------------
cat >migrations/versions/0001.toml <<'TOML'
# a comment
revision = "r1"
down_revision = ""
message = "users, reworded"
create_date = 2026-11-24T08:00:00Z

[[upgrade]]
table="users"     # the table
op =    "create_table"
columns = [ { type = "integer", name = "id", primary_key = true }, { name = 'email', type = "varchar(100)" } ]

# the way back
[[downgrade]]
table = "users"
op = "drop_table"
TOML
run verify; expect_rc 0

# --- an op change: verify lists it, upgrade and downgrade refuse, naming the file ----------
write_rev 0003 r3 '"r2"' "add age" '
[[upgrade]]
op = "add_column"
table = "users"
column = { name = "age", type = "integer" }

[[downgrade]]
op = "drop_column"
table = "users"
column = "age"
'
sed -i 's/varchar(100)/varchar(200)/' migrations/versions/0001.toml
run verify; expect_rc 1
expect_out_has "0001.toml (revision r1): its ops changed since it was applied"
expect_err_has "verify --accept r1"
rows_before="$(q "select count(*) from $H")"
run upgrade head; expect_rc 1
expect_err_has "0001.toml (revision r1): its ops changed since it was applied"
expect_err_has "nothing was run"
expect_eq "$(q "select version_num from migratecpp_version")" "r2"
expect_eq "$(q "select count(*) from $H")" "$rows_before"
run downgrade base; expect_rc 1; expect_err_has "0001.toml"
expect_eq "$(q "select version_num from migratecpp_version")" "r2"
expect_eq "$(q "select count(*) from users")" "0"
expect_eq "$(q "select count(*) from $H")" "$rows_before"

# --- verify --accept records the deliberate edit ------------------------------------------
run verify --accept r9; expect_rc 1; expect_err_has "r9"
run verify --accept r3; expect_rc 1; expect_err_has "not applied"
run verify --accept r1; expect_rc 0; expect_err_has "accepted:"
expect_eq "$(q "select revision, direction from $H order by seq desc limit 1")" "r1|accept"
run upgrade head; expect_rc 0
expect_eq "$(q "select version_num from migratecpp_version")" "r3"
run verify; expect_rc 0; expect_err_has "OK: 3 applied"

# --- a failing revision writes no history row ---------------------------------------------
write_rev 0004 r4 '"r3"' "breaks" '
[[upgrade]]
op = "add_column"
table = "users"
column = { name = "nick", type = "varchar(20)" }

[[upgrade]]
op = "create_index"
table = "nowhere"
name = "ix_nowhere"
columns = ["x"]
'
rows_before="$(q "select count(*) from $H")"
run upgrade head; expect_rc 1
expect_eq "$(q "select count(*) from $H")" "$rows_before"
expect_eq "$(q "select version_num from migratecpp_version")" "r3"
rm migrations/versions/0004.toml

# --- a vanished file ------------------------------------------------------------------------
# r2's file deleted and r3 re-pointed at r1: the database still has r2 applied.
mv migrations/versions/0002.toml "$WORK/0002.saved"
sed -i 's/^down_revision = "r2"/down_revision = "r1"/' migrations/versions/0003.toml
run verify; expect_rc 1; expect_out_has "revision r2: its file is gone"
run upgrade head; expect_rc 1; expect_err_has "revision r2: its file is gone"
run verify --accept r2; expect_rc 0
expect_eq "$(q "select revision, direction from $H order by seq desc limit 1")" "r2|forget"
mv "$WORK/0002.saved" migrations/versions/0002.toml
sed -i 's/^down_revision = "r1"/down_revision = "r2"/' migrations/versions/0003.toml
# The head's file gone: verify names it too.
mv migrations/versions/0003.toml "$WORK/0003.saved"
run verify; expect_rc 1; expect_out_has "revision r3: its file is gone"
mv "$WORK/0003.saved" migrations/versions/0003.toml

# --- downgrade and stamp write rows too ---------------------------------------------------
run downgrade -1; expect_rc 0
expect_eq "$(q "select revision, direction from $H order by seq desc limit 1")" "r3|downgrade"
run stamp r3; expect_rc 0
expect_eq "$(q "select revision, direction from $H order by seq desc limit 1")" "r3|stamp"
run verify; expect_rc 0

# --- a database migrated before the history table existed ---------------------------------
q "DROP TABLE $H" >/dev/null
run verify; expect_rc 0; expect_err_has "no recorded checksum yet"
run log; expect_rc 0; expect_out ""
run upgrade head; expect_rc 0
expect_err_has "note: recorded the checksums of 3 applied revision(s)"
expect_eq "$(q "select revision, direction from $H order by seq" | tr '\n' ' ')" \
  "r1|baseline r2|baseline r3|baseline "
run verify; expect_rc 0; expect_err_has "OK: 3 applied"
sed -i 's/"age"/"years"/' migrations/versions/0003.toml
run upgrade head; expect_rc 1; expect_err_has "0003.toml (revision r3)"
sed -i 's/"years"/"age"/' migrations/versions/0003.toml

# --- --sql scripts create the table and write the rows ------------------------------------
run upgrade head --sql; expect_rc 0
echo "$OUT" >"$WORK/up.sql"
expect_out_has "CREATE TABLE IF NOT EXISTS"
expect_out_has "$H"
expect_eq "$(grep -c "INSERT INTO .*$H" "$WORK/up.sql")" "3"
run_script "$WORK/up.sql" || fail "the --sql script failed"
expect_eq "$(q_offline "select revision, direction from $H order by seq" | tr '\n' ' ')" \
  "r1|upgrade r2|upgrade r3|upgrade "
[[ "$(q_offline "select started_at from $H where seq = 1")" =~ ^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}Z$ ]] \
  || fail "offline started_at is not ISO-8601 UTC: $(q_offline "select started_at from $H where seq = 1")"
run verify --url "$OFFLINE_URL"; expect_rc 0; expect_err_has "OK: 3 applied"
run downgrade r3:r1 --sql; expect_rc 0
echo "$OUT" >"$WORK/down.sql"
run_script "$WORK/down.sql" || fail "the downgrade --sql script failed"
expect_eq "$(q_offline "select revision, direction from $H order by seq desc limit 2" | tr '\n' ' ')" \
  "r2|downgrade r3|downgrade "
run verify --url "$OFFLINE_URL"; expect_rc 0; expect_err_has "OK: 1 applied"


# --- a first upgrade that fails leaves the database as it was -------------------------------
# Where DDL is transactional, the version and history tables are made in the first revision's
# transaction (as Alembic makes them) and go with its rollback: no table is left behind. Undone
# op by op (MySQL, the compensating switch), they are made on their own first and stay, empty.
FIRST_URL="$(fresh_db_url history_first)"
mkdir "$WORK/first" && cd "$WORK/first" || exit 1
run init; expect_rc 0
write_rev 0001 f1 '""' "fails halfway" '
[[upgrade]]
op = "create_table"
table = "made_then_undone"
columns = [{ name = "id", type = "integer", primary_key = true }]

[[upgrade]]
op = "execute"
sql = "INSERT INTO no_such_table VALUES (1)"
'
for mode in per-revision one-transaction; do
  if [ "$mode" = one-transaction ]; then
    sed -i 's/^transaction_per_migration = .*/transaction_per_migration = false/' migratecpp.toml
    grep -q '^transaction_per_migration = false' migratecpp.toml ||
      fail "the config init wrote has no transaction_per_migration line to set"
  fi
  run upgrade head --url "$FIRST_URL"; expect_rc 1
  expect_taken_back base
  DB_URL="$FIRST_URL"
  if [ "$COMPENSATING" = 1 ]; then
    expect_eq "$(db_tables | LC_ALL=C sort | tr '\n' ' ')" "migratecpp_version $H "
    expect_eq "$(q "select count(*) from $H")" "0"
  else
    db_is_empty || fail "$mode: a failed first upgrade left tables: $(db_tables | tr '\n' ' ')"
  fi
  run current --url "$FIRST_URL"; expect_rc 0; expect_out ""
done
# The same revision mended: both tables come with it.
sed -i 's/INSERT INTO no_such_table VALUES (1)/INSERT INTO made_then_undone VALUES (1)/' \
  migrations/versions/0001.toml
run upgrade head --url "$FIRST_URL"; expect_rc 0
expect_eq "$(db_tables | LC_ALL=C sort | tr '\n' ' ')" "made_then_undone migratecpp_version $H "
expect_eq "$(q "select revision, direction from $H" | tr '\n' ' ')" "f1|upgrade "
run current --url "$FIRST_URL"; expect_rc 0; expect_out_has "f1 (head)"

finish
