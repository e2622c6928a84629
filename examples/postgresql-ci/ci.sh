#!/usr/bin/env bash
# The CI step of this project, as the workflow (.github/workflows/migrate.yml) runs it; any CI
# runs it the same way. Each command exits non-zero on failure, which fails the job:
#   upgrade head  the revisions apply to the database, in order (a fresh one builds from nothing)
#   check         the database now matches the models: a model edited without a revision fails
#   verify        no applied revision's file was edited since it ran
#
#   DATABASE_URL=postgresql://user:pass@host:5432/db bash ci.sh
# MIGRATECPP names the binary when it is not `migratecpp` on PATH.
set -euo pipefail
cd "$(dirname "$0")"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to migrate}"
migratecpp="${MIGRATECPP:-migratecpp}"

"$migratecpp" upgrade head
"$migratecpp" check
"$migratecpp" verify
"$migratecpp" current
