#!/usr/bin/env bash
# bench/offline_scaling.sh — the offline scaling series of issue 13: `upgrade head --sql` over a
# linear chain of N small revisions (bench/gen_chain.py), for N doubling. Linear means the time
# doubles with N (the "x prev" column stays near 2.0); quadratic means it quadruples.
#
#   bash bench/offline_scaling.sh [--sizes "1000 2000 4000 8000"] [--dialects sqlite,postgresql,mysql]
#                                 [--kind table|mixed] [--runs N] [--bin PATH] [--keep]
#
# For each (dialect, N): the median CPU time (user + sys: wall time on a shared machine says
# more about the neighbours) and wall time of `upgrade head --sql --dialect D` over --runs runs
# (default 3), peak RSS (GNU time), and the script's size in lines. The projects are
# generated once per N into a temp dir (not timed). No database is needed. Prints a Markdown
# table. Default binary: build/migratecpp (RelWithDebInfo, what scripts/build.sh makes).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
BIN="${MIGRATECPP_BIN:-$REPO/build/migratecpp}"
SIZES="1000 2000 4000 8000"
DIALECTS="sqlite,postgresql,mysql"
KIND=table
RUNS=3
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift ;;
    --dialects) DIALECTS="$2"; shift ;;
    --kind) KIND="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --bin) BIN="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "offline_scaling.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
BIN="$(readlink -f "$BIN")"
[ -x "$BIN" ] || { echo "offline_scaling.sh: no binary at $BIN (build first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "offline_scaling.sh: needs GNU time (apt-get install time)" >&2; exit 1; }

WORK="$(mktemp -d /tmp/offline-scaling.XXXXXX)"
if [ "$KEEP" = 0 ]; then
  trap 'rm -rf "$WORK"' EXIT
else
  echo "work dir: $WORK" >&2
fi

echo "migratecpp $("$BIN" --version 2>/dev/null | head -1), kind $KIND, $RUNS runs, $(date -u +%F)"
echo
echo "| dialect | revisions | CPU s | x prev | wall s | peak RSS MiB | script lines |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for d in ${DIALECTS//,/ }; do
  prev=""
  for n in $SIZES; do
    proj="$WORK/$KIND-$n"
    [ -d "$proj" ] || /usr/bin/python3 "$BENCH_DIR/gen_chain.py" "$proj" "$n" --kind "$KIND"
    cpus=()
    walls=()
    rss=0
    for _ in $(seq "$RUNS"); do
      /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" \
        "$BIN" -c "$proj/migratecpp.toml" upgrade head --sql --dialect "$d" >"$WORK/out.sql" \
        2>"$WORK/err" || { echo "failed: $d $n" >&2; cat "$WORK/err" >&2; exit 1; }
      read -r w u s m <"$WORK/time"
      walls+=("$w")
      cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
      [ "$m" -gt "$rss" ] && rss=$m
    done
    median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    med=$(median "${cpus[@]}")
    wall=$(median "${walls[@]}")
    ratio="-"
    [ -n "$prev" ] && ratio=$(awk -v a="$med" -v b="$prev" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}')
    lines=$(wc -l <"$WORK/out.sql")
    echo "| $d | $n | $med | $ratio | $wall | $((rss / 1024)) | $lines |"
    prev=$med
  done
done
