# Issue 11 (MariaDB fidelity): a routine, trigger or view keeps what it was written as and the
# session it was created under. Loaded with the client (character_set_client utf8mb3) under
# sql_mode PIPES_AS_CONCAT (which makes || a concatenation in the function's body): a
# function whose parameters span lines (p_id INT), a FOR EACH ROW BEGIN trigger, a view with a
# character set introducer. inspect writes the parameters as written, sql_mode and the
# character sets; the copy made by upgrade dumps the same as the original and behaves the
# same; a --sql script sets the session around each object; a model in an older inspect's
# spelling is clean.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"

HAND="$(fresh_my_url session_hand)"
my_client "${HAND##*/}" <<'SQL'
SET NAMES utf8mb3;
CREATE TABLE film (film_id int NOT NULL PRIMARY KEY, title varchar(128) NOT NULL);
CREATE TABLE film_log (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, note varchar(64) NOT NULL);
SET @saved = @@sql_mode, sql_mode = CONCAT(@@sql_mode, ',PIPES_AS_CONCAT');
DELIMITER ;;
CREATE FUNCTION tag(p_id INT,
    p_title VARCHAR(128)) RETURNS varchar(200)
    DETERMINISTIC
RETURN p_title || '#' || p_id;;
CREATE TRIGGER `ins_film` AFTER INSERT ON `film` FOR EACH ROW BEGIN
    INSERT INTO film_log (note) VALUES ('a' || 'b');
END;;
DELIMITER ;
SET sql_mode = @saved;
CREATE VIEW film_names AS SELECT CONCAT(title, _utf8' ', film_id) AS name FROM film;
SQL

dump_of() {
  MYSQL_PWD="$MY_PASS" mariadb-dump --no-defaults -h "$MY_HOST" -P "$MY_PORT" -u "$MY_USER" \
    --no-data --routines --triggers --skip-comments --skip-dump-date \
    --ignore-table="${1##*/}.migratecpp_version" --ignore-table="${1##*/}.migratecpp_version_history" \
    "${1##*/}" | sed -E "s/ AUTO_INCREMENT=[0-9]+//"
}
# same_dump URL: the database dumps as the original does (the difference shown if not).
same_dump() {
  CHECKS=$((CHECKS + 1))
  local d
  d="$(diff <(dump_of "$HAND") <(dump_of "$1"))" || fail "dumps differ (< original, > copy): $d"
}

export MIGRATECPP_URL="$HAND"
run init; expect_rc 0
run inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has 'CREATE FUNCTION `tag`(p_id INT,'
expect_out_has '    p_title VARCHAR(128)) RETURNS varchar(200)'
expect_out_has 'PIPES_AS_CONCAT'
expect_out_has 'character_set_client = "utf8mb3"'
expect_out_has 'collation_connection = "utf8mb3_general_ci"'
expect_out_has "_utf8mb3' '"
run check; expect_rc 0

NEW="$(fresh_my_url session_new)"
export MIGRATECPP_URL="$NEW"
run revision --autogenerate -m "session"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
same_dump "$NEW"
# They behave the same: || concatenates in the function and the trigger.
expect_eq "$(my_sql "$NEW" "SELECT tag(7, 'Alien')")" "Alien#7"
my_sql "$NEW" "INSERT INTO film VALUES (7, 'Alien')"
expect_eq "$(my_sql "$NEW" "SELECT note FROM film_log")" "ab"
# The connection's own sql_mode is back after each object.
expect_eq "$(my_sql "$NEW" "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND SQL_MODE LIKE '%PIPES%'")" "1"

# A --sql script sets them around each object the same way, and puts the session back.
run upgrade head --sql; expect_rc 0
CHECKS=$((CHECKS + 1))
grep -A3 -F 'SET @migratecpp_sql_mode = @@SESSION.sql_mode' <<<"$OUT" | grep -qF 'CREATE FUNCTION `tag`' ||
  fail "no SET before the function"
CHECKS=$((CHECKS + 1))
grep -A5 -F 'CREATE FUNCTION `tag`' <<<"$OUT" | grep -qF 'SET SESSION sql_mode = @migratecpp_sql_mode' ||
  fail "the session's sql_mode is not put back after the function"
expect_out_has "SESSION character_set_client = 'utf8mb3', SESSION collation_connection = 'utf8mb3_general_ci'"

# A model as an older inspect wrote it (information_schema's parameters, no introducer, no
# session settings) is clean against the original.
export MIGRATECPP_URL="$HAND"
python3 - models/schema.toml <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("(p_id INT,\n    p_title VARCHAR(128))", "(`p_id` int(11), `p_title` varchar(128))")
s = s.replace("_utf8mb3' '", "' '")
s = re.sub(r'^(sql_mode|character_set_client|collation_connection) = .*\n', '', s, flags=re.M)
open(p, "w").write(s)
PY
CHECKS=$((CHECKS + 1)); grep -qF '`p_id` int(11)' models/schema.toml || fail "the older spelling was not made"
run check; expect_rc 0
finish
