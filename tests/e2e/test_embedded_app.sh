# The installed package from a consumer's side: `cmake --install` into a scratch prefix, then
# examples/embedded-app configured and built against it (find_package with CMAKE_PREFIX_PATH,
# migratecpp_embed_migrations), its binary moved to an empty directory and run: the database
# reaches head, a second run changes nothing, and the installed CLI reads the same revision.
# SQLite always; PostgreSQL too when TEST_PG_URL is set. Not run in the sanitizer build
# (.ci/run): the installed library would carry ASan's runtime, which a plain consumer lacks.
source "$(dirname "$0")/lib.sh" "$@"

OUT=""
ERR=""
BUILD_DIR="$(dirname "$BIN")"
PREFIX="$WORK/prefix"
cmake --install "$BUILD_DIR" --prefix "$PREFIX" >"$WORK/install.log" 2>&1 ||
  { cat "$WORK/install.log"; fail "cmake --install failed"; finish; }

# The installed layout (GNUInstallDirs) and what a consumer sees of it.
libdir="$PREFIX/lib"
[ -d "$PREFIX/lib64" ] && [ ! -d "$libdir/cmake" ] && libdir="$PREFIX/lib64"
for f in "$libdir/cmake/migratecpp/migratecppConfig.cmake" \
         "$libdir/cmake/migratecpp/migratecppConfigVersion.cmake" \
         "$libdir/cmake/migratecpp/migratecppTargets.cmake" \
         "$libdir/cmake/migratecpp/migratecpp_embed.cmake" \
         "$PREFIX/include/migratecpp/migratecpp.h" "$libdir/libmigratecpp.so.0" \
         "$PREFIX/bin/migratecpp"; do
  CHECKS=$((CHECKS + 1))
  [ -e "$f" ] || fail "not installed: ${f#$PREFIX/}"
done
CHECKS=$((CHECKS + 1))
soname="$(objdump -p "$libdir/libmigratecpp.so.0" | awk '$1 == "SONAME" { print $2 }')"
expect_eq "$soname" "libmigratecpp.so.0"
# The public headers include only each other and the standard library.
CHECKS=$((CHECKS + 1))
foreign="$(grep -h '^#include' "$PREFIX"/include/migratecpp/*.h | grep -v '"migratecpp/' |
  grep -vE '^#include <(cstddef|cstdint|functional|memory|stdexcept|string|vector)>$' || true)"
expect_eq "$foreign" ""
# Only the public API is exported: the engine's layers and the TOML library stay inside.
CHECKS=$((CHECKS + 1))
leaked="$(nm -DC --defined-only "$libdir/libmigratecpp.so.0" |
  grep -E 'migratecpp::(util|schema|dialects|introspect|migrate|lib)::|toml::' | head -5 || true)"
expect_eq "$leaked" ""
# The exported target needs nothing of our dependencies.
CHECKS=$((CHECKS + 1))
if grep -qE 'tomlplusplus|PostgreSQL::|SQLite::|PkgConfig::|CLI11' \
     "$libdir"/cmake/migratecpp/migratecppTargets*.cmake; then
  fail "migratecppTargets names a dependency of migratecpp"
fi

# The example, built as its README says.
cp -r "$SRC/examples/embedded-app" "$WORK/app"
cmake -S "$WORK/app" -B "$WORK/app/build" -DCMAKE_PREFIX_PATH="$PREFIX" \
  -DCMAKE_BUILD_TYPE=Release >"$WORK/configure.log" 2>&1 ||
  { cat "$WORK/configure.log"; fail "configuring examples/embedded-app failed"; finish; }
cmake --build "$WORK/app/build" >"$WORK/build.log" 2>&1 ||
  { cat "$WORK/build.log"; fail "building examples/embedded-app failed"; finish; }
mkdir "$WORK/deploy"
mv "$WORK/app/build/embedded_app" "$WORK/deploy/"
CHECKS=$((CHECKS + 1))
expect_eq "$(ls -A "$WORK/deploy")" "embedded_app"
cd "$WORK/deploy"

app() {
  ./embedded_app "$@" >"$WORK/.out" 2>"$WORK/.err" </dev/null
  RC=$?
  OUT="$(cat "$WORK/.out")"
  ERR="$(cat "$WORK/.err")"
}

# The installed CLI, pointed at the example's migrations, reading the same database.
mkdir "$WORK/cli"
printf '[migrations]\nscript_location = "%s"\n' "$WORK/app/migrations" >"$WORK/cli/migratecpp.toml"
cli_current() {
  "$PREFIX/bin/migratecpp" -c "$WORK/cli/migratecpp.toml" --url "$1" current 2>&1
}

check_database() { # URL
  app "$1"
  expect_rc 0
  expect_out_has "applied e1a000000001 (create notes) [1/3]"
  expect_out_has "applied e1a000000003 (note created_at) [3/3]"
  expect_out_has "database at e1a000000003 (head)"
  app "$1"
  expect_rc 0
  expect_out "database at e1a000000003 (head)"
  expect_eq "$(cli_current "$1")" "e1a000000003 (head)"
}

check_database "sqlite:///$WORK/app.db"
expect_eq "$(sqlite3 "$WORK/app.db" "SELECT name FROM sqlite_master WHERE name = 'tags'")" "tags"

# An error: the library's message and exit code.
app "postgresql://nobody@127.0.0.1:1/nothing"
expect_rc 1
expect_err_has "embedded_app: cannot migrate the database: cannot connect to postgresql://nobody@127.0.0.1:1/nothing: "
app
expect_rc 2

if [ -n "${TEST_PG_URL:-}" ]; then
  source "$E2E_DIR/pg_lib.sh"
  check_database "$(fresh_pg_url embedded_app)"
fi
finish
