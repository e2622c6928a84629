# Shared by the end-to-end tests: each test_*.sh gets the binary and the source dir as $1 $2,
# works in a fresh temp directory, and fails on the first broken expectation.
set -uo pipefail
E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="$1"
SRC="$2"
WORK="$(mktemp -d)"
# cleanup: runs every function named in CLEANUPS (the server helpers drop what they made),
# then removes the work directory. A test that sets its own EXIT trap calls it from there.
CLEANUPS=()
cleanup() {
  local c
  for c in "${CLEANUPS[@]}"; do
    "$c"
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"
FAILS=0
CHECKS=0

# run ARGS...: runs the binary, keeping stdout in $OUT, stderr in $ERR, exit code in $RC.
run() {
  "$BIN" "$@" >"$WORK/.out" 2>"$WORK/.err" </dev/null
  RC=$?
  OUT="$(cat "$WORK/.out")"
  ERR="$(cat "$WORK/.err")"
}

fail() {
  FAILS=$((FAILS + 1))
  echo "FAIL (line ${BASH_LINENO[1]}): $*" >&2
  echo "  stdout: $OUT" >&2
  echo "  stderr: $ERR" >&2
}

expect_rc() { CHECKS=$((CHECKS + 1)); [ "$RC" = "$1" ] || fail "exit code $RC, expected $1"; }
expect_out() { CHECKS=$((CHECKS + 1)); [ "$OUT" = "$1" ] || fail "stdout differs; expected: $1"; }
expect_out_has() { CHECKS=$((CHECKS + 1)); grep -qF -- "$1" <<<"$OUT" || fail "stdout lacks: $1"; }
expect_err_has() { CHECKS=$((CHECKS + 1)); grep -qF -- "$1" <<<"$ERR" || fail "stderr lacks: $1"; }
expect_not_anywhere() {
  CHECKS=$((CHECKS + 1))
  if grep -qF -- "$1" <<<"$OUT$ERR"; then fail "output contains: $1"; fi
}
expect_eq() { CHECKS=$((CHECKS + 1)); [ "$1" = "$2" ] || fail "got '$1', expected '$2'"; }

# expect_taken_back REV: a revision failed and the last line of stderr says that nothing of it
# stays and the database is at REV: rolled back by the transaction, or, with the test-only
# switch MIGRATECPP_TEST_NO_TRANSACTIONAL_DDL=1 (SQLite then runs the runner's compensating
# strategy, as on MySQL), undone statement by statement. The wording differs; the state the
# tests check afterwards must not.
COMPENSATING="${MIGRATECPP_TEST_NO_TRANSACTIONAL_DDL:-0}"
expect_taken_back() {
  local last
  last="$(tail -n 1 <<<"$ERR")"
  if [ "$COMPENSATING" = 1 ]; then
    expect_eq "${last%%; undid*}" "undone: the database is at $1"
    expect_eq "${last##*; }" "could not undo: nothing"
  else
    expect_eq "$last" "rolled back: the database is still at $1"
  fi
}

source "$E2E_DIR/db_lib.sh"

# sql DB QUERY: runs a query with the sqlite3 shell.
sql() { sqlite3 "$1" "$2"; }

finish() {
  if [ "$FAILS" -gt 0 ]; then
    echo "$FAILS of $CHECKS checks failed" >&2
    exit 1
  fi
  echo "$CHECKS checks passed"
}

# write_rev FILE ID DOWN MESSAGE BODY: a hand-written revision file.
write_rev() {
  local file="$1" id="$2" down="$3" msg="$4" body="${5:-}"
  cat >"migrations/versions/$file.toml" <<TOML
revision = "$id"
down_revision = $down
message = "$msg"
create_date = 2026-11-23T10:15:00Z
$body
TOML
}
