#!/usr/bin/env bash
# Installs the Debian 12 packages migratecpp builds and tests with (root, non-interactive).
# Does nothing when they are all present already.
set -euo pipefail
# python3 (3.11, for tomllib) runs tests/corpus/check_corpus.py; sqlite3 is used by the e2e tests.
# dpkg-dev (dpkg-shlibdeps) and file: CPack's Debian package (e2e.test_package).
packages=(g++ cmake ninja-build pkg-config libcli11-dev libtomlplusplus-dev libsqlite3-dev sqlite3
          libpq-dev libmariadb-dev nettle-dev catch2 python3 dpkg-dev file)
# --fuzz: also what scripts/fuzz.sh needs (not CI, whose replay tests build with g++): clang,
# and libFuzzer's runtime, which Debian ships in libclang-rt-14-dev, only a Recommends of
# clang (so --no-install-recommends leaves `clang++ -fsanitize=fuzzer` unable to link).
if [ "${1:-}" = --fuzz ]; then
  packages+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "[install-deps] installing: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/migratecpp-apt.log 2>&1; then
  $SUDO apt-get update -q >>/tmp/migratecpp-apt.log 2>&1 || true
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/migratecpp-apt.log 2>&1 \
    || { tail -n 20 /tmp/migratecpp-apt.log >&2; exit 1; }
fi
