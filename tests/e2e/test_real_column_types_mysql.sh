# chinook on MariaDB / MySQL (tests/corpus/real), plus a table with a column collation of its
# own (roundcube's users.username utf8mb4_bin): inspect -> check clean against it ->
# autogenerate into an empty database -> upgrade head -> every column has the same COLUMN_TYPE,
# CHARACTER_SET_NAME and COLLATION_NAME as in the original (chinook's NVARCHAR columns are
# utf8mb3 in utf8mb4 tables).
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"

ORIG="$(fresh_my_url chinook)"
my_client "${ORIG##*/}" <"$SRC/tests/corpus/real/chinook.mysql.sql" || fail "loading chinook"
my_sql "$ORIG" "CREATE TABLE users (user_id INT NOT NULL PRIMARY KEY,
  username VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  language VARCHAR(16)) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci" ||
  fail "loading the extra table"

export MIGRATECPP_URL="$(fresh_my_url copy)"
run init; expect_rc 0
run --url "$ORIG" inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has '{ name = "Title", type = "varchar(160)", collation = "utf8mb3_general_ci", nullable = false }'
expect_out_has '{ name = "username", type = "varchar(128)", collation = "utf8mb4_bin", nullable = false }'
run --url "$ORIG" check; expect_rc 0

run revision --autogenerate -m "from chinook"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0

columns() {
  my_sql "$1" "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME
    FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
    AND TABLE_NAME NOT LIKE 'migratecpp%' ORDER BY TABLE_NAME, ORDINAL_POSITION"
}
expect_eq "$(columns "$MIGRATECPP_URL")" "$(columns "$ORIG")"
expect_eq "$(my_sql "$MIGRATECPP_URL" "SELECT count(*) FROM information_schema.COLUMNS WHERE
  TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME = 'utf8mb3'")" \
  "$(my_sql "$ORIG" "SELECT count(*) FROM information_schema.COLUMNS WHERE
  TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME = 'utf8mb3'")"
finish
