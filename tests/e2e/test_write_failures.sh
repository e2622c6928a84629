# A write that fails (stdout on a full disk or /dev/full, a file on a full filesystem) is an
# error, exit 1, never a truncated result reported as success; files are written whole or not
# at all, and a failed `init` leaves nothing behind. Runs on the database MIGRATECPP_E2E_DB
# names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db writes
write_rev 0001 r1 '""' "items" '
[[upgrade]]
op = "create_table"
table = "items"
columns = [ { name = "id", type = "integer", primary_key = true }, { name = "name", type = "text" } ]

[[downgrade]]
op = "drop_table"
table = "items"
'
run upgrade head; expect_rc 0

# run_to_full ARGS...: runs the binary with stdout on /dev/full (every write fails, ENOSPC).
run_to_full() {
  "$BIN" "$@" >/dev/full 2>"$WORK/.err" </dev/null
  RC=$?
  OUT=""
  ERR="$(cat "$WORK/.err")"
}

# Stdout that cannot be written: the final flush (small outputs) and every write (large ones).
for args in "upgrade head --sql" "upgrade base:head --sql" "history" "history --verbose" \
  "inspect" "heads" "current" "show r1 --sql"; do
  # shellcheck disable=SC2086
  run_to_full $args; expect_rc 1
  expect_err_has "cannot write to standard output: No space left on device"
done
# A large script: the buffer fills and the write itself fails before the end.
for i in $(seq 2 60); do
  write_rev "$(printf '%04d' "$i")" "r$i" "\"r$((i - 1))\"" "m$i" "
[[upgrade]]
op = \"add_column\"
table = \"items\"
column = { name = \"c$i\", type = \"text\", comment = \"$(head -c 400 /dev/zero | tr '\0' c)\" }
"
done
run_to_full upgrade head --sql; expect_rc 1
expect_err_has "cannot write to standard output: No space left on device"
expect_eq "$(grep -c 'error' <<<"$ERR")" "1"
rm migrations/versions/00[0-9][0-9].toml
write_rev 0001 r1 '""' "items" ''

# run_limited BLOCKS ARGS...: runs the binary allowed to write files of BLOCKS KiB at most
# (RLIMIT_FSIZE; SIGXFSZ ignored, so a write past it fails with EFBIG as one on a full disk
# fails with ENOSPC). Its stderr goes through a pipe, which the limit does not touch.
run_limited() {
  local blocks="$1"
  shift
  (trap '' XFSZ; ulimit -f "$blocks"; "$BIN" "$@" 2>&1 >/dev/null </dev/null) | cat >"$WORK/.err"
  RC=${PIPESTATUS[0]}
  OUT=""
  ERR="$(cat "$WORK/.err")"
}

# A file bigger than the process may write (RLIMIT_FSIZE, as a full disk does it: the write
# fails partway). revision: no partial file is left in versions/, later commands work.
long="$(head -c 3000 /dev/zero | tr '\0' x)"
before="$(ls -A migrations/versions)"
run_limited 1 revision -m "$long"
expect_rc 1
expect_err_has "cannot write"
expect_eq "$(ls -A migrations/versions)" "$before"
run history; expect_rc 0
run revision -m "$long"; expect_rc 0

# init: a failed init removes what it made, and can then be run again.
mkdir fsize && cd fsize
run_limited 0 init proj
expect_rc 1
expect_err_has "cannot write"
[ -e proj ] && fail "a failed init left $(find proj)"
# An existing directory stays, emptied of what init made.
mkdir proj2 && echo keep >proj2/notes.txt
run_limited 0 init proj2
expect_rc 1
expect_eq "$(ls -A proj2)" "notes.txt"
run init proj2; expect_rc 0
[ -e proj2/migrations/script.toml.tmpl ] || fail "init after a failed init did not make the project"
cd "$WORK"

# A really full filesystem (a tiny tmpfs), where the machine lets us mount one.
if mkdir -p "$WORK/full" && mount -t tmpfs -o size=64k tmpfs "$WORK/full" 2>/dev/null; then
  trap 'umount "$WORK/full" 2>/dev/null; cleanup' EXIT
  cd "$WORK/full"
  run init; expect_rc 0
  dd if=/dev/zero of=filler bs=4k 2>/dev/null
  before="$(ls -A migrations/versions)"
  run revision -m "$long"; expect_rc 1
  expect_err_has "No space left on device"
  expect_eq "$(ls -A migrations/versions)" "$before"
  run history; expect_rc 0
  mkdir again
  run init again/proj; expect_rc 1
  expect_err_has "No space left on device"
  expect_eq "$(ls -A again)" ""
  rm filler
  run init again/proj; expect_rc 0
  run revision -m "$long"; expect_rc 0
  cd "$WORK"
  umount "$WORK/full"
else
  echo "note: cannot mount a tmpfs here; the full-filesystem part ran with RLIMIT_FSIZE only"
fi

finish
