# The cases of test_interrupt.sh and test_interrupt_postgresql.sh: SIGINT or SIGTERM while a
# revision's statement runs cancels the statement, rolls the revision back, says where the
# database is and exits 130 / 143. The caller has made a project on its database and defines
# SLOW_SQL (a statement that runs for a long time) and victim_sql QUERY. Where DDL is not
# transactional (MySQL: COMPENSATING=1) the revision is undone op by op instead of rolled back
# (expect_taken_back).

# interrupt_upgrade SIGNAL: starts `upgrade head`, waits until r2 is running, sends SIGNAL;
# sets RC, ERR.
interrupt_upgrade() {
  "$BIN" upgrade head >"$WORK/.out" 2>"$WORK/.err" </dev/null &
  local pid=$! i
  for i in $(seq 1 100); do
    grep -q "Running upgrade r1 -> r2" "$WORK/.err" 2>/dev/null && break
    sleep 0.1
  done
  sleep 0.5 # into the slow statement
  kill "-$1" "$pid"
  wait "$pid"
  RC=$?
  OUT="$(cat "$WORK/.out")"
  ERR="$(cat "$WORK/.err")"
}

run_interrupt_cases() {
  write_rev 0001 r1 '""' "base" '
[[upgrade]]
op = "create_table"
table = "t"
columns = [ { name = "id", type = "integer", primary_key = true } ]
'
  write_rev 0002 r2 '"r1"' "slow" "
[[upgrade]]
op = \"add_column\"
table = \"t\"
column = { name = \"added\", type = \"integer\" }

[[upgrade]]
op = \"execute\"
sql = \"$SLOW_SQL\"

[[downgrade]]
op = \"drop_column\"
table = \"t\"
column = \"added\"
"
  run upgrade r1; expect_rc 0
  local started=$SECONDS
  interrupt_upgrade INT
  expect_rc 130
  expect_err_has "interrupted"
  expect_taken_back r1
  CHECKS=$((CHECKS + 1))
  [ $((SECONDS - started)) -lt 20 ] || fail "the interrupted run took $((SECONDS - started)) s: the statement was not cancelled"
  run current; expect_out "r1"
  expect_eq "$(victim_sql "SELECT count(*) FROM t")" "0"

  interrupt_upgrade TERM
  expect_rc 143
  expect_taken_back r1
  run current; expect_out "r1"
}
