# One rebuild per SQLite table per revision (issue 13): a revision whose consecutive ops each
# rebuild one table copies its rows once, online and in an `upgrade --sql` script, and ends
# exactly as the same ops in revisions of their own (one rebuild each) end: the same
# sqlite_master, the same rows, the trigger and the index kept. A failure inside the group takes
# it all back (also under the compensating strategy: MIGRATECPP_TEST_NO_TRANSACTIONAL_DDL=1).
source "$(dirname "$0")/lib.sh" "$@"

R1='
[[upgrade]]
op = "create_table"
table = "items"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "name", type = "text" },
  { name = "qty", type = "integer" },
]
checks = [ { name = "ck_qty", expression = "qty >= 0" } ]
indexes = [ { name = "ix_items_name", columns = ["name"] } ]

[[upgrade]]
op = "create_table"
table = "log"
columns = [ { name = "what", type = "text" } ]

[[upgrade]]
op = "execute"
sql = "CREATE TRIGGER trg_items_log AFTER INSERT ON items BEGIN INSERT INTO log VALUES (NEW.name); END"
'
OP1='
[[upgrade]]
op = "drop_constraint"
table = "items"
name = "ck_qty"
type = "check"
expression = "qty >= 0"
'
OP2='
[[upgrade]]
op = "create_check"
table = "items"
name = "ck_qty_pos"
expression = "qty > QTY_MIN"
'
OP3='
[[upgrade]]
op = "alter_column"
table = "items"
column = "name"
nullable = false
existing_nullable = true
'

# project DIR: a fresh project in DIR at r1 with three rows.
project() {
  mkdir -p "$1" && cd "$1" || return
  run init; expect_rc 0
  write_rev 0001 r1 '""' "items" "$R1"
  run upgrade r1; expect_rc 0
  sql app.db "INSERT INTO items VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3)"
  cd "$WORK" || return
}
# dump DB: the schema as SQLite stores it and every row.
dump() {
  sql "$1" "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'migratecpp_%' ORDER BY name"
  sql "$1" "SELECT * FROM items ORDER BY id"
  sql "$1" "SELECT * FROM log"
}
copies() { grep -c '^INSERT INTO "_migratecpp_new_items"' <<<"$1"; }

# The old behaviour, one rebuild per op: each op in a revision of its own.
project split
cd split
write_rev 0002 r2a '"r1"' "drop" "$OP1"
write_rev 0003 r2b '"r2a"' "add" "${OP2/QTY_MIN/0}"
write_rev 0004 r2 '"r2b"' "alter" "$OP3"
run upgrade r1:r2 --sql; expect_rc 0
expect_eq "$(copies "$OUT")" "3"
run upgrade head; expect_rc 0
cd "$WORK"

# One revision, the same three ops.
project grouped
cd grouped
write_rev 0002 r2 '"r1"' "three changes" "$OP1${OP2/QTY_MIN/0}$OP3"
run upgrade r1:r2 --sql; expect_rc 0
expect_eq "$(copies "$OUT")" "1"
echo "$OUT" > r2.sql
cp app.db offline.db
sqlite3 -bail offline.db < r2.sql || fail "sqlite3 rejected the r1:r2 script"
run upgrade head; expect_rc 0
expect_eq "$(dump app.db)" "$(dump ../split/app.db)"
expect_eq "$(dump offline.db)" "$(dump app.db)"
sql app.db "INSERT INTO items VALUES (4, 'four', 4)"
expect_eq "$(sql app.db "SELECT group_concat(what) FROM log")" "one,two,three,four"
run history; expect_rc 0
cd "$WORK"

# A failure inside the group (the new check fails on rows with qty 1 and 2) takes it all back
# and names the group's ops; with the test-only switch the runner undoes statement by statement.
for mode in 0 1; do
  project "fail$mode"
  cd "fail$mode"
  write_rev 0002 r2 '"r1"' "three changes" "$OP1${OP2/QTY_MIN/2}$OP3"
  before="$(dump app.db)"
  COMPENSATING=$mode MIGRATECPP_TEST_NO_TRANSACTIONAL_DDL=$mode run upgrade head; expect_rc 1
  expect_err_has "revision r2: upgrade ops #1-#3 (drop_constraint, create_check, alter_column on 'items', run as one) failed"
  expect_err_has "ck_qty_pos"
  COMPENSATING=$mode expect_taken_back r1
  expect_eq "$(dump app.db)" "$before"
  cd "$WORK"
done

finish
