#!/usr/bin/env bash
# The Debian package, proven on a fresh Debian 12: builds the .deb (cpack in $BUILD_DIR), makes a
# bookworm minbase root with debootstrap (cached as a tarball, so a second run skips it), enters
# it without containers (unshare: its own mount and PID namespaces, then chroot), installs the
# package there with apt (which pulls the Depends dpkg-shlibdeps computed from Debian's
# archive), and runs the SQLite quickstart with the installed /usr/bin/migratecpp; then checks
# that man finds the manual and that the bash completion is in place.
#
#   sudo bash scripts/test-deb.sh         # root: debootstrap, unshare and chroot need it
#
# BUILD_DIR (default build): the build to package; configured (tests off, prefix /usr) when
# absent. MIGRATECPP_DEB_CACHE (default $XDG_CACHE_HOME/migratecpp, else /var/cache/migratecpp):
# the root tarball (made again after 30 days, or with MIGRATECPP_DEB_REFRESH=1) and apt's
# downloaded .debs. MIRROR: the Debian mirror, by default the one this machine's apt sources
# name. DEB: an already built package to test instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC="$PWD"
BUILD_DIR="${BUILD_DIR:-build}"
SUITE=bookworm
ARCH="$(dpkg --print-architecture)"
CACHE="${MIGRATECPP_DEB_CACHE:-${XDG_CACHE_HOME:-/var/cache}/migratecpp}"
START=$SECONDS
log() { echo "[test-deb $((SECONDS - START))s] $*" >&2; }
die() {
  echo "test-deb: $*" >&2
  exit 1
}
[ "$(id -u)" = 0 ] || die "run as root (debootstrap, unshare and chroot need it): sudo bash $0"

# The first URI of an enabled apt source (one-line or deb822) that carries suite $1.
mirror_for() {
  local suite="$1" f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v s="$suite" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                         if ($(i + 1) == s) { print $i; exit } }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v s="$suite" 'BEGIN { RS = ""; FS = "\n" }
      { uri = ""; ok = 0; deb = 0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { split($i, a, " "); uri = a[2] }
          if ($i ~ /^Suites:/) { n = split($i, a, " "); for (j = 2; j <= n; j++) if (a[j] == s) ok = 1 }
          if ($i ~ /^Types:.*(^|[ :])deb( |$)/) deb = 1
          if ($i ~ /^Enabled: *no/) ok = 0 }
        if (ok && deb && uri != "") { print uri; exit } }' "$f"
  done
}
MIRROR="${MIRROR:-$(mirror_for "$SUITE" | head -n 1)}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SECURITY="${SECURITY_MIRROR:-$(mirror_for "$SUITE-security" | head -n 1)}"

WORK=""
# Every mount this script makes lives in the namespace of the unshare that made it and goes
# with it; this is the check that none leaked before the work tree is removed.
cleanup() {
  local rc=$?
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    local m
    for m in $(awk -v w="$WORK" 'index($2, w) == 1 { print $2 }' /proc/self/mounts | sort -r); do
      umount -l "$m" 2>/dev/null || true
    done
    if awk -v w="$WORK" 'index($2, w) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
      echo "test-deb: mounts remain under $WORK; left in place" >&2
    else
      rm -rf "$WORK"
    fi
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The root: debootstrap once, then the tarball of its result.
mkdir -p "$CACHE/apt-archives/partial"
# zstd when there is one: the tarball unpacks in a few seconds rather than gzip's twenty.
if command -v zstd >/dev/null; then COMPRESS=--zstd EXT=tar.zst; else COMPRESS=--gzip EXT=tar.gz; fi
TARBALL="$CACHE/$SUITE-minbase-$ARCH.$EXT"
# A root older than 30 days is made again (the archive moves on); MIGRATECPP_DEB_REFRESH=1 forces it.
if [ -s "$TARBALL" ] && { [ "${MIGRATECPP_DEB_REFRESH:-0}" = 1 ] || [ -n "$(find "$TARBALL" -mtime +30)" ]; }; then
  rm -f "$TARBALL"
fi
if [ ! -s "$TARBALL" ]; then
  command -v debootstrap >/dev/null || {
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap \
      >"$CACHE/apt.log" 2>&1 || { tail -n 20 "$CACHE/apt.log" >&2; exit 1; }
  }
  log "debootstrap --variant=minbase $SUITE from $MIRROR (first run only; log: $CACHE/debootstrap.log)"
  WORK="$(mktemp -d /var/tmp/migratecpp-deb.XXXXXX)"
  # In a mount namespace of its own: the /proc and /sys debootstrap mounts in the root go away
  # with it, even if it fails half-way.
  if ! unshare --mount debootstrap --variant=minbase --arch="$ARCH" "$SUITE" "$WORK/root" \
    "$MIRROR" >"$CACHE/debootstrap.log" 2>&1; then
    tail -n 30 "$CACHE/debootstrap.log" >&2
    die "debootstrap failed"
  fi
  tar -C "$WORK/root" $COMPRESS -cf "$TARBALL.part" . && mv "$TARBALL.part" "$TARBALL"
  rm -rf "$WORK"
  WORK=""
  log "root cached in $TARBALL ($(du -h "$TARBALL" | cut -f1))"
else
  log "root from the cache: $TARBALL"
fi

# 2. The package.
if [ -z "${DEB:-}" ]; then
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    log "configuring $BUILD_DIR (tests off, install prefix /usr)"
    BUILD_DIR="$BUILD_DIR" CMAKE_ARGS="-DMIGRATECPP_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr ${CMAKE_ARGS:-}" \
      bash scripts/build.sh >/dev/null
  fi
  log "building the package (cpack -G DEB in $BUILD_DIR)"
  cmake --build "$BUILD_DIR" >/dev/null
  rm -f "$BUILD_DIR"/packages/migratecpp_*.deb
  (cd "$BUILD_DIR" && cpack -G DEB >cpack.log 2>&1) || { tail -n 30 "$BUILD_DIR/cpack.log" >&2; die "cpack failed"; }
  DEB="$(ls "$BUILD_DIR"/packages/migratecpp_*.deb)"
fi
[ -f "$DEB" ] || die "no package at $DEB"
log "package: $DEB"
dpkg-deb -f "$DEB" Package Version Depends >&2

# 3. A fresh copy of the root, with the package, the quickstart and the test's own steps.
WORK="$(mktemp -d /var/tmp/migratecpp-deb.XXXXXX)"
ROOT="$WORK/root"
mkdir "$ROOT"
tar -C "$ROOT" $COMPRESS -xf "$TARBALL"
{
  echo "deb $MIRROR $SUITE main"
  echo "deb $MIRROR $SUITE-updates main"
  [ -z "$SECURITY" ] || echo "deb $SECURITY $SUITE-security main"
} >"$ROOT/etc/apt/sources.list"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
# No service starts inside the root; apt downloads as root into the shared cache.
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"
echo 'APT::Sandbox::User "root";' >"$ROOT/etc/apt/apt.conf.d/99migratecpp-test"
cp "$DEB" "$ROOT/tmp/"
cp -r "$SRC/examples/sqlite-quickstart" "$ROOT/tmp/quickstart"
cat >"$ROOT/tmp/inside.sh" <<'EOF'
set -euo pipefail
step() { echo "[inside] $*" >&2; }
step "apt-get update"
apt-get update -q >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
step "apt-get install ./migratecpp_*.deb (nothing else installed yet: its Depends must suffice)"
apt-get install -y -q --no-install-recommends /tmp/migratecpp_*.deb >>/tmp/apt.log 2>&1 ||
  { tail -n 40 /tmp/apt.log; exit 1; }
grep '^Unpacking' /tmp/apt.log | sed 's/^/  /' || true
if ldd /usr/bin/migratecpp | grep 'not found'; then
  echo "inside: a library the binary needs is not installed: the Depends line is short" >&2
  exit 1
fi
migratecpp --version
# libpq and libmariadb are opened at run time, so ldd cannot vouch for them: a URL of each
# scheme must get as far as connecting (nothing listens on port 1), not stop at the library.
for url in postgresql://u@127.0.0.1:1/db mysql://u@127.0.0.1:1/db; do
  if migratecpp current --url "$url" 2>&1 | grep 'need the client library'; then
    echo "inside: the client library for $url is not installed: the Depends line is short" >&2
    exit 1
  fi
done
step "the quickstart's own tools: sqlite3, man-db"
apt-get install -y -q --no-install-recommends sqlite3 man-db >>/tmp/apt.log 2>&1 ||
  { tail -n 40 /tmp/apt.log; exit 1; }
step "the SQLite quickstart with /usr/bin/migratecpp"
bash /tmp/quickstart/run.sh /usr/bin/migratecpp /tmp/demo >/tmp/quickstart.log 2>&1 ||
  { cat /tmp/quickstart.log; exit 1; }
tail -n 1 /tmp/quickstart.log
step "man -w migratecpp; bash completion"
man -w migratecpp
man -w migratecpp-upgrade
test -s /usr/share/bash-completion/completions/migratecpp
bash -c 'source /usr/share/bash-completion/completions/migratecpp && complete -p migratecpp'
test -s /usr/share/zsh/vendor-completions/_migratecpp
test -s /usr/share/fish/vendor_completions.d/migratecpp.fish
step "apt-get remove leaves nothing of the package behind"
apt-get remove -y -q migratecpp >>/tmp/apt.log 2>&1
if [ -e /usr/bin/migratecpp ] || [ -e /usr/share/man/man1/migratecpp.1.gz ]; then
  echo "inside: files left after apt-get remove" >&2
  exit 1
fi
echo "[inside] all checks passed" >&2
EOF

# 4. Inside: new mount and PID namespaces (no container runtime), /proc, /dev and the apt cache
# mounted there, chroot. The mounts end with the namespace.
log "entering the root (unshare --mount --pid --fork, chroot)"
unshare --mount --pid --fork --propagation private /bin/bash -c '
  set -e
  root="$1" cache="$2"
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount --bind "$cache" "$root/var/cache/apt/archives"
  exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/bash /tmp/inside.sh' _ "$ROOT" \
  "$CACHE/apt-archives"
log "passed: $(basename "$DEB") installs on a fresh Debian $SUITE root and runs the quickstart"
