#!/usr/bin/env bash
# Fresh Debian 12 machine -> built binary -> the Alembic-style workflow on an embedded SQLite
# database (examples/sqlite-quickstart): init, a revision, upgrade head, current, check,
# history, downgrade base.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
bash examples/sqlite-quickstart/run.sh "$(pwd)/build/migratecpp" "${DEMO_DIR:-$(mktemp -d)}"
