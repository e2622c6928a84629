#!/usr/bin/env bash
# The whole test suite again, built with AddressSanitizer + UBSan into ./build-asan (or
# $BUILD_DIR): any memory error, leak or undefined behaviour fails the test that hit it.
# Servers and dependencies as in scripts/test.sh, which this calls. Run by .ci/run after the
# plain suite.
#
#   CTEST_ARGS="-E corpus" bash scripts/test-sanitizers.sh   # leave out the slow corpus tests
set -euo pipefail
cd "$(dirname "$0")/.."
export BUILD_DIR="${BUILD_DIR:-build-asan}"
# RelWithDebInfo, not Debug: the sanitizers find the same faults, and the corpus tests stay
# within CI's time.
export BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"
export CMAKE_ARGS="-DMIGRATECPP_SANITIZE=ON ${CMAKE_ARGS:-}"
# Stop at the first report with a non-zero exit, so that ctest sees the failure; UBSan's
# checks do not recover (-fno-sanitize-recover in CMakeLists.txt).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}"
exec bash scripts/test.sh
