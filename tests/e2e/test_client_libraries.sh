#!/usr/bin/env bash
# libpq and libmariadb are opened when a URL of their scheme is used, not linked: the binary
# does not list them, a SQLite project works on a machine without them, and a PostgreSQL or
# MySQL URL there fails with exit 1 naming the library and the package to install.
source "$(dirname "$0")/lib.sh"

if command -v ldd >/dev/null 2>&1; then
  libs="$(ldd "$BIN")"
  CHECKS=$((CHECKS + 1))
  if grep -qE "libpq|libmariadb|libmysqlclient|libgssapi|libldap" <<<"$libs"; then
    fail "the binary links a client library: $libs"
  fi
  # Nor the C++ runtime or toml++ (linked in, for start-up: cli/CMakeLists.txt), except in
  # the sanitizer build, whose runtime needs the shared C++ runtime.
  CHECKS=$((CHECKS + 1))
  if ! grep -q libasan <<<"$libs" && grep -qE "libstdc\+\+|libgcc_s|libtomlplusplus" <<<"$libs"; then
    fail "the binary loads a C++ shared library at start-up: $libs"
  fi
fi

# A machine without the client libraries: in a private mount namespace, each library's file
# is replaced by an empty one (/dev/null), so dlopen finds it and cannot load it.
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null 2>&1; then
  echo "SKIPPED: needs root and unshare(1) to hide the client libraries" >&2
  exit 77
fi
pq="$(readlink -f "$(ldconfig -p | awk '$1 == "libpq.so.5" {print $NF; exit}')")"
my="$(readlink -f "$(ldconfig -p | awk '$1 == "libmariadb.so.3" {print $NF; exit}')")"
if [ ! -f "$pq" ] || [ ! -f "$my" ]; then
  echo "SKIPPED: libpq.so.5 or libmariadb.so.3 is not installed here" >&2
  exit 77
fi
# without ARGS...: runs the binary with both libraries hidden ($OUT, $ERR, $RC as run does).
without() {
  unshare --mount -- sh -c 'mount --bind /dev/null "$1" && mount --bind /dev/null "$2" &&
    shift 2 && exec "$@"' sh "$pq" "$my" "$BIN" "$@" >"$WORK/.out" 2>"$WORK/.err" </dev/null
  RC=$?
  OUT="$(cat "$WORK/.out")"
  ERR="$(cat "$WORK/.err")"
}

without init
expect_rc 0
cat >models/schema.toml <<'TOML'
[[table]]
name = "users"
columns = [{ name = "id", type = "integer", primary_key = true }]
TOML
without revision --autogenerate -m "users"
expect_rc 0
without upgrade head
expect_rc 0
without current
expect_rc 0
expect_out_has "(head)"
expect_eq "$(sqlite3 app.db "select count(*) from sqlite_master where name = 'users'")" 1

without current --url "postgresql://u@127.0.0.1:1/db"
expect_rc 1
expect_err_has "PostgreSQL URLs need the client library libpq.so.5, which cannot be loaded"
expect_err_has "install the package libpq5 (apt install libpq5)"
without current --url "mysql://u@127.0.0.1:1/db"
expect_rc 1
expect_err_has "MySQL and MariaDB URLs need the client library libmariadb.so.3, which cannot be loaded"
expect_err_has "install the package libmariadb3"
# --sql needs no connection, so no library.
without upgrade head --sql --dialect postgresql
expect_rc 0
expect_out_has "CREATE TABLE \"users\""
finish
