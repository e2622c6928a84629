# -x values in templates, transaction_per_migration = false, URL precedence, colour, concurrency.
# Runs on the database MIGRATECPP_E2E_DB names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db options
printf '# ticket: ${x.ticket}\n' >> migrations/script.toml.tmpl
run revision -m "needs x" ; expect_rc 1; expect_err_has "needs -x ticket=VALUE"
run -x ticket=OPS-42 revision -m "with x" --rev-id x1; expect_rc 0
grep -q "# ticket: OPS-42" "$OUT" || fail "template did not get -x ticket"
sed -i '$d' migrations/script.toml.tmpl

# URL precedence: --url > MIGRATECPP_URL > config.
ENV_URL="$(fresh_db_url env)"
FLAG_URL="$(fresh_db_url flag)"
run upgrade head; expect_rc 0
expect_eq "$(q 'select version_num from migratecpp_version')" "x1"
MIGRATECPP_URL="$ENV_URL" run upgrade head; expect_rc 0
expect_eq "$(q_at "$ENV_URL" 'select version_num from migratecpp_version')" "x1"
MIGRATECPP_URL="$ENV_URL" run --url "$FLAG_URL" upgrade head; expect_rc 0
expect_eq "$(q_at "$FLAG_URL" 'select version_num from migratecpp_version')" "x1"

# One transaction for the whole upgrade: a failure in the second revision undoes the first.
sed -i 's/transaction_per_migration = true/transaction_per_migration = false/' migratecpp.toml
write_rev 0002 y1 '"x1"' "t1" '
[[upgrade]]
op = "create_table"
table = "t1"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "t1"
'
write_rev 0003 z1 '"y1"' "bad" '
[[upgrade]]
op = "execute"
sql = "SELECT * FROM nowhere"
'
run upgrade head; expect_rc 1
expect_taken_back x1
expect_eq "$(db_tables | grep -cx t1)" "0"
expect_eq "$(q 'select version_num from migratecpp_version')" "x1"
run upgrade head --sql; expect_rc 0
expect_eq "$(grep -cE '^(BEGIN|START TRANSACTION);' <<<"$OUT")" "1"
rm migrations/versions/0003.toml
# ... and without the failure, the whole run commits, and so does a downgrade.
run upgrade head; expect_rc 0
expect_eq "$(q 'select version_num from migratecpp_version')" "y1"
run downgrade base; expect_rc 0
expect_eq "$(q 'select count(*) from migratecpp_version')" "0"
run upgrade head; expect_rc 0
sed -i 's/transaction_per_migration = false/transaction_per_migration = true/' migratecpp.toml

# An unset ${VAR} in the config's URL matters only where that URL is used.
cp migratecpp.toml saved.toml
sed -i 's|^url = .*|url = "${MIGRATECPP_TEST_UNSET_VAR}"|' migratecpp.toml
run current; expect_rc 1; expect_err_has "MIGRATECPP_TEST_UNSET_VAR"
run --url "$DB_URL" current; expect_rc 0; expect_out "y1 (head)"
MIGRATECPP_URL="$DB_URL" run current; expect_rc 0
run heads; expect_rc 0
run upgrade head --sql --dialect "$E2E_DB"; expect_rc 0
cp saved.toml migratecpp.toml

# Colour only when asked (stderr is not a terminal here) and never with NO_COLOR.
run upgrade nosuch --color always; expect_err_has $'\033['
NO_COLOR=1 run upgrade nosuch; CHECKS=$((CHECKS + 1)); grep -q $'\033' <<<"$ERR" && fail "colour despite NO_COLOR"

# The compensating strategy (the second run of this test) opens no transactions and relies on
# the dialect's migration lock to keep two migrators apart, which SQLite lacks (MySQL has one):
# on SQLite the concurrent part below is the transactional strategy's alone.
if [ "$COMPENSATING" = 1 ] && db_is sqlite; then
  finish
  exit
fi

# Two upgrades at once: both succeed, each revision applied once.
for i in $(seq 2 20); do
  write_rev "c$i" "c$i" "\"$([ $i = 2 ] && echo y1 || echo c$((i - 1)))\"" "c$i" "
[[upgrade]]
op = \"bulk_insert\"
table = \"t1\"
rows = [ { id = $i } ]
"
done
# two_upgrades_at_once: from an empty database, both succeed, each revision applied once.
two_upgrades_at_once() {
  db_reset
  "$BIN" upgrade head -q >"$WORK/a.out" 2>&1 & pa=$!
  "$BIN" upgrade head -q >"$WORK/b.out" 2>&1 & pb=$!
  wait $pa; ra=$?; wait $pb; rb=$?
  [ "$ra/$rb" = "0/0" ] || cat "$WORK/a.out" "$WORK/b.out" >&2
  expect_eq "$ra/$rb" "0/0"
  expect_eq "$(q 'select count(*) from t1')" "19"
  expect_eq "$(q 'select version_num from migratecpp_version')" "c20"
}
two_upgrades_at_once

# The same in one transaction for the whole run: the run that waited finds the work done by
# the other and exits 0 (it used to exit 1 although the database reached the target).
sed -i 's/^transaction_per_migration = true/transaction_per_migration = false/' migratecpp.toml
for round in 1 2 3; do
  two_upgrades_at_once
done
finish
