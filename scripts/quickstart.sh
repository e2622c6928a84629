#!/usr/bin/env bash
# Fresh Debian 12 machine -> built binary -> the Alembic-style workflow on an embedded SQLite
# database: init, a revision, upgrade head, current, history, downgrade base.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
BIN="$(pwd)/build/migratecpp"
DEMO="${DEMO_DIR:-$(mktemp -d)}"
cd "$DEMO"
echo "== quickstart in $DEMO"
set -x
"$BIN" init
cat > models/schema.toml <<'TOML'
[[table]]
name = "users"
columns = [
  { name = "id", type = "bigint", primary_key = true, autoincrement = true },
  { name = "email", type = "varchar(255)", nullable = false },
  { name = "created_at", type = "timestamp", nullable = false, default = "CURRENT_TIMESTAMP" },
]
indexes = [ { name = "ix_users_email", columns = ["email"], unique = true } ]
TOML
"$BIN" revision --autogenerate -m "add users"
"$BIN" upgrade head
"$BIN" current
"$BIN" check
"$BIN" history
sqlite3 app.db .schema
"$BIN" downgrade base
"$BIN" current
