# Issue 11: a MariaDB stored aggregate function (CREATE AGGREGATE FUNCTION, 10.3+) is a
# [[function]] whose definition says AGGREGATE: inspect writes it so (it was written as a plain
# function, which MariaDB refuses to create: FETCH GROUP NEXT ROW belongs to aggregates) ->
# check clean -> autogenerate into an empty database -> upgrade -> it aggregates -> downgrade
# base. PostgreSQL's [[aggregate]] blocks are refused at load, at file:line.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"

HAND="$(fresh_my_url aggregates_hand)"
my_client "${HAND##*/}" <<'SQL'
CREATE TABLE amounts (id int NOT NULL PRIMARY KEY, amount int NOT NULL);
DELIMITER ;;
CREATE AGGREGATE FUNCTION agg_sum(x int) RETURNS int
BEGIN
  DECLARE s int DEFAULT 0;
  DECLARE CONTINUE HANDLER FOR NOT FOUND RETURN s;
  LOOP
    FETCH GROUP NEXT ROW;
    SET s = s + x;
  END LOOP;
END;;
DELIMITER ;
SQL

run init; expect_rc 0
run --url "$HAND" inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has 'CREATE AGGREGATE FUNCTION `agg_sum`(x int) RETURNS int(11)' # parameters as written
run --url "$HAND" check; expect_rc 0

URL="$(fresh_my_url aggregates_new)"
export MIGRATECPP_URL="$URL"
run revision --autogenerate -m "aggregate"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
my_sql "$URL" "INSERT INTO amounts VALUES (1, 2), (2, 40)" >/dev/null
expect_eq "$(my_sql "$URL" "SELECT agg_sum(amount) FROM amounts")" "42"
run downgrade base; expect_rc 0
expect_eq "$(my_sql "$URL" "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()")" "0"

cat >models/pg.toml <<'TOML'
[[aggregate]]
name = "group_concat"
arguments = "text"
sfunc = "_group_concat"
stype = "text"
TOML
run check; expect_rc 1
expect_err_has "pg.toml:1: aggregate 'group_concat(text)': user-defined aggregates"
finish
