# The cases of test_crash.sh and test_crash_postgresql.sh: `upgrade head` killed with SIGKILL at
# random points (no handler runs, nothing is cleaned up) must leave a database that `current`
# describes truthfully and that the next `upgrade head` finishes.
#
# Seven revisions make tables, fill them with tens of thousands of rows (bulk_insert and
# execute), add indexes, make a trigger with `execute`, change rows with an UPDATE that fires it,
# rebuild tables on SQLite (alter_column, create_check, create_foreign_key on tables with rows),
# add a foreign key and a column; each writes its version row and its history row. The run is
# timed once (T); each round starts from an empty database and kills `upgrade head`: odd rounds
# after a delay drawn uniformly from [0, T], even rounds ("aimed") a delay drawn from
# [0, T / revisions] after the run announced revision r1, r2, ... in turn, so that the kills
# spread over the revisions even when the machine is slower than when T was measured. Then it
# checks, in this order:
#  - `current` exits 0 and names r_k (nothing at base), the first command to open the database
#    after the kill (on SQLite it meets the hot journal; on PostgreSQL the killed client's
#    backend may still be running: with CRASH_SETTLES=1 the database may then move on by one
#    revision, a COMMIT that was in flight, and a second `current` must say so);
#  - the database is exactly what r_k implies: its schema (tables, columns, indexes, constraints,
#    triggers; no leftover rebuild table) and the rows of every table equal those of a clean
#    run stopped at r_k; `verify` exits 0; `log` lists the upgrades r1..r_k and nothing else;
#  - the dialect's own health checks (db_health);
#  - `upgrade head` exits 0 and the database is then exactly at head.
# The seed is printed; MIGRATECPP_CRASH_SEED repeats a run, MIGRATECPP_CRASH_ROUNDS changes the
# number of rounds.
#
# The caller has made a project on its database and defines:
#   reset_db             make the database empty (a fresh file or schema)
#   db_q SQL             run a query, rows on stdout, columns separated by |
#   fingerprint          print, deterministically: the schema (tables, columns, indexes,
#                        constraints, triggers) of everything but the version and history
#                        tables; "rows TABLE: <digest of all its rows>" per user table;
#                        "version: r3" (the version table's rows); "history: r1-upgrade ..."
#                        (the history table's revision-direction pairs by seq)
#   db_health            check the database's own consistency (fail on a problem)
#   after_kill           wait until the killed run has left the server (or nothing)
#   timed_run_watch      (optional) called while the timed run goes, to learn what it holds
#   CRASH_ACCOUNTS       rows of accounts, a multiple of 100 from 500 (entries get two each)
#   INSERT_ACCOUNTS, INSERT_ENTRIES   execute-op SQL (TOML strings) filling the tables
#   TRIGGER_UP, TRIGGER_DOWN          TOML op blocks that make / drop trigger trg_accounts_audit,
#                                     which on an UPDATE of accounts.balance inserts into audit


write_crash_revisions() {
  local bulk="" i
  for i in $(seq 1 500); do
    bulk+="  { id = $i, name = \"bulk $i\", balance = $((i % 100)) },"$'\n'
  done
  write_rev 0001 r1 '""' "accounts" "
[[upgrade]]
op = \"create_table\"
table = \"accounts\"
columns = [
  { name = \"id\", type = \"integer\", primary_key = true },
  { name = \"name\", type = \"varchar(40)\" },
  { name = \"balance\", type = \"integer\", nullable = false, default = \"0\" },
]

[[upgrade]]
op = \"bulk_insert\"
table = \"accounts\"
rows = [
$bulk]

[[upgrade]]
op = \"execute\"
sql = $INSERT_ACCOUNTS

[[downgrade]]
op = \"drop_table\"
table = \"accounts\"
"
  write_rev 0002 r2 '"r1"' "entries" "
[[upgrade]]
op = \"create_table\"
table = \"entries\"
columns = [
  { name = \"id\", type = \"integer\", primary_key = true },
  { name = \"account_id\", type = \"integer\", nullable = false },
  { name = \"amount\", type = \"integer\", nullable = false },
]

[[upgrade]]
op = \"execute\"
sql = $INSERT_ENTRIES

[[upgrade]]
op = \"create_index\"
table = \"entries\"
name = \"ix_entries_account\"
columns = [\"account_id\"]

[[downgrade]]
op = \"drop_index\"
table = \"entries\"
name = \"ix_entries_account\"

[[downgrade]]
op = \"drop_table\"
table = \"entries\"
"
  write_rev 0003 r3 '"r2"' "audit trigger" "
[[upgrade]]
op = \"create_table\"
table = \"audit\"
columns = [
  { name = \"account_id\", type = \"integer\", nullable = false },
  { name = \"old_balance\", type = \"integer\" },
  { name = \"new_balance\", type = \"integer\" },
]

$TRIGGER_UP

$TRIGGER_DOWN

[[downgrade]]
op = \"drop_table\"
table = \"audit\"
"
  write_rev 0004 r4 '"r3"' "bonus" '
[[upgrade]]
op = "execute"
sql = "UPDATE accounts SET balance = balance + 10 WHERE id % 2 = 0"

[[downgrade]]
op = "execute"
sql = "UPDATE accounts SET balance = balance - 10 WHERE id % 2 = 0"

[[downgrade]]
op = "execute"
sql = "DELETE FROM audit"
'
  write_rev 0005 r5 '"r4"' "rebuild accounts" '
[[upgrade]]
op = "alter_column"
table = "accounts"
column = "name"
nullable = false
existing_type = "varchar(40)"
existing_nullable = true

[[upgrade]]
op = "create_check"
table = "accounts"
name = "ck_accounts_balance"
expression = "balance >= 0"

[[downgrade]]
op = "drop_constraint"
table = "accounts"
name = "ck_accounts_balance"

[[downgrade]]
op = "alter_column"
table = "accounts"
column = "name"
nullable = true
existing_type = "varchar(40)"
existing_nullable = false
'
  write_rev 0006 r6 '"r5"' "foreign key" '
[[upgrade]]
op = "create_foreign_key"
table = "entries"
name = "fk_entries_account"
columns = ["account_id"]
ref_table = "accounts"
ref_columns = ["id"]
on_delete = "cascade"

[[downgrade]]
op = "drop_constraint"
table = "entries"
name = "fk_entries_account"
'
  write_rev 0007 r7 '"r6"' "notes" '
[[upgrade]]
op = "add_column"
table = "entries"
column = { name = "note", type = "varchar(20)" }

[[upgrade]]
op = "execute"
sql = "UPDATE entries SET note = '"'"'refund'"'"' WHERE amount = 0"

[[upgrade]]
op = "create_index"
table = "accounts"
name = "ix_accounts_name"
columns = ["name"]

[[downgrade]]
op = "drop_index"
table = "accounts"
name = "ix_accounts_name"

[[downgrade]]
op = "drop_column"
table = "entries"
column = "note"
'
}

CRASH_HEAD=7

# log_upgrades: what `log` lists, oldest first: "r1-upgrade r2-upgrade ...".
log_upgrades() {
  run log
  [ "$RC" = 0 ] || { echo "log exited $RC: $ERR"; return; }
  [ -n "$OUT" ] || return 0
  awk '{print $4 "-" $3}' <<<"$OUT" | tac | paste -sd ' '
}
expected_log() {
  local i words=()
  for ((i = 1; i <= $1; i++)); do words+=("r$i-upgrade"); done
  echo "${words[*]}"
}

# check_reference K FINGERPRINT: what r_K implies, written out. The reference run is checked
# against it; the crashed rounds are compared with the reference run's fingerprints.
check_reference() {
  local k="$1" fp="$2" n=$CRASH_ACCOUNTS
  local tables=""
  [ "$k" -ge 1 ] && tables="accounts"
  [ "$k" -ge 2 ] && tables="accounts entries"
  [ "$k" -ge 3 ] && tables="accounts audit entries"
  expect_eq "r$k tables: $(sed -n 's/^rows \([a-z_]*\):.*/\1/p' <<<"$fp" | sort | paste -sd ' ')" \
    "r$k tables: $tables"
  expect_eq "r$k $(grep '^version:' <<<"$fp")" "r$k version:$([ "$k" = 0 ] || echo " r$k")"
  expect_eq "r$k $(grep '^history:' <<<"$fp")" "r$k history:$([ "$k" = 0 ] || echo " $(expected_log "$k")")"
  local name_from name from
  for name_from in "ix_entries_account 2" "trg_accounts_audit 3" "ck_accounts_balance 5" \
    "fk_entries_account 6" "ix_accounts_name 7" "note 7"; do
    read -r name from <<<"$name_from"
    expect_eq "r$k $name: $(grep -qF -- "$name" <<<"$fp" && echo yes || echo no)" \
      "r$k $name: $([ "$k" -ge "$from" ] && echo yes || echo no)"
  done
  [ "$k" -ge 1 ] || return 0
  # One query for the rows: balance is id % 100, plus 10 for even ids from r4 on (the UPDATE,
  # each change logged by the trigger); entries are two per account, amount = id % 7.
  local q="SELECT (SELECT count(*) FROM accounts), (SELECT count(name) FROM accounts), (SELECT sum(balance) FROM accounts)"
  local want="$n|$n|$((n / 100 * 4950 + (k >= 4 ? 10 * (n / 2) : 0)))"
  if [ "$k" -ge 2 ]; then
    q+=", (SELECT count(*) FROM entries), (SELECT count(DISTINCT account_id) FROM entries)"
    want+="|$((2 * n))|$n"
  fi
  if [ "$k" -ge 3 ]; then
    q+=", (SELECT count(*) FROM audit), (SELECT coalesce(sum(new_balance - old_balance), 0) FROM audit)"
    want+="$([ "$k" -ge 4 ] && echo "|$((n / 2))|$((10 * (n / 2)))" || echo "|0|0")"
  fi
  if [ "$k" -ge 7 ]; then
    q+=", (SELECT count(*) FROM entries WHERE note = 'refund'), (SELECT count(note) FROM entries)"
    want+="|$((2 * n / 7))|$((2 * n / 7))"
  fi
  expect_eq "r$k rows: $(db_q "$q")" "r$k rows: $want"
}

# state_of_current: the k that `current` names (0 for nothing), or "?" with a failure.
state_of_current() {
  case "${OUT% (head)}" in
    "") echo 0 ;;
    r[1-9]*) local r="${OUT% (head)}"; echo "${r#r}" ;;
    *) echo "?" ;;
  esac
}

now_ms() { date +%s%3N; }

run_crash_cases() {
  write_crash_revisions
  local k started=$SECONDS

  # --- the reference: a clean run stopped at every revision ---------------------------------
  declare -gA CRASH_REF
  reset_db
  for ((k = 0; k <= CRASH_HEAD; k++)); do
    if [ "$k" -gt 0 ]; then
      run upgrade "r$k"; expect_rc 0
    fi
    CRASH_REF[$k]="$(fingerprint)"
    check_reference "$k" "${CRASH_REF[$k]}"
  done
  # The trigger still works after the rebuilds: an UPDATE of a balance is audited.
  expect_eq "trigger after rebuilds: $(db_q "UPDATE accounts SET balance = balance + 1 WHERE id = 1;
      SELECT count(*) FROM audit")" "trigger after rebuilds: $((CRASH_ACCOUNTS / 2 + 1))"

  echo "reference states r0..r$CRASH_HEAD checked in $((SECONDS - started)) s"
  [ -z "${MIGRATECPP_CRASH_SHOW:-}" ] || printf '%s\n' "${CRASH_REF[$CRASH_HEAD]}"

  # --- the full run, timed ------------------------------------------------------------------
  reset_db
  local t0 total
  t0=$(now_ms)
  "$BIN" upgrade head >"$WORK/.out" 2>"$WORK/.err" </dev/null &
  local pid=$!
  ! declare -F timed_run_watch >/dev/null || timed_run_watch
  wait "$pid"
  RC=$?
  total=$(($(now_ms) - t0))
  OUT="$(cat "$WORK/.out")"
  ERR="$(cat "$WORK/.err")"
  expect_rc 0
  expect_eq "$(fingerprint)" "${CRASH_REF[$CRASH_HEAD]}"
  echo "a full upgrade head takes ${total} ms"

  # --- the rounds -----------------------------------------------------------------------------
  started=$SECONDS
  local seed="${MIGRATECPP_CRASH_SEED:-20261205}" rounds="${MIGRATECPP_CRASH_ROUNDS:-20}"
  echo "seed $seed (MIGRATECPP_CRASH_SEED=$seed repeats these kill points), $rounds rounds"
  RANDOM=$seed
  declare -A landed=() running=()
  local round delay aim running_rev fails_before journals=0 hot_journals=0 commits_in_flight=0
  for ((round = 1; round <= rounds; round++)); do
    fails_before=$FAILS
    reset_db
    "$BIN" upgrade head >"$WORK/.out" 2>"$WORK/.err" </dev/null &
    pid=$!
    aim=""
    if ((round % 2 == 0)); then
      # Aimed: wait until the run announces revision r_aim, then a delay of up to one
      # revision's share of T. A machine slower now than when T was measured (load, a
      # sanitizer) still spreads these kills over the revisions.
      aim=$(((round / 2 - 1) % CRASH_HEAD + 1))
      while ! grep -q -- "-> r$aim," "$WORK/.err" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do
        sleep 0.005
      done
      delay=$(((RANDOM * 32768 + RANDOM) % (total / CRASH_HEAD + 1)))
    else
      delay=$(((RANDOM * 32768 + RANDOM) % (total + 1)))
    fi
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # The revision the killed run had started last ("Running upgrade r2 -> r3" names r3).
    running_rev="$(grep -o 'Running upgrade .* -> r[0-9]*' "$WORK/.err" | tail -n 1)"
    running_rev="${running_rev##* }"
    # SQLite: a journal is hot (the next read-write open rolls the file back from it) once its
    # header is written, before the first change reaches the database file.
    if [ -n "${CRASH_HOT_JOURNAL:-}" ] && [ -s "$CRASH_HOT_JOURNAL" ]; then
      journals=$((journals + 1))
      [ "$(head -c 1 "$CRASH_HOT_JOURNAL" | od -An -tx1 | tr -d ' ')" = d9 ] && hot_journals=$((hot_journals + 1))
    fi

    # `current` at once: the first to open the database after the kill (SQLite: it meets the
    # hot journal; PostgreSQL: the killed run's backend may still be running its statement).
    run current; expect_rc 0
    k="$(state_of_current)"
    after_kill
    if [ "$k" = "?" ]; then
      fail "round $round (kill at ${delay} ms): current says '$OUT'"
      continue
    fi
    local fp
    fp="$(fingerprint)"
    if [ "${CRASH_SETTLES:-0}" = 1 ] && [ "$fp" != "${CRASH_REF[$k]}" ] &&
      [ "$fp" = "${CRASH_REF[$((k + 1))]:-}" ]; then
      # A COMMIT the killed client had sent completed after `current` answered: the
      # database moved on by one revision, and `current` must now say so.
      run current; expect_rc 0
      expect_eq "current after the commit in flight: $OUT" "current after the commit in flight: r$((k + 1))$([ $((k + 1)) = "$CRASH_HEAD" ] && echo " (head)")"
      k=$((k + 1))
      commits_in_flight=$((commits_in_flight + 1))
    fi
    landed[$k]=$((${landed[$k]:-0} + 1))
    [ -n "$running_rev" ] && running[$running_rev]=$((${running[$running_rev]:-0} + 1))
    expect_eq "$fp" "${CRASH_REF[$k]}"
    expect_eq "$(log_upgrades)" "$(expected_log "$k")"
    run verify; expect_rc 0
    db_health

    run upgrade head; expect_rc 0
    # The fingerprint holds the version and history rows too.
    expect_eq "$(fingerprint)" "${CRASH_REF[$CRASH_HEAD]}"
    echo "round $round: killed $([ -n "$aim" ] && echo "$delay ms after r$aim began" || echo "at $delay ms")${running_rev:+ while running $running_rev}, left at $([ "$k" = 0 ] && echo base || echo "r$k")$([ "$FAILS" = "$fails_before" ] && echo ", all checks passed" || echo ": FAILED (seed $seed)")"
  done

  echo "$rounds rounds in $((SECONDS - started)) s"

  # --- where the kills landed ----------------------------------------------------------------
  local line="" states=0
  for ((k = 0; k <= CRASH_HEAD; k++)); do
    local label="r$k"
    [ "$k" = 0 ] && label="base (before r1 committed)"
    [ "$k" = "$CRASH_HEAD" ] && label="r$k (head: after the last commit)"
    line+="  $label: ${landed[$k]:-0}"$'\n'
    [ "${landed[$k]:-0}" -gt 0 ] && states=$((states + 1))
  done
  echo "kills by the state they left (what current said):"
  printf '%s' "$line"
  local started=0
  echo -n "kills by the revision that had started last:"
  for ((k = 1; k <= CRASH_HEAD; k++)); do
    echo -n " r$k=${running[r$k]:-0}"
    started=$((started + ${running[r$k]:-0}))
  done
  echo " (before any: $((rounds - started)))"
  [ -n "${CRASH_HOT_JOURNAL:-}" ] && echo "rounds that left a journal: $journals, a hot one (the file half written) for current to roll back: $hot_journals"
  [ "${CRASH_SETTLES:-0}" = 1 ] && echo "rounds where a commit in flight completed after the first current: $commits_in_flight"
  CHECKS=$((CHECKS + 1))
  [ "$states" -ge 3 ] || fail "the kills landed in only $states different states: they were not spread"
}
