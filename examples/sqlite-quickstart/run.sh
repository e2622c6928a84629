#!/usr/bin/env bash
# The SQLite quickstart, start to finish, in a fresh directory: init, describe the schema,
# autogenerate a revision, upgrade, check, add a row, downgrade. Every step must succeed;
# the test suite runs this script (examples.sqlite_quickstart).
#
#   bash examples/sqlite-quickstart/run.sh [path/to/migratecpp] [work-dir]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
BIN="${1:-$here/../../build/migratecpp}"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
DEMO="${2:-$(mktemp -d)}"
mkdir -p "$DEMO"
cd "$DEMO"
echo "== SQLite quickstart in $DEMO"
set -x
"$BIN" init                                   # migratecpp.toml, migrations/, models/
cp "$here/models/schema.toml" models/schema.toml
"$BIN" revision --autogenerate -m "add users and posts"
"$BIN" upgrade head
"$BIN" current
"$BIN" check                                  # exit 0: the database matches the models
"$BIN" history --verbose
sqlite3 app.db "INSERT INTO users (email) VALUES ('ada@example.com');"
sqlite3 app.db .schema
"$BIN" downgrade base
"$BIN" current
set +x
# The downgrade must leave only the version and history tables behind.
tables="$(sqlite3 app.db "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)")"
if [ "$tables" != "migratecpp_version,migratecpp_version_history" ]; then
  echo "quickstart: expected only migratecpp_version and migratecpp_version_history after downgrade base, found: $tables" >&2
  exit 1
fi
echo "== quickstart done"
