# A revision killed halfway on MySQL/MariaDB, whose DDL commits on its own (begun_cases.sh).
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"
source "$E2E_DIR/begun_cases.sh"

run init; expect_rc 0
fresh_database() {
  URL="$(fresh_my_url begun)"
  sed -i "s|^url = .*|url = \"$URL\"|" migratecpp.toml
}
has_table() { [ "$(my_sql "$URL" "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '$1'")" = 1 ]; }
db_exec() { my_sql "$URL" "$1"; }
drop_table() { my_sql "$URL" "DROP TABLE \`$1\`"; }
create_b() { my_sql "$URL" "CREATE TABLE b (id INTEGER NOT NULL PRIMARY KEY)"; }
history_rows() { my_sql "$URL" "SELECT revision, direction, COALESCE(ops_done, '') FROM migratecpp_version_history ORDER BY seq" | tr '\t' '|'; }
SLOW_SQL="SELECT SLEEP(5)"
run_begun_cases
finish
