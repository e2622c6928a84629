# A revision killed halfway on a database without transactional DDL (begun_cases.sh), on
# SQLite made to run as MySQL does: no transaction around a revision, the compensating
# strategy (a test-only switch).
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/begun_cases.sh"
export MIGRATECPP_TEST_NO_TRANSACTIONAL_DDL=1

run init; expect_rc 0
fresh_database() { rm -f app.db app.db-journal; }
has_table() { [ "$(sql app.db "SELECT count(*) FROM sqlite_master WHERE name = '$1'")" = 1 ]; }
db_exec() { sql app.db "$1"; }
drop_table() { sql app.db "DROP TABLE $1"; }
create_b() { sql app.db "CREATE TABLE b (id INTEGER NOT NULL PRIMARY KEY)"; }
history_rows() { sql app.db "SELECT revision, direction, ops_done FROM migratecpp_version_history ORDER BY seq"; }
SLOW_SQL="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000000) SELECT count(*) FROM c"
run_begun_cases
finish
