# Issue 11: triggers are model objects on SQLite (like the jOOQ sakila file's last_update
# triggers): inspect -> check clean -> autogenerate into an empty database -> upgrade head ->
# the stored trigger text compared -> a body changed, downgrade back -> a table rebuild keeps
# the trigger once (online and in a --sql script) -> functions refused at load.
source "$(dirname "$0")/lib.sh" "$@"

HAND="hand.db"
sql "$HAND" "
CREATE TABLE actor (actor_id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_update TIMESTAMP);
CREATE TABLE actor_log (actor_id INTEGER, note TEXT);
CREATE TRIGGER actor_trigger_ai AFTER INSERT ON actor
BEGIN
  UPDATE actor SET last_update = DATETIME('NOW') WHERE rowid = new.rowid;
END;
CREATE TRIGGER actor_name_au AFTER UPDATE OF first_name ON actor FOR EACH ROW
WHEN new.first_name <> old.first_name
BEGIN
  INSERT INTO actor_log VALUES (new.actor_id, 'renamed');
END;
"
triggers_of() { sql "$1" "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY 1"; }

run init; expect_rc 0
run --url "sqlite:///$HAND" inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has '[[trigger]]'
expect_out_has 'name = "actor_name_au"'
expect_out_has 'events = ["update of first_name"]'
expect_out_has 'when = "new.first_name <> old.first_name"'
CHECKS=$((CHECKS + 1)); ! grep -q "trigger" <<<"$ERR" || fail "still unmanaged: $ERR"
run --url "sqlite:///$HAND" check; expect_rc 0

run revision --autogenerate -m "triggers"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(triggers_of app.db)" "$(triggers_of "$HAND")"
sql app.db "INSERT INTO actor (actor_id, first_name) VALUES (1, 'a'); UPDATE actor SET first_name = 'b'"
expect_eq "$(sql app.db "SELECT last_update IS NOT NULL FROM actor")" "1"
expect_eq "$(sql app.db "SELECT note FROM actor_log")" "renamed"

# A body changed: the trigger dropped and created again; downgrade takes it back.
sed -i "s/'renamed'/'name changed'/" models/schema.toml
run check; expect_rc 1
expect_out_has 'drop trigger actor_name_au on actor'
run revision --autogenerate -m "body"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
run downgrade -1; expect_rc 0
expect_out_has '' # downgrade ran
CHECKS=$((CHECKS + 1)); sql app.db "SELECT sql FROM sqlite_master WHERE name = 'actor_name_au'" | grep -q "'renamed'" || fail "old body not back"
rm "$(ls -t migrations/versions/*.toml | head -1)"
sed -i "s/'name changed'/'renamed'/" models/schema.toml
run check; expect_rc 0

# A column change rebuilds actor: its triggers come back once, online and in a script.
sed -i 's/{ name = "first_name", type = "TEXT", nullable = false }/{ name = "first_name", type = "TEXT", nullable = false, default = "'"'"'x'"'"'" }/' models/schema.toml
run revision --autogenerate -m "rebuild"; expect_rc 0
run upgrade head --sql; expect_rc 0
# (The script runs from base: the first revision creates the trigger, the rebuild once again.)
rebuild_part="$(sed -n '/^-- Running upgrade .*, rebuild$/,$p' <<<"$OUT")"
expect_out_has "CREATE TABLE \"_migratecpp_new_actor\""
expect_eq "$(grep -c 'CREATE TRIGGER "actor_trigger_ai"\|CREATE TRIGGER actor_trigger_ai' <<<"$rebuild_part")" "1"
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(triggers_of app.db)" "$(triggers_of "$HAND")"
run downgrade base; expect_rc 0
expect_eq "$(triggers_of app.db)" ""

# SQLite has no functions: refused at load with file:line.
cat >>models/schema.toml <<'TOML'

[[function]]
name = "f"
definition = "CREATE FUNCTION f() RETURNS integer AS 'SELECT 1'"
TOML
run check; expect_rc 1
expect_err_has "schema.toml:"
expect_err_has "there are no functions on sqlite"
finish
