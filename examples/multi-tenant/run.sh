#!/usr/bin/env bash
# The multi-tenant example, start to finish, in a fresh directory: one SQLite database per
# tenant, migrated one tenant first (a canary), then all of them at once, two at a time; then
# where each one is, whether each matches the models, and the JSON summary a deploy script
# would read. Every step must succeed; the test suite runs this script (examples.multi_tenant).
#
#   bash examples/multi-tenant/run.sh [path/to/migratecpp] [work-dir]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
BIN="${1:-$here/../../build/migratecpp}"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
DEMO="${2:-$(mktemp -d)}"
mkdir -p "$DEMO"
cp -r "$here/migratecpp.toml" "$here/tenants.txt" "$here/models" "$here/migrations" "$DEMO/"
cd "$DEMO"
mkdir -p tenants
export TENANT_DIR="$DEMO/tenants"
echo "== multi-tenant example in $DEMO"
set -x
"$BIN" upgrade 5a1c0e2b9d41 --target acme      # the canary gets the first revision
"$BIN" upgrade head --all-targets --jobs 2     # every tenant, two at a time, to head
"$BIN" current --all-targets
"$BIN" check --all-targets                     # exit 0: every tenant matches the models
"$BIN" current --targets-file tenants.txt --target globex,umbrella
"$BIN" upgrade head --all-targets --json >summary.json
set +x
cat summary.json
# Every tenant at head, and the summary says so.
for t in acme globex initech umbrella; do
  at="$(sqlite3 "tenants/$t.db" "SELECT version_num FROM migratecpp_version")"
  if [ "$at" != 8e7f3d6c2a10 ]; then
    echo "multi-tenant: $t is at '$at', expected 8e7f3d6c2a10" >&2
    exit 1
  fi
done
python3 - summary.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 1 and d["ok"], d
assert [t["name"] for t in d["targets"]] == ["acme", "globex", "initech", "umbrella"], d
assert all(t["current"] == ["8e7f3d6c2a10"] and t["revisions_run"] == 0 for t in d["targets"]), d
PY
# The developer's own database ([database] url) was never touched.
if [ -e dev.db ]; then
  echo "multi-tenant: dev.db was created by a targets run" >&2
  exit 1
fi
echo "== multi-tenant example done"
