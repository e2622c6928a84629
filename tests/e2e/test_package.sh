# Issue 12: the Debian package. `cpack -G DEB` on the build (into a scratch directory) makes a
# .deb that holds, under /usr only, the binary, the gzipped man pages, the three completion
# scripts, the copyright file and changelog (and the library, headers and CMake package when the
# build has a shared library), with a Depends line computed by dpkg-shlibdeps. Installing it on
# a fresh Debian root is scripts/test-deb.sh (too slow for the suite). Skipped (77) where the
# Debian tools are missing.
source "$(dirname "$0")/lib.sh" "$@"

BUILD="$(dirname "$BIN")"
for tool in cpack dpkg-deb dpkg-shlibdeps; do
  if ! command -v "$tool" >/dev/null; then
    echo "MIGRATECPP-SKIPPED: $tool is not installed"
    exit 77
  fi
done
CHECKS=$((CHECKS + 1))
[ -f "$BUILD/CPackConfig.cmake" ] || fail "no CPackConfig.cmake in $BUILD"

# -B: the package and CPack's staging tree go to the scratch directory, not the build's.
(cd "$BUILD" && cpack -G DEB -B "$WORK/packages") >"$WORK/cpack.log" 2>&1
RC=$?
ERR="$(tail -n 20 "$WORK/cpack.log")"
expect_rc 0
DEB="$(ls "$WORK"/packages/migratecpp_*.deb 2>/dev/null)"
expect_eq "$(basename "$DEB")" "migratecpp_$("$BIN" --version | awk '{print $NF}')_$(dpkg --print-architecture).deb"
[ -f "$DEB" ] || finish

LIST="$(dpkg-deb -c "$DEB" | awk '{print $6}')"
OUT="$LIST"
expect_eq "$(grep -v '^\./usr/' <<<"$LIST")" "" # nothing outside /usr
for f in bin/migratecpp share/man/man1/migratecpp.1.gz share/man/man1/migratecpp-upgrade.1.gz \
  share/bash-completion/completions/migratecpp share/zsh/vendor-completions/_migratecpp \
  share/fish/vendor_completions.d/migratecpp.fish share/doc/migratecpp/copyright \
  share/doc/migratecpp/changelog.gz; do
  expect_eq "$(grep -xF "./usr/$f" <<<"$LIST")" "./usr/$f"
done
expect_eq "$(grep '\.[1-9]$' <<<"$LIST")" "" # every page gzipped

# The library, when the build has one: with its headers and CMake package, a shlibs entry and
# the ldconfig trigger.
if grep -q '/libmigratecpp\.so\.[0-9]*$' <<<"$LIST"; then
  expect_eq "$(grep -c '^\./usr/include/migratecpp/.*\.h$' <<<"$LIST" | sed 's/^[1-9][0-9]*$/some/')" some
  expect_eq "$(grep -c '/cmake/migratecpp/migratecpp[-A-Za-z]*[Cc]onfig\.cmake$' <<<"$LIST" | sed 's/^[1-9][0-9]*$/some/')" some
  mkdir "$WORK/control"
  dpkg-deb -e "$DEB" "$WORK/control"
  expect_eq "$(grep -c '^libmigratecpp [0-9]* migratecpp ' "$WORK/control/shlibs")" 1
  expect_eq "$(grep -cx 'activate-noawait ldconfig' "$WORK/control/triggers")" 1
fi

# The fields, and a Depends line that dpkg-shlibdeps computed: every library the binary links.
OUT="$(dpkg-deb -f "$DEB")"
expect_out_has "Package: migratecpp"
expect_out_has "Section: database"
expect_out_has "Maintainer: "
DEPENDS="$(dpkg-deb -f "$DEB" Depends)"
# (libstdc++6 and libgcc-s1 for the library: the CLI links the C++ runtime in.)
for lib in libc6 libstdc++6 libgcc-s1 libpq5 libmariadb3 libsqlite3-0 libnettle8; do
  expect_eq "$(tr ',' '\n' <<<"$DEPENDS" | awk '{print $1}' | grep -xF "$lib")" "$lib"
done
# toml++ is compiled in from its headers (CMakeLists.txt): no run-time dependency.
expect_eq "$(tr ',' '\n' <<<"$DEPENDS" | awk '{print $1}' | grep -F tomlplusplus)" ""
# Not "libmigratecpp0" or the like: the package's own library is no dependency.
expect_eq "$(grep migratecpp <<<"$DEPENDS")" ""

# The packaged files work: the stripped binary runs, the pages are valid gzip.
dpkg-deb -x "$DEB" "$WORK/x"
LIBS="$(find "$WORK/x" -name 'libmigratecpp.so*' -printf '%h\n' | sort -u | paste -sd:)"
run_packaged() { LD_LIBRARY_PATH="$LIBS" "$WORK/x/usr/bin/migratecpp" "$@"; }
expect_eq "$(run_packaged --version)" "$("$BIN" --version)"
expect_eq "$(gzip -t "$WORK"/x/usr/share/man/man1/*.gz && echo ok)" ok
finish
