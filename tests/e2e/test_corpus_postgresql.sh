# The autogenerate corpus (tests/corpus/roundtrip and tests/corpus/changes) on PostgreSQL: the
# same cases as test_corpus_sqlite.sh, each in a fresh schema of the test server.
#   TEST_PG_URL=... bash tests/e2e/test_corpus_postgresql.sh BUILD/migratecpp SOURCE_DIR
CORPUS_DIALECT=postgresql
source "$(dirname "$0")/corpus_lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

fresh_url() { fresh_pg_url "$1"; }
pg_schema_of() { echo "${1##*search_path%3D}"; }
run_sql() {
  psql -X -q -v ON_ERROR_STOP=1 "$TEST_PG_URL" -c "SET search_path TO \"$(pg_schema_of "$1")\"" -f "$2" >/dev/null
}
query_rows() {
  psql -X -q -At -v ON_ERROR_STOP=1 "$TEST_PG_URL" -c "SET search_path TO \"$(pg_schema_of "$1")\"" -c "$2"
}

corpus_main
