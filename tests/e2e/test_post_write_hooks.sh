#!/usr/bin/env bash
# [post_write_hooks]: programs run on each revision file that `revision` and `merge` write,
# as Alembic's post_write_hooks run black or ruff. Order, the REVISION_SCRIPT_FILENAME token,
# cwd, the hook's output kept off stdout, and every way a hook can fail: exit 1 naming the
# hook, the file kept (it was written), a file the hook left unreadable named as such.
source "$(dirname "$0")/lib.sh"

run init
expect_rc 0

# Two hooks: the first appends a comment naming itself and its working directory; the second
# records its arguments, so their order and the token's expansion can be checked.
mkdir -p hooks tools
cat >hooks/stamp.sh <<'EOF'
#!/bin/sh
echo "stamp hook says hello"
printf '# stamped in %s\n' "$(basename "$(pwd)")" >>"$1"
EOF
cat >hooks/record.sh <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$RECORD_FILE"
printf '# recorded\n' >>"${2#--file=}"
EOF
chmod +x hooks/*.sh
export RECORD_FILE="$WORK/record.txt"
cat >>migratecpp.toml <<'EOF'

[post_write_hooks]
hooks = ["stamp", "record"]

[post_write_hooks.stamp]
executable = "hooks/stamp.sh"
cwd = "tools"

[post_write_hooks.record]
executable = "hooks/record.sh"
options = ["-v", "--file=REVISION_SCRIPT_FILENAME"]
EOF
cp migratecpp.toml two-hooks.toml

run revision -m "first" --rev-id aaaaaaaaaaaa
expect_rc 0
file="migrations/versions/aaaaaaaaaaaa_first.toml"
expect_out "$file"
expect_err_has "Running post-write hook 'stamp'"
expect_err_has "stamp hook says hello"
expect_eq "$(tail -n 2 "$file")" "# stamped in tools
# recorded"
expect_eq "$(cat "$RECORD_FILE")" "-v
--file=$WORK/$file"

# The file a hook rewrote is still a revision the tool reads.
run heads
expect_rc 0
expect_out "aaaaaaaaaaaa (head)"

# merge writes a file too: the hooks run on it.
run revision -m "left" --rev-id bbbbbbbbbbbb
run revision -m "right" --head aaaaaaaaaaaa --splice --rev-id cccccccccccc
run merge heads -m "join" --rev-id dddddddddddd
expect_rc 0
expect_eq "$(tail -n 1 migrations/versions/dddddddddddd_join.toml)" "# recorded"

# A hook that fails: exit 1 naming it and its status; the file stays, as written.
cat >hooks/fail.sh <<'EOF'
#!/bin/sh
echo "lint: 3 problems" >&2
exit 3
EOF
chmod +x hooks/fail.sh
sed -i 's/^hooks = .*/hooks = ["fail", "stamp"]/' migratecpp.toml
cat >>migratecpp.toml <<'EOF'

[post_write_hooks.fail]
executable = "hooks/fail.sh"
EOF
run revision -m "second" --rev-id eeeeeeeeeeee
expect_rc 1
expect_err_has "post-write hook 'fail' (hooks/fail.sh) exited with status 3"
expect_err_has "lint: 3 problems"
expect_err_has "migrations/versions/eeeeeeeeeeee_second.toml was written"
[ -f migrations/versions/eeeeeeeeeeee_second.toml ] || fail "the revision file is gone"
# The hooks after a failing one do not run.
CHECKS=$((CHECKS + 1))
if grep -q "stamped" migrations/versions/eeeeeeeeeeee_second.toml; then
  fail "a hook after the failing one ran"
fi

# A hook whose program does not exist.
sed -i 's/^hooks = .*/hooks = ["missing"]/' migratecpp.toml
cat >>migratecpp.toml <<'EOF'

[post_write_hooks.missing]
executable = "no-such-formatter-xyz"
EOF
run revision -m "third" --rev-id ffffffffffff
expect_rc 1
expect_err_has "post-write hook 'missing': cannot run 'no-such-formatter-xyz'"

# A hook that leaves the file unreadable: named, exit 1.
cat >hooks/break.sh <<'EOF'
#!/bin/sh
echo "[[[ not toml" >>"$1"
EOF
chmod +x hooks/break.sh
sed -i 's/^hooks = .*/hooks = ["break"]/' migratecpp.toml
cat >>migratecpp.toml <<'EOF'

[post_write_hooks.break]
executable = "hooks/break.sh"
EOF
run revision -m "fourth" --rev-id 111111111111
expect_rc 1
expect_err_has "post-write hook 'break' left migrations/versions/111111111111_fourth.toml unreadable"
rm -f migrations/versions/111111111111_fourth.toml migrations/versions/ffffffffffff_third.toml \
  migrations/versions/eeeeeeeeeeee_second.toml

# Config errors name the file and line.
cp two-hooks.toml migratecpp.toml
sed -i 's/^hooks = .*/hooks = ["stamp", "nope"]/' migratecpp.toml
run revision -m "x"
expect_rc 1
expect_err_has "migratecpp.toml:"
expect_err_has "hook 'nope' is listed in hooks but has no [post_write_hooks.nope] table"
cp two-hooks.toml migratecpp.toml
sed -i 's/^executable = "hooks\/record.sh"/executabel = "hooks\/record.sh"/' migratecpp.toml
run revision -m "x"
expect_rc 1
expect_err_has "unknown key 'executabel'"
expect_err_has "did you mean 'executable'?"
cp two-hooks.toml migratecpp.toml
sed -i 's/^options = .*/options = "-v REVISION_SCRIPT_FILENAME"/' migratecpp.toml
run revision -m "x"
expect_rc 1
expect_err_has "'options' must be an array of strings"
cp two-hooks.toml migratecpp.toml

# Commands that write no revision file run no hook.
run upgrade head
expect_rc 0
expect_not_anywhere "post-write hook"
finish
