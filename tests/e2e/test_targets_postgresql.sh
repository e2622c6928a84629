# Issue 12, many databases on PostgreSQL: 20 databases of the test server in a targets file
# (half named, half by URL, whose password must never show), one of which already holds a
# conflicting table: its upgrade fails and rolls back, the other 19 reach head; then current
# and check over all of them. Skipped (77) without TEST_PG_URL.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

js() {
  python3 -c "import json, sys; d = json.load(sys.stdin); print($1)" <<<"$OUT" 2>&1
}

# The databases made here, dropped at the end whatever happens.
PREFIX="mt_$$_$RANDOM"
DATABASES=()
drop_databases() {
  local db args=()
  for db in "${DATABASES[@]}"; do
    args+=(-c "DROP DATABASE IF EXISTS \"$db\"")
  done
  [ ${#args[@]} = 0 ] || psql_run "${args[@]}" </dev/null >/dev/null 2>&1 || true
}
CLEANUPS+=(drop_databases)
# url_of DB: TEST_PG_URL with its database replaced by DB.
url_of() {
  local base="${TEST_PG_URL%%\?*}" query=""
  [[ "$TEST_PG_URL" == *\?* ]] && query="?${TEST_PG_URL#*\?}"
  echo "${base%/*}/$1$query"
}

run init; expect_rc 0
write_rev 0001 r1 '""' "users" '
[[upgrade]]
op = "create_table"
table = "users"
columns = [ { name = "id", type = "bigint", primary_key = true }, { name = "email", type = "varchar(255)", nullable = false } ]

[[downgrade]]
op = "drop_table"
table = "users"
'
write_rev 0002 r2 '"r1"' "posts" '
[[upgrade]]
op = "create_table"
table = "posts"
columns = [ { name = "id", type = "bigint", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "posts"
'
cat >models/schema.toml <<'TOML'
[[table]]
name = "users"
columns = [ { name = "id", type = "bigint", primary_key = true }, { name = "email", type = "varchar(255)", nullable = false } ]

[[table]]
name = "posts"
columns = [ { name = "id", type = "bigint", primary_key = true } ]
TOML

: >targets.txt
create=()
for i in $(seq -w 1 20); do
  db="${PREFIX}_$i"
  DATABASES+=("$db")
  create+=(-c "CREATE DATABASE \"$db\"")
  if [ $((10#$i % 2)) = 0 ]; then
    echo "pg$i $(url_of "$db")" >>targets.txt
  else
    url_of "$db" >>targets.txt # no name: shown as the URL, password masked
  fi
done
psql_run "${create[@]}" >/dev/null || exit 1 # one client for all: each is its own transaction
# pg07 already has a posts table of its own: r2 fails there and rolls back to r1.
psql -X -q -At "$(url_of "${PREFIX}_07")" -c "CREATE TABLE posts (title text)" >/dev/null

run upgrade head --targets-file targets.txt --jobs 4 --json
expect_rc 1
expect_eq "$(js 'd["counts"]["total"], d["counts"]["ok"], d["counts"]["failed"]')" "20 19 1"
expect_eq "$(js '[(t["result"], t["current"], t["revisions_run"]) for t in d["targets"] if t["result"] != "ok"]')" "[('failed', ['r1'], 1)]"
expect_eq "$(js '"/'"${PREFIX}"'_07" in [t["name"] for t in d["targets"] if t["result"] != "ok"][0]')" "True"
expect_eq "$(js '"already exists" in [t for t in d["targets"] if t["result"] != "ok"][0]["error"]')" "True"
expect_eq "$(js 'set((t["revisions_run"], tuple(t["current"])) for t in d["targets"] if t["result"] == "ok")')" "{(2, ('r2',))}"
expect_eq "$(js '[t["name"] for t in d["targets"]][1]')" "pg02"
expect_eq "$(js '"***@" in d["targets"][0]["name"] and "***@" in d["targets"][0]["url"]')" "True"
expect_err_has "] pg02: ok, 2 applied, at r2 ("
expect_not_anywhere ":migratecpp@"
reached=0
for i in $(seq -w 1 20); do
  v="$(psql -X -q -At "$(url_of "${PREFIX}_$i")" -c "SELECT version_num FROM migratecpp_version")"
  [ "$v" = r2 ] && reached=$((reached + 1))
done
expect_eq "$reached" "19"

# The table of the same run again: nothing to do but pg07.
run upgrade head --targets-file targets.txt
expect_rc 1
expect_out_has "relation \"posts\" already exists"
expect_err_has "20 database(s): 19 ok, 1 failed"
expect_not_anywhere ":migratecpp@"

run current --targets-file targets.txt --jobs 8 --json
expect_rc 0
expect_eq "$(js 'sorted(set(tuple(t["current"]) for t in d["targets"]))')" "[('r1',), ('r2',)]"
run check --targets-file targets.txt --target pg02,pg04
expect_rc 0
expect_err_has "2 database(s): 2 clean, 0 failed"
run check --targets-file targets.txt --json
expect_rc 1
expect_eq "$(js 'd["counts"]["ok"], d["counts"]["differs"]')" "19 1"

# The conflict resolved, the last one catches up.
psql -X -q -At "$(url_of "${PREFIX}_07")" -c "DROP TABLE posts" >/dev/null
run upgrade head --targets-file targets.txt -q
expect_rc 0
run downgrade base --targets-file targets.txt --jobs 6 --json
expect_rc 0
expect_eq "$(js 'set((t["revisions_run"], tuple(t["current"])) for t in d["targets"])')" "{(2, ())}"

finish
