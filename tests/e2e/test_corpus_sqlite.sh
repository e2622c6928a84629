# The autogenerate corpus (tests/corpus/roundtrip and tests/corpus/changes) on SQLite: every
# model file round-trips through autogenerate/upgrade/inspect/downgrade, every change pair
# autogenerates the expected ops and keeps its rows. See corpus_lib.sh for what each case checks.
#   bash tests/e2e/test_corpus_sqlite.sh BUILD/migratecpp SOURCE_DIR
#   CORPUS_FILTER='changes/1[0-9]' KEEP_WORK=1 bash tests/e2e/test_corpus_sqlite.sh ...
CORPUS_DIALECT=sqlite
source "$(dirname "$0")/corpus_lib.sh" "$@"

command -v sqlite3 >/dev/null || { echo "sqlite3 (the shell) is needed for rows.sql" >&2; exit 1; }

# One database file per case; $WORK is absolute, so the URL has four slashes.
fresh_url() { echo "sqlite:///$WORK/$1.db"; }
sqlite_path() { echo "${1#sqlite:///}"; }
run_sql() { sqlite3 -bail "$(sqlite_path "$1")" <"$2"; }
query_rows() { sqlite3 "$(sqlite_path "$1")" "$2"; }

corpus_main
