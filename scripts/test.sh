#!/usr/bin/env bash
# The whole test suite: installs what is missing, starts throwaway PostgreSQL and MariaDB
# servers on 127.0.0.1, builds, and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ "${MIGRATECPP_SKIP_SERVERS:-0}" != 1 ]; then
  bash scripts/test-databases.sh start
  eval "$(bash scripts/test-databases.sh env)"
  export TEST_PG_URL TEST_MYSQL_URL
fi
bash scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --timeout 600 -j"${JOBS:-$(nproc)}"
