# Issue 12: the manual and the installed layout. `migratecpp __man --dir` writes migratecpp(1)
# and one page per command from the CLI definitions; each renders without a groff warning and
# says what --help says. `cmake --install` (into a scratch prefix) puts the binary, the pages
# and the three completion scripts in their FHS places.
source "$(dirname "$0")/lib.sh" "$@"

mkdir man1
run __man --dir man1; expect_rc 0
run --help; expect_rc 0
COMMANDS="$(sed -n '/^Subcommands:/,$p' <<<"$OUT" | awk 'NR > 1 && /^  [a-z]/ {print $1}')"
expect_eq "$([ -n "$COMMANDS" ] && echo some)" "some"
for c in $COMMANDS; do
  expect_eq "$([ -s "man1/migratecpp-$c.1" ] && echo "$c: page")" "$c: page"
done
expect_eq "$(ls man1 | grep -c __)" 0 # the hidden helpers have none
for page in man1/*.1; do
  expect_eq "$(groff -man -Tutf8 -ww -z "$page" 2>&1)" ""
done
# The COMMANDS section of the main page: each command once, as a tagged paragraph.
MAIN="$(man -l man1/migratecpp.1 2>/dev/null | col -b | sed -n '/^COMMANDS/,/^GLOBAL OPTIONS/p')"
for c in $COMMANDS; do
  expect_eq "$(grep -cE "^       $c( |\$)" <<<"$MAIN")" 1
done
UP="$(man -l man1/migratecpp-upgrade.1 2>/dev/null | col -b)"
expect_eq "$(grep -c -- '--sql  Print the SQL script instead of running it' <<<"$UP")" 1
expect_eq "$(grep -c 'migratecpp upgrade \[options\] target' <<<"$UP")" 1
run __man nosuch; expect_rc 2
expect_err_has "no manual page for 'nosuch'"

# The installed layout (the build directory is the binary's).
BUILD="$(dirname "$BIN")"
if [ -f "$BUILD/cmake_install.cmake" ]; then
  cmake --install "$BUILD" --prefix "$WORK/prefix" >/dev/null 2>"$WORK/install.err"
  expect_eq "$?" 0
  for f in bin/migratecpp share/man/man1/migratecpp.1 share/man/man1/migratecpp-upgrade.1 \
    share/bash-completion/completions/migratecpp share/zsh/vendor-completions/_migratecpp \
    share/fish/vendor_completions.d/migratecpp.fish; do
    expect_eq "$([ -s "$WORK/prefix/$f" ] && echo "$f")" "$f"
  done
  expect_eq "$(bash -c 'source "$1"; complete -p migratecpp' _ \
    "$WORK/prefix/share/bash-completion/completions/migratecpp")" "complete -F _migratecpp migratecpp"
fi
finish
