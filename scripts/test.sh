#!/usr/bin/env bash
# The whole test suite: installs what is missing, starts throwaway PostgreSQL and MariaDB
# servers on 127.0.0.1, builds, and runs every test through ctest.
#
# Tests whose server is not configured are reported by ctest as skipped. With
# MIGRATECPP_REQUIRE_SERVERS=1 (set by .ci/run; CI=true implies it) a skipped test fails the
# run, naming the skipped tests: a green CI must never hide a server that did not start.
set -euo pipefail
cd "$(dirname "$0")/.."
require_servers="${MIGRATECPP_REQUIRE_SERVERS:-0}"
[ "${CI:-}" = true ] && require_servers=1
if [ "$require_servers" = 1 ] && [ "${MIGRATECPP_SKIP_SERVERS:-0}" = 1 ]; then
  echo "[test] MIGRATECPP_SKIP_SERVERS=1 contradicts MIGRATECPP_REQUIRE_SERVERS=1 (or CI=true)" >&2
  exit 2
fi
bash scripts/install-deps.sh
if [ "${MIGRATECPP_SKIP_SERVERS:-0}" != 1 ]; then
  bash scripts/test-databases.sh start
  eval "$(bash scripts/test-databases.sh env)"
  export TEST_PG_URL TEST_MYSQL_URL
fi
bash scripts/build.sh
cd "${BUILD_DIR:-build}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
rc=0
# shellcheck disable=SC2086 # CTEST_ARGS is a list of words
ctest --output-on-failure --timeout 600 -j"${JOBS:-$(nproc)}" ${CTEST_ARGS:-} 2>&1 | tee "$log" || rc=$?
if [ "$require_servers" = 1 ]; then
  # ctest's summary lists them as "<tab> 12 - postgresql.transactions (Skipped)".
  skipped="$(sed -n 's/^[[:space:]]*[0-9][0-9]* - \(.*\) (Skipped)$/\1/p' "$log")"
  if [ -n "$skipped" ]; then
    echo "[test] FAILED: servers are required (MIGRATECPP_REQUIRE_SERVERS=1 or CI=true)," \
      "but $(wc -l <<<"$skipped") test(s) were skipped:" >&2
    sed 's/^/  /' <<<"$skipped" >&2
    exit 1
  fi
fi
exit "$rc"
