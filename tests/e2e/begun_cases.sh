# The cases of test_begun.sh (SQLite under the compensating strategy) and test_begun_mysql.sh:
# on a database without transactional DDL, a revision killed halfway leaves part of itself
# applied while the version table still says the revision before. The history table's begin
# marker lets the next run name the revision and what of it ran, instead of running it again
# into its own leftovers ("table already exists"); `stamp` is how the user says where the
# database is after fixing it by hand. The caller has made a project on its database and
# defines SLOW_SQL (a statement running several seconds), has_table NAME (exit 0 if the
# table exists), db_exec SQL, drop_table NAME, create_b (makes table b as r2 would), history_rows (the
# history table's "revision|direction|ops_done" rows by seq) and fresh_database.

# kill_during_r2: `upgrade head` from r1, killed while r2's slow second op runs.
kill_during_r2() {
  "$BIN" upgrade head >"$WORK/killed.out" 2>"$WORK/killed.err" </dev/null &
  local pid=$! i
  for i in $(seq 1 200); do
    grep -q "Running upgrade r1 -> r2" "$WORK/killed.err" 2>/dev/null && break
    sleep 0.05
  done
  sleep 1 # op 1 (create_table a) is done; op 2 runs SLOW_SQL
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
}

run_begun_cases() {
  write_rev 0001 r1 '""' "base table" '
[[upgrade]]
op = "create_table"
table = "t0"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "t0"
'
  write_rev 0002 r2 '"r1"' "two tables" "
[[upgrade]]
op = \"create_table\"
table = \"a\"
columns = [ { name = \"id\", type = \"integer\", primary_key = true } ]

[[upgrade]]
op = \"execute\"
sql = \"$SLOW_SQL\"

[[upgrade]]
op = \"create_table\"
table = \"b\"
columns = [ { name = \"id\", type = \"integer\", primary_key = true } ]

[[downgrade]]
op = \"drop_table\"
table = \"b\"

[[downgrade]]
op = \"drop_table\"
table = \"a\"
"

  # A run that finishes leaves no marker behind.
  fresh_database
  run upgrade r1; expect_rc 0
  expect_eq "$(history_rows)" "r1|upgrade|"

  # Killed in r2's second op: table a stays (its DDL committed), the version table says r1.
  kill_during_r2
  expect_eq "a exists: $(has_table a && echo yes || echo no)" "a exists: yes"
  expect_eq "b exists: $(has_table b && echo yes || echo no)" "b exists: no"
  expect_eq "$(history_rows)" "r1|upgrade|
r2|begin-upgrade|1"

  # `current` tells the version table's truth and warns of the rest.
  run current; expect_rc 0
  expect_out "r1"
  expect_err_has "warning: the upgrade of revision r2 ("
  expect_err_has "1 of its 3 op(s) had finished (#1 create_table on 'a'); op #2 execute may have run in part or in full, #3 create_table on 'b' had not started"

  # upgrade and downgrade refuse, name the revision and how to go on, and change nothing.
  run upgrade head; expect_rc 1
  expect_err_has "the upgrade of revision r2 ("
  expect_err_has "0002.toml, \"two tables\") began at "
  expect_err_has "did not finish (killed, or a failure that could not be wholly undone)"
  # (Not "migratecpp stamp": the test servers' password is "migratecpp", scrubbed from output.)
  expect_err_has " stamp r1' (what ran undone) or '"
  expect_err_has " stamp r2' (the rest done)"
  expect_err_has "nothing was run"
  expect_not_anywhere "already exists"
  run downgrade base; expect_rc 1
  expect_err_has "the upgrade of revision r2 ("
  expect_eq "t0 exists: $(has_table t0 && echo yes || echo no)" "t0 exists: yes"
  expect_eq "$(history_rows)" "r1|upgrade|
r2|begin-upgrade|1"

  # Undone by hand, then said with `stamp r1` (the revision the database is at): the marker
  # goes, and the next upgrade runs r2 whole.
  drop_table a
  run stamp r1; expect_rc 0
  expect_err_has "note: forgot that the upgrade of revision r2 ("
  expect_eq "$(history_rows)" "r1|upgrade|"
  run current; expect_rc 0
  expect_not_anywhere "warning"
  run upgrade head; expect_rc 0
  expect_eq "a exists: $(has_table a && echo yes || echo no)" "a exists: yes"
  expect_eq "b exists: $(has_table b && echo yes || echo no)" "b exists: yes"
  expect_eq "$(history_rows)" "r1|upgrade|
r2|upgrade|"

  # Killed again, finished by hand this time, then `stamp r2`.
  run downgrade r1; expect_rc 0
  kill_during_r2
  create_b
  run stamp r2; expect_rc 0
  expect_err_has "note: forgot that the upgrade of revision r2 ("
  run current; expect_rc 0
  expect_out "r2 (head)"
  expect_not_anywhere "warning"
  run upgrade head; expect_rc 0
  expect_err_has "Nothing to do"

  # Killed right after the version row moved, before the marker went: every op had finished,
  # the version table says r2; the next run deletes the stale marker with a note.
  db_exec "INSERT INTO migratecpp_version_history (seq, revision, direction, checksum, started_at, duration_ms, migratecpp_version, ops_done) VALUES (99, 'r2', 'begin-upgrade', 'x', '2026-12-05T10:00:00.000Z', NULL, '0.1.0', 3)"
  run upgrade head; expect_rc 0
  expect_err_has "note: the upgrade of revision r2 finished but its begin marker was left in migratecpp_version_history"
  expect_err_has "Nothing to do"
  expect_eq "$(history_rows | grep -c begin)" "0"

  # A failure wholly undone leaves no marker: the database is as before, as the message says.
  write_rev 0003 r3 '"r2"' "fails on its third op" '
[[upgrade]]
op = "create_table"
table = "c"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[upgrade]]
op = "add_column"
table = "c"
column = { name = "note", type = "varchar(20)" }

[[upgrade]]
op = "create_table"
table = "a"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "c"
'
  run upgrade head; expect_rc 1
  expect_err_has "undone: the database is at r2"
  expect_eq "c exists: $(has_table c && echo yes || echo no)" "c exists: no"
  run current; expect_rc 0
  expect_not_anywhere "warning"
  expect_eq "$(history_rows | tail -n 1)" "r2|stamp|"
}
