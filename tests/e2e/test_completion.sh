# Issue 12: shell completion. `migratecpp completion bash` is sourced into bash and its
# completion function driven as bash would on TAB (COMP_WORDS, COMP_CWORD -> COMPREPLY):
# commands, options per command, option values, and the revision ids, branch labels and
# head/heads/base of the project in the current directory. zsh and fish scripts are checked
# for syntax where those shells are installed.
source "$(dirname "$0")/lib.sh" "$@"

# complete WORD...: what TAB offers for a command line of WORD... (the last one being
# completed), one a line, sorted.
complete_line() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _migratecpp
           printf "%s\n" "${COMPREPLY[@]}"' _ "$WORK/completion.bash" "$BIN" "$@" | sort
}

run completion bash; expect_rc 0
echo "$OUT" >"$WORK/completion.bash"
expect_eq "$(bash -n "$WORK/completion.bash" && echo ok)" "ok"
expect_eq "$(bash -c 'source "$1"; complete -p migratecpp' _ "$WORK/completion.bash")" \
  "complete -F _migratecpp migratecpp"

# Commands and global options.
expect_eq "$(complete_line up)" "upgrade"
expect_eq "$(complete_line he)" "heads"
expect_eq "$(complete_line --co)" "--color
--config"
expect_eq "$(complete_line --url "")" "" # the URL is the user's
# A command's own options, and values where they are a fixed set.
expect_eq "$(complete_line upgrade --s)" "--sql"
expect_eq "$(complete_line history --j)" "--json"
expect_eq "$(complete_line upgrade --dialect p)" "postgresql"
expect_eq "$(complete_line completion "")" "bash
fish
zsh"

# Revisions: none outside a project (and no error on the line), then the project's.
expect_eq "$(complete_line upgrade "")" ""
run init; expect_rc 0
write_rev 1_a aaaa11112222 '""' "first" '
[[upgrade]]
op = "execute"
sql = "SELECT 1"'
write_rev 2_b bbbb33334444 '"aaaa11112222"' "second" 'branch_labels = ["billing"]
[[upgrade]]
op = "execute"
sql = "SELECT 1"'
expect_eq "$(complete_line upgrade "")" "aaaa11112222
base
bbbb33334444
billing
head
heads"
expect_eq "$(complete_line downgrade a)" "aaaa11112222"
expect_eq "$(complete_line show b)" "base
bbbb33334444
billing"
expect_eq "$(complete_line revision --head bi)" "billing"
expect_eq "$(complete_line stamp --sql h)" "head
heads"
# -c names another project: its revisions.
mkdir other && mv migratecpp.toml migrations other/
expect_eq "$(complete_line upgrade "")" ""
expect_eq "$(complete_line -c other/migratecpp.toml upgrade aa)" "aaaa11112222"

# zsh (through bashcompinit) and fish: generated, and valid where the shell is here.
run completion zsh; expect_rc 0
expect_out_has "bashcompinit"
expect_out_has "complete -F _migratecpp migratecpp"
if command -v zsh >/dev/null; then
  echo "$OUT" >"$WORK/_migratecpp"
  expect_eq "$(zsh -n "$WORK/_migratecpp" && echo ok)" "ok"
fi
run completion fish; expect_rc 0
expect_out_has "complete -c migratecpp -n '__fish_use_subcommand' -a upgrade"
expect_out_has "complete -c migratecpp -n '__fish_seen_subcommand_from upgrade' -a '(migratecpp __revisions 2>/dev/null)'"
if command -v fish >/dev/null; then
  echo "$OUT" >"$WORK/migratecpp.fish"
  expect_eq "$(fish --no-execute "$WORK/migratecpp.fish" && echo ok)" "ok"
fi
run completion tcsh; expect_rc 2
# The helper is not a command users see.
run --help; expect_rc 0
expect_eq "$(grep -c __revisions <<<"$OUT")" 0
finish
