#!/usr/bin/env bash
# bench/all.sh — every benchmark of bench/, one after the other, on one binary, into one
# Markdown report: the anchor scenarios beside Alembic (run.sh), the autogenerate scaling
# series to 10,000 tables (scaling.sh), offline scripts to 100,000 revisions
# (offline_scaling.sh), and the 1,000,000-row SQLite rebuild (rebuild.sh). bench/RESULTS.md
# is one such report, from a quiet machine.
#
#   bash bench/all.sh [--quick] [--bin PATH]
#
# --quick: fewer runs and smaller sizes (a check that everything works, ~5 min; figures not
# for the record). The default binary is build-bench/migratecpp (Release; run.sh builds it if
# missing). The report goes to stdout and to bench/results/all-<date>.md. Needs what run.sh
# needs (it installs it) and the servers of scripts/test-databases.sh (started if down).
# About 30 minutes on the 2-core machine of bench/RESULTS.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
QUICK=0
BIN="${MIGRATECPP_BIN:-$REPO/build-bench/migratecpp}"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --bin) BIN="$2"; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "all.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '\033[1m[all %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
T_START=$(date +%s)
WORK="$(mktemp -d /tmp/migratecpp-all.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if [ "$QUICK" = 1 ]; then
  RUN_ARGS=(--quick)
  SCALING_ARGS=(--sizes "500 2000" --runs 1 --alembic-max 500)
  OFFLINE_ARGS=(--sizes "1000 4000" --runs 1)
  REBUILD_ARGS=(--rows 100000 --runs 1)
else
  RUN_ARGS=()
  SCALING_ARGS=()
  OFFLINE_ARGS=(--sizes "1000 2000 4000 8000 16000 32000 64000 100000" --runs 1)
  REBUILD_ARGS=(--rows 1000000 --runs 3)
fi

# run.sh first: it builds the binary when it is missing, and starts nothing the others lack.
log "anchor scenarios (bench/run.sh ${RUN_ARGS[*]})"
MIGRATECPP_BIN="$BIN" bash "$BENCH_DIR/run.sh" "${RUN_ARGS[@]}" >"$WORK/run.md"
BIN="$(readlink -f "$BIN")"
log "autogenerate scaling (bench/scaling.sh ${SCALING_ARGS[*]})"
bash "$BENCH_DIR/scaling.sh" --bin "$BIN" "${SCALING_ARGS[@]}" >"$WORK/scaling.md"
log "offline scripts (bench/offline_scaling.sh ${OFFLINE_ARGS[*]})"
bash "$BENCH_DIR/offline_scaling.sh" --bin "$BIN" --dialects sqlite,postgresql,mysql \
  "${OFFLINE_ARGS[@]}" >"$WORK/offline.md"
log "1M-row rebuild (bench/rebuild.sh ${REBUILD_ARGS[*]})"
bash "$BENCH_DIR/rebuild.sh" --bin "$BIN" "${REBUILD_ARGS[@]}" >"$WORK/rebuild.md"

{
  echo "# migratecpp benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Reproduce: \`bash bench/all.sh$([ "$QUICK" = 1 ] && echo ' --quick')\` ($(( ($(date +%s) - T_START) / 60 )) min here)."
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- binary: $BIN ($("$BIN" --version)), tree $(git -C "$REPO" log -1 --format='%h' 2>/dev/null || echo '?')"
  echo
  echo "## Beside Alembic: the anchor scenarios (bench/run.sh)"
  echo
  sed '1{/^# /d}' "$WORK/run.md"
  echo
  echo "## Autogenerate to 10,000 tables (bench/scaling.sh)"
  echo
  cat "$WORK/scaling.md"
  echo
  echo "## Offline scripts: upgrade --sql over N revisions (bench/offline_scaling.sh)"
  echo
  cat "$WORK/offline.md"
  echo
  echo "## One rebuild of a 1,000,000-row SQLite table (bench/rebuild.sh)"
  echo
  cat "$WORK/rebuild.md"
} >"$WORK/all.md"
mkdir -p "$BENCH_DIR/results"
RESULT="$BENCH_DIR/results/all-$(date +%Y-%m-%d-%H%M).md"
cp "$WORK/all.md" "$RESULT"
cat "$RESULT"
log "written: $RESULT (total $(( $(date +%s) - T_START )) s)"
