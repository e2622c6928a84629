# Issue 11: stored functions, procedures and triggers are model objects on MariaDB. A fragment
# in the shape of sakila-mysql and employees (a BEGIN ... END trigger copying rows, a second
# trigger FOLLOWS the first, a READS SQL DATA function, a procedure) loaded with the client:
# inspect (no DEFINER) -> check clean -> autogenerate into an empty database -> upgrade head
# -> catalogs compared -> a trigger body changed, downgrade back, check clean -> downgrade base.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"

HAND="$(fresh_my_url routines_hand)"
my_client "${HAND##*/}" <<'SQL'
CREATE TABLE film (film_id int NOT NULL PRIMARY KEY, title varchar(128) NOT NULL, description text);
CREATE TABLE film_text (film_id int NOT NULL PRIMARY KEY, title varchar(255) NOT NULL, description text);
CREATE TABLE film_log (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, note varchar(64) NOT NULL);
DELIMITER ;;
CREATE TRIGGER ins_film AFTER INSERT ON film FOR EACH ROW BEGIN
    INSERT INTO film_text (film_id, title, description)
        VALUES (new.film_id, new.title, new.description);
  END;;
CREATE TRIGGER ins_film_log AFTER INSERT ON film FOR EACH ROW FOLLOWS ins_film
  INSERT INTO film_log (note) VALUES (CONCAT('film ', new.film_id));;
CREATE FUNCTION film_title(p_id int) RETURNS varchar(128)
    READS SQL DATA
BEGIN
  RETURN (SELECT title FROM film WHERE film_id = p_id);
END;;
CREATE PROCEDURE film_count(IN p_min int, OUT p_count int)
    READS SQL DATA
    COMMENT 'films from p_min on'
BEGIN
  SELECT COUNT(*) INTO p_count FROM film WHERE film_id >= p_min;
END;;
DELIMITER ;
SQL

objects_of() {
  my_sql "$1" "SELECT ROUTINE_TYPE, ROUTINE_NAME, DTD_IDENTIFIER, SQL_DATA_ACCESS, ROUTINE_COMMENT,
      MD5(ROUTINE_DEFINITION) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()
      ORDER BY 1, 2;
    SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER,
      MD5(ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
      ORDER BY 1"
}

export MIGRATECPP_URL="$HAND"
run init; expect_rc 0
run inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has '[[function]]'
expect_out_has '[[procedure]]'
expect_out_has 'CREATE FUNCTION `film_title`(p_id int) RETURNS varchar(128)'
expect_out_has 'CREATE PROCEDURE `film_count`(IN p_min int, OUT p_count int)'
expect_out_has "COMMENT 'films from p_min on'"
expect_out_has '[[trigger]]'
expect_out_has 'order = "follows ins_film"'
expect_not_anywhere 'DEFINER'
CHECKS=$((CHECKS + 1)); ! grep -qE "trigger|function|procedure" <<<"$ERR" || fail "still unmanaged: $ERR"
run check; expect_rc 0

NEW="$(fresh_my_url routines_new)"
export MIGRATECPP_URL="$NEW"
run revision --autogenerate -m "routines"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(objects_of "$NEW")" "$(objects_of "$HAND")"
# The triggers run, in order.
my_sql "$NEW" "INSERT INTO film VALUES (7, 'Alien', 'space')"
expect_eq "$(my_sql "$NEW" "SELECT title FROM film_text WHERE film_id = 7")" "Alien"
expect_eq "$(my_sql "$NEW" "SELECT note FROM film_log")" "film 7"
expect_eq "$(my_sql "$NEW" "SELECT film_title(7)")" "Alien"

# A trigger body changed: drop_trigger + create_trigger; a function body: replace_function.
sed -i "s/CONCAT('film ', new.film_id)/CONCAT('new film ', new.film_id)/; s/RETURN (SELECT title FROM film/RETURN (SELECT UPPER(title) FROM film/" models/schema.toml
run check; expect_rc 1
expect_out_has 'drop trigger ins_film_log on film'
expect_out_has 'add trigger ins_film_log on film'
expect_out_has 'replace function film_title()'
run revision --autogenerate -m "bodies"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(my_sql "$NEW" "SELECT film_title(7)")" "ALIEN"
run downgrade -1; expect_rc 0
expect_eq "$(objects_of "$NEW")" "$(objects_of "$HAND")"
rm "$(ls -t migrations/versions/*.toml | head -1)"
sed -i "s/CONCAT('new film ', new.film_id)/CONCAT('film ', new.film_id)/; s/RETURN (SELECT UPPER(title) FROM film/RETURN (SELECT title FROM film/" models/schema.toml
run check; expect_rc 0

run downgrade base; expect_rc 0
expect_eq "$(objects_of "$NEW")" ""

# What MariaDB cannot hold is refused at load, naming the file and line.
cat >>models/schema.toml <<'TOML'

[[trigger]]
name = "two_events"
table = "film"
timing = "before"
events = ["insert", "update"]
body = "SET new.title = TRIM(new.title)"
TOML
run check; expect_rc 1
expect_err_has "schema.toml:"
expect_err_has "a trigger has one event on mysql"
finish
