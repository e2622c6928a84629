# Issue 12, many databases: upgrade, downgrade, current and check over a list of SQLite
# databases (--targets-file, [[targets]] with --all-targets / --target), --jobs at a time, each
# locked and migrated on its own, a failure in one not stopping the others, a summary table or
# JSON document, exit 1 if any failed; Ctrl-C stops them all cleanly.
source "$(dirname "$0")/lib.sh" "$@"

# js EXPR: print(EXPR) in Python, `d` stdout's JSON document.
js() {
  python3 -c "import json, sys; d = json.load(sys.stdin); print($1)" <<<"$OUT" 2>&1
}
# row NAME: the summary table's row of NAME, single-spaced, without its TIME (which varies).
row() { grep "^$1 " <<<"$OUT" | sed -E 's/ [0-9]+ ms( |$)/ /; s/ +$//' | tr -s ' '; }
# version DB: the version rows of tenants/DB.db.
version() { sql "tenants/$1.db" "SELECT group_concat(version_num) FROM migratecpp_version"; }

run init; expect_rc 0
write_rev 0001 r1 '""' "users" '
[[upgrade]]
op = "create_table"
table = "users"
columns = [ { name = "id", type = "integer", primary_key = true }, { name = "email", type = "varchar(255)" } ]

[[downgrade]]
op = "drop_table"
table = "users"
'
write_rev 0002 r2 '"r1"' "posts" '
[[upgrade]]
op = "create_table"
table = "posts"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "posts"
'
cat >models/schema.toml <<'TOML'
[[table]]
name = "users"
columns = [ { name = "id", type = "integer", primary_key = true }, { name = "email", type = "varchar(255)" } ]

[[table]]
name = "posts"
columns = [ { name = "id", type = "integer", primary_key = true } ]
TOML

# 50 tenants in a file, with a comment, blank lines and names; t13 is not a database.
mkdir tenants
{
  echo "# every tenant of the test"
  for i in $(seq -w 1 50); do
    echo "t$i sqlite:///$WORK/tenants/t$i.db"
    [ "$i" = 25 ] && printf '\n   # half way\n'
  done
} >tenants.txt
echo "this is not a database, only some text long enough to fail the header check" >tenants/t13.db

run upgrade head --targets-file tenants.txt --jobs 4
expect_rc 1
expect_err_has "upgrade on 50 database(s), 4 at a time"
expect_err_has "] t13: failed after "
expect_err_has "file is not a database"
expect_err_has "] t01: ok, 2 applied, at r2 ("
expect_err_has "[50/50] "
expect_err_has "50 database(s): 49 ok, 1 failed"
expect_eq "$(head -n 1 <<<"$OUT" | tr -s ' ')" "TARGET RESULT APPLIED AT TIME DETAIL"
expect_eq "$(row t01)" "t01 ok 2 r2"
expect_eq "$(row t50)" "t50 ok 2 r2"
expect_eq "$(row t13 | cut -d' ' -f1-4)" "t13 failed ? ?"
expect_out_has "file is not a database"
expect_eq "$(grep -c ' ok ' <<<"$OUT")" "49"
ok_dbs=0
for i in $(seq -w 1 50); do
  [ "$i" = 13 ] && continue
  [ "$(version "t$i")" = r2 ] && ok_dbs=$((ok_dbs + 1))
done
expect_eq "$ok_dbs" "49"
# The project's own database is not one of them: a plain upgrade keeps its meaning.
CHECKS=$((CHECKS + 1))
[ ! -e app.db ] || fail "the targets run touched [database] url"

# JSON: one document; nothing left to apply but t13 still failing.
run upgrade head --targets-file tenants.txt --json
expect_rc 1
expect_eq "$(js 'd["format_version"], d["command"], d["revision"], d["jobs"], d["ok"]')" "1 upgrade head 4 False"
expect_eq "$(js 'sorted(d["counts"].items())')" "[('differs', 0), ('failed', 1), ('not_run', 0), ('ok', 49), ('total', 50)]"
expect_eq "$(js '[t["name"] for t in d["targets"]][:3], len(d["targets"])')" "['t01', 't02', 't03'] 50"
expect_eq "$(js 'set((t["result"], t["revisions_run"], tuple(t["before"]), tuple(t["current"])) for t in d["targets"] if t["name"] != "t13")')" "{('ok', 0, ('r2',), ('r2',))}"
expect_eq "$(js '[(t["result"], "not a database" in t["error"], "revisions_run" in t) for t in d["targets"] if t["name"] == "t13"]')" "[('failed', True, False)]"
expect_eq "$(js 'all(isinstance(t["duration_ms"], int) and t["url"].startswith("sqlite:///") for t in d["targets"])')" "True"

# Mended, the failed one catches up alone; one job at a time gives the same.
rm tenants/t13.db
run upgrade head --targets-file tenants.txt --jobs 1 -q
expect_rc 0
expect_eq "$ERR" ""
expect_eq "$(row t13)" "t13 ok 2 r2"
expect_eq "$(row t14)" "t14 ok 0 r2"

# current and check over the list.
run current --targets-file tenants.txt
expect_rc 0
expect_eq "$(head -n 1 <<<"$OUT" | tr -s ' ')" "TARGET RESULT AT TIME DETAIL"
expect_eq "$(row t07)" "t07 ok r2"
expect_err_has "] t07: at r2 ("
run current --targets-file tenants.txt --json --target t02,t03
expect_rc 0
expect_eq "$(js '[(t["name"], t["current"]) for t in d["targets"]]')" "[('t02', ['r2']), ('t03', ['r2'])]"
run check --targets-file tenants.txt
expect_rc 0
expect_err_has "50 database(s): 50 clean, 0 failed"
sql tenants/t05.db "CREATE TABLE extra (id integer)"
run check --targets-file tenants.txt --jobs 8
expect_rc 1
expect_out_has "t05: 1 pending operation(s)"
expect_eq "$(row t05 | cut -d' ' -f1-2)" "t05 differs"
expect_err_has "50 database(s): 49 clean, 1 differ, 0 failed"
run check --targets-file tenants.txt --json
expect_rc 1
expect_eq "$(js '[(t["name"], len(t["operations"])) for t in d["targets"] if t["result"] != "ok"], d["counts"]["differs"]')" "[('t05', 1)] 1"
sql tenants/t05.db "DROP TABLE extra"

# --jobs 1 and --jobs 4 end the same: the summaries (without times) and every schema.
summary() { js '[(t["name"], t["result"], t.get("revisions_run"), t.get("current")) for t in d["targets"]]'; }
dump() { for i in $(seq -w 1 50); do sqlite3 "tenants/t$i.db" .schema "SELECT * FROM migratecpp_version"; done | md5sum; }
run downgrade base --targets-file tenants.txt --jobs 4 --json; expect_rc 0
expect_eq "$(js 'set((t["result"], t["revisions_run"], tuple(t["current"])) for t in d["targets"])')" "{('ok', 2, ())}"
run upgrade r1 --targets-file tenants.txt --jobs 1 --json; expect_rc 0
ONE="$(summary)"; DUMP_ONE="$(dump)"
run downgrade base --targets-file tenants.txt --jobs 1; expect_rc 0
expect_eq "$(row t09)" "t09 ok 1 base"
run upgrade r1 --targets-file tenants.txt --jobs 4 --json; expect_rc 0
expect_eq "$(summary)" "$ONE"
expect_eq "$(dump)" "$DUMP_ONE"
run upgrade head --targets-file tenants.txt -q; expect_rc 0

# Every database has its own lock: t07's held elsewhere makes t07 alone give up.
run downgrade base --targets-file tenants.txt --target t07,t08 -q; expect_rc 0
flock --no-fork "tenants/t07.db-migratecpp-lock" sleep 30 &
HOLDER=$!
sleep 0.3
run upgrade head --targets-file tenants.txt --target t07 --target t08 --lock-timeout 0
expect_rc 1
expect_err_has "t07: failed after "
expect_err_has "migration lock"
expect_eq "$(row t08)" "t08 ok 2 r2"
expect_eq "$(version t07)" ""
kill "$HOLDER"; wait "$HOLDER" 2>/dev/null
run upgrade head --targets-file tenants.txt --target t07; expect_rc 0
expect_eq "$(version t07)" "r2"

# Selection and usage errors.
run upgrade head --targets-file tenants.txt --target t1
expect_rc 2
expect_err_has "no target named 't1' in tenants.txt (did you mean 't01'?)"
run upgrade head --jobs 2; expect_rc 2
expect_err_has "--jobs needs a list of databases: --all-targets, --target or --targets-file"
run upgrade head --json; expect_rc 2
run upgrade head --targets-file tenants.txt --jobs 0; expect_rc 2
run upgrade head --targets-file tenants.txt --url sqlite:///x.db; expect_rc 2
expect_err_has "--url names one database"
run upgrade head --targets-file tenants.txt --sql; expect_rc 2
expect_err_has "--sql is for one script that needs no database"
run upgrade head --targets-file tenants.txt --dialect sqlite; expect_rc 2
expect_err_has "--dialect is for one script that needs no database"
run upgrade head --targets-file tenants.txt --all-targets; expect_rc 2
run upgrade head --all-targets; expect_rc 2
expect_err_has "no [[targets]] in migratecpp.toml"
printf 'a sqlite:///a.db\n# fine\nb sqlite:///b.db trailing words\n' >bad.txt
run upgrade head --targets-file bad.txt; expect_rc 1
expect_err_has "bad.txt:3: expected 'URL' or 'NAME URL', found 4 words"
run upgrade head --targets-file missing.txt; expect_rc 1
expect_err_has "missing.txt: cannot read targets file"

# [[targets]] in the config, with ${VAR}: an unset one fails its target only, and a password
# never shows.
export MIGRATECPP_TEST_TENANT_DIR="$WORK/tenants"
unset MIGRATECPP_TEST_NO_SUCH_VAR
cat >>migratecpp.toml <<'TOML'

[[targets]]
name = "cfg-a"
url = "sqlite:///${MIGRATECPP_TEST_TENANT_DIR}/cfg-a.db"

[[targets]]
name = "cfg-b"
url = "sqlite:///${MIGRATECPP_TEST_NO_SUCH_VAR}/cfg-b.db"

[[targets]]
name = "cfg-c"
url = "postgresql://app:hunter2secret@127.0.0.1:1/nothing?connect_timeout=2"
TOML
run upgrade head --all-targets
expect_rc 1
expect_eq "$(row cfg-a)" "cfg-a ok 2 r2"
expect_err_has "cfg-b: failed after "
expect_err_has "environment variable 'MIGRATECPP_TEST_NO_SUCH_VAR' is not set"
expect_eq "$(row cfg-c | cut -d' ' -f1-2)" "cfg-c failed"
expect_not_anywhere "hunter2secret"
expect_eq "$(sql tenants/cfg-a.db 'SELECT version_num FROM migratecpp_version')" "r2"
run current --target cfg-a; expect_rc 0
expect_eq "$(row cfg-a)" "cfg-a ok r2"
run current --target cfg-x; expect_rc 2
expect_err_has "did you mean 'cfg-a'?"
run current --all-targets --json; expect_rc 1
expect_eq "$(js '[t["url"] for t in d["targets"]][2]')" "postgresql://app:***@127.0.0.1:1/nothing?connect_timeout=2"
# The plain command still means [database] url.
run upgrade head; expect_rc 0
expect_eq "$(sql app.db 'SELECT version_num FROM migratecpp_version')" "r2"

# Ctrl-C: the running databases are cancelled and rolled back, the rest not started; exit 130.
mkdir "$WORK/slow" && cd "$WORK/slow" || exit 1
run init; expect_rc 0
write_rev 0001 s1 '""' "slow" '
[[upgrade]]
op = "create_table"
table = "t"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[upgrade]]
op = "execute"
sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) FROM c"
'
for i in 1 2 3 4 5 6; do echo "s$i sqlite:///$WORK/slow/s$i.db"; done >slow.txt
started=$SECONDS
"$BIN" upgrade head --targets-file slow.txt --jobs 3 >"$WORK/.out" 2>"$WORK/.err" </dev/null &
pid=$!
sleep 1.5
kill -INT "$pid"
wait "$pid"
RC=$?
OUT="$(cat "$WORK/.out")"
ERR="$(cat "$WORK/.err")"
expect_rc 130
CHECKS=$((CHECKS + 1))
[ $((SECONDS - started)) -lt 20 ] || fail "the interrupted run took $((SECONDS - started)) s"
expect_err_has "interrupted by SIGINT"
# Three were running (a slower machine may not have started them all): none got through.
expect_err_has "error: interrupted by SIGINT: 6 database(s): 0 ok, "
expect_eq "$(grep -cE '^s[1-6] +(failed|not_run) ' <<<"$OUT")" "6"
expect_out_has "not run: interrupted by SIGINT"
for i in 1 2 3 4 5 6; do
  [ -e "s$i.db" ] || continue
  expect_eq "$(sql "s$i.db" "SELECT count(*) FROM sqlite_master WHERE name = 't'")" "0"
done

finish
