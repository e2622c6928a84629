#!/usr/bin/env bash
# MIGRATECPP_STATS=1 prints, on exit, how many SQL statements the run sent (docs/commands.md,
# "Environment"): the benchmark's statement count on every dialect. Off by default; 0 for a
# command that opens no database; the same count for a schema twice the size (autogenerate's
# catalog reads do not grow with the tables).
source "$(dirname "$0")/lib.sh"

stats() { sed -n 's/^migratecpp stats: \([0-9]*\) SQL statements sent$/\1/p' <<<"$ERR"; }

run init; expect_rc 0
write_rev 0001 r1 '""' "one" '
[[upgrade]]
op = "create_table"
table = "a"
columns = [ { name = "id", type = "integer", primary_key = true } ]
'
run upgrade head; expect_rc 0
expect_eq "$(stats)" ""

MIGRATECPP_STATS=1 run heads; expect_rc 0
expect_eq "$(stats)" "0"
MIGRATECPP_STATS=0 run current; expect_rc 0
expect_eq "$(stats)" ""
MIGRATECPP_STATS=1 run current; expect_rc 0
expect_out "r1 (head)"
current_count="$(stats)"
# The version table's lookup and its rows. No history-table read: with transactional DDL no
# revision leaves a begin marker (begun_revisions.h), so there is none to warn about.
expect_eq "$current_count" "2"

# A failed run counts too (printed after the error).
MIGRATECPP_STATS=1 run upgrade nosuchrev; expect_rc 1
CHECKS=$((CHECKS + 1))
[ -n "$(stats)" ] || fail "no stats line after a failure"

# autogenerate with no change: the same number of statements over 2 tables and over 40.
models() {
  : >models/schema.toml
  for i in $(seq "$1"); do
    printf '[[table]]\nname = "t%s"\ncolumns = [ { name = "id", type = "integer", primary_key = true }, { name = "v", type = "text" } ]\nindexes = [ { name = "ix_t%s_v", columns = ["v"] } ]\n\n' "$i" "$i" >>models/schema.toml
  done
}
# autogen_count N: the count of a no-change autogenerate over N tables, in $COUNT.
autogen_count() {
  models "$1"
  run revision --autogenerate -m "to $1"; expect_rc 0
  run upgrade head; expect_rc 0
  MIGRATECPP_STATS=1 run revision --autogenerate -m same; expect_rc 0
  COUNT="$(stats)"
  rm -f migrations/versions/*_same.toml
}
mkdir -p models
autogen_count 2
small="$COUNT"
autogen_count 40
large="$COUNT"
CHECKS=$((CHECKS + 1))
[ -n "$small" ] && [ "$small" = "$large" ] || fail "autogenerate sent $small statements at 2 tables, $large at 40"
echo "stats: current $current_count, autogenerate $small at 2 tables, $large at 40"
finish
