# Issue 12: progress of a run on a terminal: "[i/N] <id> <message> ... <ms> ms" per revision
# (and " failed" before the error when one fails), nothing with -q; elsewhere (a pipe, a CI
# log, --sql) the plain "Running upgrade a -> b, message" lines. `script` gives the binary a
# terminal.
source "$(dirname "$0")/lib.sh" "$@"

# on_tty ARGS...: runs the binary with stdin/stdout/stderr on a pseudo-terminal; OUT is what
# the terminal showed (carriage returns removed), RC the exit code.
on_tty() {
  local cmd
  printf -v cmd '%q ' "$BIN" "$@"
  OUT="$(script -qec "$cmd" /dev/null | tr -d '\r')"
  RC="${PIPESTATUS[0]}"
  ERR=""
}

run init; expect_rc 0
write_rev 1_a aaaa11112222 '""' "first" '
[[upgrade]]
op = "execute"
sql = "CREATE TABLE a (id integer)"
[[downgrade]]
op = "execute"
sql = "DROP TABLE a"'
write_rev 2_b bbbb33334444 '"aaaa11112222"' "second" '
[[upgrade]]
op = "execute"
sql = "CREATE TABLE b (id integer)"
[[downgrade]]
op = "execute"
sql = "DROP TABLE b"'

on_tty upgrade head
expect_eq "$RC" 0
expect_eq "$(sed -E 's/[0-9]+ ms$/N ms/' <<<"$OUT")" "[1/2] aaaa11112222 first ... N ms
[2/2] bbbb33334444 second ... N ms"
on_tty downgrade base
expect_eq "$(sed -E 's/[0-9]+ ms$/N ms/' <<<"$OUT")" "[1/2] bbbb33334444 second (downgrade) ... N ms
[2/2] aaaa11112222 first (downgrade) ... N ms"
on_tty -q upgrade head
expect_eq "$RC" 0
expect_eq "$OUT" ""
run downgrade base; expect_rc 0

# Not a terminal: the plain lines, as before.
run upgrade head; expect_rc 0
expect_eq "$ERR" "Running upgrade  -> aaaa11112222, first
Running upgrade aaaa11112222 -> bbbb33334444, second"

# A failing revision ends its line with "failed", then the error.
write_rev 3_c cccc55556666 '"bbbb33334444"' "broken" '
[[upgrade]]
op = "execute"
sql = "CREATE TABLE a (id integer)"'
on_tty upgrade head
expect_eq "$RC" 1
expect_eq "$(head -1 <<<"$OUT")" "[1/1] cccc55556666 broken ... failed"
expect_eq "$(grep -c 'error:.* table a already exists' <<<"$OUT")" 1
finish
