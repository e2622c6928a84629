#!/usr/bin/env bash
# docs/commands.md cannot drift from the binary: every command that `migratecpp --help` lists
# must have its own `### \`COMMAND\`` section, every option of `migratecpp COMMAND --help` must
# appear in that section (options the global `--help` lists: in "Global options"), and every
# global option in "Global options". An option of upgrade, downgrade, current or check may instead be in
# "Many databases", the section shared by the commands that run over several databases.
# Fails naming each command or option missing.
source "$(dirname "$0")/lib.sh"
DOC="$SRC/docs/commands.md"

# section TITLE: the lines of DOC from the heading TITLE (exact line) to the next heading of
# level 2 or 3.
section() {
  awk -v t="$1" '$0 == t { on = 1; next } on && /^##/ { exit } on { print }' "$DOC"
}

# options HELP: the option names in a --help text ("  -c,--config TEXT  ..." -> -c --config).
options() {
  awk '/^[A-Za-z]+:$/ { in_opts = ($0 == "Options:"); next }
       in_opts && /^  -/ { split($1, names, ","); for (i in names) print names[i] }' <<<"$1" |
    sort -u
}

# documents TEXT OPT: OPT stands in TEXT as a word of its own (`-c, --config FILE`, `--sql`).
documents() { grep -qE -- "(^|[\`, ])$2([\`, =|]|\$)" <<<"$1"; }
# missing WHAT: one failure, named (fail would print the last command's output too).
missing() {
  FAILS=$((FAILS + 1))
  echo "FAIL: $* is missing from docs/commands.md" >&2
}

run --help
expect_rc 0
global_help="$OUT"
commands="$(awk '/^Subcommands:$/ { on = 1; next } on && /^  [a-z]/ { print $1 }' <<<"$global_help")"
expect_eq "$([ -n "$commands" ] && echo listed)" listed
global_opts="$(options "$global_help")"
global_doc="$(section '## Global options')"
many_doc="$(section '## Many databases')"

for opt in $global_opts; do
  CHECKS=$((CHECKS + 1))
  documents "$global_doc" "$opt" || missing "global option $opt (section 'Global options')"
done

for cmd in $commands; do
  CHECKS=$((CHECKS + 1))
  doc="$(section "### \`$cmd\`")"
  if [ -z "$doc" ]; then
    missing "command '$cmd' (a section '### \`$cmd\`')"
    continue
  fi
  run "$cmd" --help
  expect_rc 0
  for opt in $(options "$OUT"); do
    grep -qxF -- "$opt" <<<"$global_opts" && continue # documented once, globally
    CHECKS=$((CHECKS + 1))
    documents "$doc" "$opt" && continue
    case "$cmd" in
      upgrade | downgrade | current | check) documents "$many_doc" "$opt" && continue ;;
    esac
    missing "option $opt of '$cmd' (section '### \`$cmd\`')"
  done
done
finish
