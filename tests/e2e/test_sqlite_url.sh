# SQLite URL parameters: mode, cache, immutable and busy_timeout do what SQLite's URI
# parameters do; an unknown parameter or value is an error naming it, never ignored.
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
write_rev 0001 r1 '""' "items" '
[[upgrade]]
op = "create_table"
table = "items"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "items"
'
run --url "sqlite:///app.db?mode=rwc" upgrade head; expect_rc 0
write_rev 0002 r2 '"r1"' "more" '
[[upgrade]]
op = "create_table"
table = "more"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "more"
'
schema="$(sql app.db .schema)"

# Read-only: reading works, migrating fails and changes nothing.
for url in "sqlite:///app.db?mode=ro" "sqlite:///app.db?immutable=1" "sqlite:///app.db?mode=ro&cache=shared"; do
  run --url "$url" current; expect_rc 0; expect_out_has "r1"
  run --url "$url" upgrade head; expect_rc 1
  expect_err_has "readonly"
  expect_eq "$(sql app.db .schema)" "$schema"
  expect_eq "$(sql app.db 'select version_num from migratecpp_version')" "r1"
done
run --url "sqlite:///app.db?mode=ro" inspect; expect_rc 0; expect_out_has 'name = "items"'

# mode=rw: the file must exist (rwc, the default, creates it).
run --url "sqlite:///missing.db?mode=rw" current; expect_rc 1
expect_err_has "missing.db"
[ -e missing.db ] && fail "mode=rw created the file"
run --url "sqlite:///app.db?mode=rw&cache=private" upgrade head; expect_rc 0
expect_eq "$(sql app.db 'select version_num from migratecpp_version')" "r2"

# busy_timeout: how long to wait for another writer's lock (milliseconds).
(echo "BEGIN IMMEDIATE;"; sleep 4; echo "COMMIT;") | sqlite3 app.db &
holder=$!
sleep 0.5
start=$(date +%s%N)
run --url "sqlite:///app.db?busy_timeout=300" downgrade r1; expect_rc 1
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
expect_err_has "locked"
[ "$elapsed_ms" -lt 3000 ] || fail "busy_timeout=300 waited ${elapsed_ms} ms"
wait "$holder"

# Unknown parameters and values are errors naming them.
run --url "sqlite:///app.db?mode=readonly" current; expect_rc 1
expect_err_has "mode"; expect_err_has "'readonly'"; expect_err_has "ro, rw or rwc"
run --url "sqlite:///app.db?mdoe=ro" current; expect_rc 1
expect_err_has "unknown parameter 'mdoe'"; expect_err_has "did you mean 'mode'"
run --url "sqlite:///app.db?busy_timeout=soon" current; expect_rc 1
expect_err_has "busy_timeout"
run --url "sqlite:///app.db?immutable=yes" current; expect_rc 1
expect_err_has "immutable"
run --url "sqlite:///app.db?cache=none" current; expect_rc 1
expect_err_has "cache"
# In memory, parameters apply too.
run --url "sqlite://?cache=shared" current; expect_rc 0
# A file name with URI characters in it is still that file.
run --url "sqlite:///we%3Fird%23name.db?mode=rwc" upgrade head; expect_rc 0
[ -e 'we?ird#name.db' ] || fail "the file name was not kept: $(ls)"

finish
