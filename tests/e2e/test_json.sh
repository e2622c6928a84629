# Issue 12: --json on current, heads, history, show, check, verify and log: one JSON document
# each (docs/json.md, format_version 1) that a machine parses, with the same exit codes as the
# text forms. Runs on each database (MIGRATECPP_E2E_DB).
source "$(dirname "$0")/lib.sh" "$@"

# js EXPR...: print(EXPR...) in Python, `d` stdout's JSON document (values separated by a
# space); a Python error (stdout not one JSON document) fails the check that uses it.
js() {
  python3 -c "import json, sys; d = json.load(sys.stdin); print($1)" <<<"$OUT" 2>&1
}

run init; expect_rc 0
use_db json
cat >models/schema.toml <<'TOML'
[[table]]
name = "users"
columns = [ { name = "id", type = "integer", primary_key = true } ]
TOML
run revision --autogenerate -m 'users: "quoted" \ back	tab'; expect_rc 0
FIRST="$(basename "$OUT" | cut -d_ -f1)"
run upgrade head; expect_rc 0

run current --json; expect_rc 0
expect_eq "$(js 'd["format_version"], d["current"][0]["id"] == "'"$FIRST"'", d["current"][0]["is_head"]')" "1 True True"
expect_eq "$(js 'd["current"][0]["message"]')" 'users: "quoted" \ back	tab'
expect_not_anywhere 'password'

run heads --json; expect_rc 0
expect_eq "$(js '[r["id"] for r in d["heads"]]')" "['$FIRST']"

run history --json -i; expect_rc 0
expect_eq "$(js '[(r["id"], r["down_revisions"], r["is_current"]) for r in d["revisions"]]')" "[('$FIRST', [], True)]"

run show head --json; expect_rc 0
expect_eq "$(js 'd["revisions"][0]["upgrade_ops"], d["revisions"][0]["downgrade_ops"]')" \
  "[{'op': 'create_table', 'table': 'users'}] [{'op': 'drop_table', 'table': 'users'}]"
run show head --json --sql; expect_rc 2
expect_err_has "--json and --sql do not go together"

run check --json; expect_rc 0
expect_eq "$(js 'd["clean"], d["operations"]')" "True []"
cat >>models/schema.toml <<'TOML'

[[table]]
name = "posts"
columns = [ { name = "id", type = "integer", primary_key = true } ]
TOML
run check --json; expect_rc 1
expect_eq "$(js '[(o["op"], o["table"], o["destructive"]) for o in d["operations"]]')" "[('create_table', 'posts', False)]"
expect_eq "$(js 'd["clean"]')" "False"

run verify --json; expect_rc 0
expect_eq "$(js 'd["ok"], d["verified"], d["problems"]')" "True 1 []"
REV="$(ls migrations/versions/"$FIRST"_*.toml)"
sed -i 's|table = "users"|table = "users2"|' "$REV"
run verify --json; expect_rc 1
expect_eq "$(js '[(p["revision"], p["problem"]) for p in d["problems"]], d["ok"]')" "[('$FIRST', 'ops changed')] False"

run log --json; expect_rc 0
expect_eq "$(js '[(e["revision"], e["direction"], type(e["duration_ms"]).__name__) for e in d["entries"]]')" "[('$FIRST', 'upgrade', 'int')]"
run log --json -n 0; expect_rc 0
expect_eq "$(js 'len(d["entries"]), d["history_table"]')" "1 migratecpp_version_history"
finish
