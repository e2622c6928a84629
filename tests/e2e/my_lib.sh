# MySQL / MariaDB helpers for the end-to-end tests: a fresh database per case on the test
# server ($TEST_MYSQL_URL, started by scripts/test-databases.sh). Without TEST_MYSQL_URL the
# calling test exits 77, which ctest reports as skipped.
# Sourced once (db_lib.sh sources it for MIGRATECPP_E2E_DB=mysql).
[ -n "${MY_LIB_LOADED:-}" ] && return
MY_LIB_LOADED=1
if [ -z "${TEST_MYSQL_URL:-}" ]; then
  echo "TEST_MYSQL_URL is not set: skipping MySQL tests"
  exit 77
fi
# The databases made, one a line: a file, since callers take the URL in a subshell ($(...)).
MY_DATABASES_FILE="$WORK/.my_databases"

# The parts of TEST_MYSQL_URL, for the mariadb client (mysql://user:password@host:port/db).
MY_REST="${TEST_MYSQL_URL#*://}"
MY_USERINFO="${MY_REST%%@*}"
MY_HOSTPART="${MY_REST#*@}"
MY_HOSTPART="${MY_HOSTPART%%/*}"
MY_USER="${MY_USERINFO%%:*}"
MY_PASS="${MY_USERINFO#*:}"
MY_HOST="${MY_HOSTPART%%:*}"
MY_PORT="${MY_HOSTPART##*:}"
[ "$MY_PORT" = "$MY_HOSTPART" ] && MY_PORT=3306

# my_client [ARGS...]: the mariadb client on the test server; the password through the
# environment, never on a command line.
my_client() {
  MYSQL_PWD="$MY_PASS" mariadb --no-defaults -h "$MY_HOST" -P "$MY_PORT" -u "$MY_USER" -N -B "$@"
}

# fresh_my_url NAME: creates database t_<NAME>_<random> and prints its URL.
fresh_my_url() {
  local db="${1,,}"
  db="${db//[^a-z0-9_]/_}" # without a subshell, tr and head: the corpus makes hundreds
  db="t_${db:0:30}_$RANDOM$RANDOM"
  my_client -e "CREATE DATABASE \`$db\` CHARACTER SET utf8mb4" >/dev/null
  echo "$db" >>"$MY_DATABASES_FILE"
  echo "${TEST_MYSQL_URL%%/*}//${MY_USERINFO}@${MY_HOSTPART}/$db"
}

# my_sql URL SQL: runs SQL in the database of URL, prints the rows tab-separated.
my_sql() { my_client "${1##*/}" -e "$2"; }

drop_my_databases() {
  local d
  [ -f "$MY_DATABASES_FILE" ] || return 0
  while read -r d; do
    my_client -e "DROP DATABASE IF EXISTS \`$d\`" </dev/null >/dev/null 2>&1 || true
  done <"$MY_DATABASES_FILE"
}
CLEANUPS+=(drop_my_databases)
