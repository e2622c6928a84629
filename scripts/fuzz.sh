#!/usr/bin/env bash
# Fuzzes the loaders with libFuzzer (docs/fuzzing.md). Builds the harnesses with clang into
# ./build-fuzz (or $BUILD_DIR), then runs each target over a scratch copy of its seed corpus
# (tests/fuzz/corpus/<target>, never written to) for SECONDS, with its dictionary.
#
#   bash scripts/fuzz.sh [TARGET|all] [SECONDS]     # default: all, 600 seconds each
#   targets: revision_file model_file config target url
#
# Crashes, leaks, timeouts and out-of-memory inputs are written to the scratch directory
# printed at the end ($FUZZ_OUT, default a new /tmp/migratecpp-fuzz.XXXX); the script exits 1
# if any target found one. Extra libFuzzer flags: FUZZ_ARGS="-jobs=2 -workers=2".
# Needs clang and its libFuzzer runtime (Debian: clang, libclang-rt-14-dev;
# scripts/install-deps.sh --fuzz installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
all_targets=(revision_file model_file config target url)
which="${1:-all}"
seconds="${2:-600}"
if [ "$which" = all ]; then
  targets=("${all_targets[@]}")
else
  case " ${all_targets[*]} " in
  *" $which "*) targets=("$which") ;;
  *) echo "fuzz.sh: unknown target '$which' (one of: ${all_targets[*]}, all)" >&2; exit 2 ;;
  esac
fi

BUILD_DIR="${BUILD_DIR:-build-fuzz}"
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMIGRATECPP_FUZZ=ON -DMIGRATECPP_TESTS=OFF "${launcher[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j"${JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

out="${FUZZ_OUT:-$(mktemp -d /tmp/migratecpp-fuzz.XXXXXX)}"
mkdir -p "$out"
# Leaks count as findings; the harnesses abort on a broken property, UBSan does not recover.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for t in "${targets[@]}"; do
  corpus="$out/$t/corpus"
  artifacts="$out/$t/artifacts"
  mkdir -p "$corpus" "$artifacts"
  cp -r "tests/fuzz/corpus/$t/." "$corpus/"
  echo "[fuzz] $t: ${seconds}s, corpus $corpus, log $out/$t/fuzz.log" >&2
  # -max_len: the seeds reach a few KB; larger inputs only slow the search down.
  if ! "$BUILD_DIR/tests/fuzz/fuzz_$t" "$corpus" -dict="tests/fuzz/$t.dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 ${FUZZ_ARGS:-} >"$out/$t/fuzz.log" 2>&1; then
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t/fuzz.log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$out/$t/fuzz.log" | tail -1)
  found=$(find "$artifacts" -type f | wc -l)
  echo "[fuzz] $t: ${runs:-?} runs, ${cov:-cov: ?}, $found finding(s) in $artifacts" >&2
  [ "$found" -eq 0 ] || status=1
done
echo "[fuzz] scratch directory: $out" >&2
exit "$status"
