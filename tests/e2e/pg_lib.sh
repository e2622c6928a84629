# PostgreSQL helpers for the end-to-end tests: a fresh schema per case on the test server
# ($TEST_PG_URL, started by scripts/test.sh), reached through libpq's `options` parameter.
# Without TEST_PG_URL the calling test exits 77, which ctest reports as skipped.
# Sourced once (db_lib.sh sources it for MIGRATECPP_E2E_DB=postgresql).
[ -n "${PG_LIB_LOADED:-}" ] && return
PG_LIB_LOADED=1
if [ -z "${TEST_PG_URL:-}" ]; then
  echo "TEST_PG_URL is not set: skipping PostgreSQL tests"
  exit 77
fi
# Debian's psql (/usr/bin/psql) is pg_wrapper, a Perl script that picks a version and execs
# that version's psql: starting Perl costs about as much as the query (0.2 s of the 0.4 s of a
# `SELECT 1` on a busy CI machine), and the corpus runs psql about a thousand times. Calling
# the client itself gives the same psql (Debian 12 has one version, 15); elsewhere, PATH's.
PG_PSQL=psql
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/psql" ] && PG_PSQL="$d/psql"
done
psql() { "$PG_PSQL" "$@"; }

# The schemas made, one a line: a file, since callers take the URL in a subshell ($(...)).
PG_SCHEMAS_FILE="$WORK/.pg_schemas"

psql_run() { psql -X -q -v ON_ERROR_STOP=1 -At "$TEST_PG_URL" "$@"; }

# fresh_pg_url NAME: creates schema t_<NAME>_<random> and prints a URL whose search_path is it.
fresh_pg_url() {
  local schema="${1,,}"
  schema="${schema//[^a-z0-9_]/_}" # without a subshell, tr and head: the corpus makes hundreds
  schema="t_${schema:0:30}_$RANDOM$RANDOM"
  psql_run -c "CREATE SCHEMA \"$schema\"" >/dev/null
  echo "$schema" >>"$PG_SCHEMAS_FILE"
  local sep='?'
  [[ "$TEST_PG_URL" == *\?* ]] && sep='&'
  echo "${TEST_PG_URL}${sep}options=-csearch_path%3D${schema}"
}

# use_fresh_pg NAME: points the project's config at a fresh schema (fresh_pg_url); sets URL.
use_fresh_pg() {
  URL="$(fresh_pg_url "$1")"
  sed -i "s|^url = .*|url = \"$URL\"|" migratecpp.toml
}

# pg_sql URL SQL: runs SQL in the schema of URL.
pg_sql() {
  local schema="${1##*search_path%3D}"
  psql_run -c "SET search_path TO \"$schema\"; $2"
}

drop_pg_schemas() {
  local s
  [ -f "$PG_SCHEMAS_FILE" ] || return 0
  while read -r s; do
    psql_run -c "DROP SCHEMA IF EXISTS \"$s\" CASCADE" </dev/null >/dev/null 2>&1 || true
  done <"$PG_SCHEMAS_FILE"
}
CLEANUPS+=(drop_pg_schemas)
