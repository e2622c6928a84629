# Issue 11: functions, procedures and triggers are model objects on PostgreSQL. A fragment in
# the shape of pagila (a last_updated() trigger function and its triggers, an SQL function a
# check calls, a procedure, an overload) loaded with psql: inspect -> check clean ->
# autogenerate into an empty schema -> upgrade head -> catalogs compared -> a body changed
# (replace_function), downgrade back, check clean -> downgrade base.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

HAND="$(fresh_pg_url routines_hand)"
pg_sql "$HAND" "SET check_function_bodies = off;
CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
    NEW.last_update = CURRENT_TIMESTAMP;
    RETURN NEW;
END \$\$;
CREATE FUNCTION is_positive(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS \$\$ SELECT n > 0 \$\$;
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT a + b';
CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS 'SELECT a || b';
CREATE PROCEDURE touch_all() LANGUAGE sql AS \$\$ UPDATE actor SET last_update = now() \$\$;
CREATE TABLE actor (
  actor_id integer NOT NULL PRIMARY KEY,
  first_name text NOT NULL,
  score integer CHECK (is_positive(score)),
  last_update timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE film (film_id integer NOT NULL PRIMARY KEY, title text NOT NULL,
  last_update timestamp with time zone DEFAULT now() NOT NULL);
CREATE TRIGGER last_updated BEFORE UPDATE ON actor FOR EACH ROW EXECUTE PROCEDURE last_updated();
CREATE TRIGGER last_updated BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER film_title BEFORE INSERT OR UPDATE OF title ON film FOR EACH ROW
  WHEN (NEW.title <> '') EXECUTE FUNCTION last_updated();
" >/dev/null

# Routines and triggers as the catalog has them.
objects_of() {
  local schema="${1##*search_path%3D}"
  psql_run -c "SET search_path TO \"$schema\";
    SELECT p.proname, p.prokind, pg_get_function_identity_arguments(p.oid), md5(p.prosrc)
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = '$schema' ORDER BY 1, 3;
    SELECT c.relname, pg_get_triggerdef(t.oid, true) FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = '$schema' AND NOT t.tgisinternal ORDER BY 1, 2"
}

run init; expect_rc 0
run --url "$HAND" inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has '[[function]]'
expect_out_has 'name = "last_updated"'
expect_out_has 'arguments = "a integer, b integer"'
expect_out_has 'arguments = "a text, b text"'
expect_out_has '[[procedure]]'
expect_out_has 'CREATE OR REPLACE FUNCTION last_updated()'
expect_out_has '[[trigger]]'
expect_out_has 'function = "last_updated()"'
expect_out_has 'events = ["insert", "update of title"]'
expect_out_has "when = \"new.title <> ''::text\""
expect_not_anywhere 'public.'
# Nothing of these is unmanaged any more.
CHECKS=$((CHECKS + 1)); ! grep -q "trigger\|function\|procedure" <<<"$ERR" || fail "still unmanaged: $ERR"
run --url "$HAND" check; expect_rc 0

use_fresh_pg routines_new
run revision --autogenerate -m "routines"; expect_rc 0
REV="$(ls migrations/versions/*.toml | head -1)"
CHECKS=$((CHECKS + 1)); grep -q 'op = "create_function"' "$REV" || fail "no create_function in $REV"
CHECKS=$((CHECKS + 1)); grep -q 'op = "create_procedure"' "$REV" || fail "no create_procedure in $REV"
CHECKS=$((CHECKS + 1)); grep -q 'op = "create_trigger"' "$REV" || fail "no create_trigger in $REV"
run upgrade head --sql; expect_rc 0
expect_out_has 'SET check_function_bodies = off'
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(objects_of "$URL")" "$(objects_of "$HAND")"
# The trigger works.
pg_sql "$URL" "INSERT INTO actor VALUES (1, 'a', 1, '2000-01-01'); UPDATE actor SET first_name = 'b'" >/dev/null
expect_eq "$(pg_sql "$URL" "SELECT last_update > '2001-01-01' FROM actor")" "t"

# A body changed: one replace_function; downgrade puts the old body back.
sed -i 's/NEW.last_update = CURRENT_TIMESTAMP;/NEW.last_update = clock_timestamp();/' models/schema.toml
run revision --autogenerate -m "body"; expect_rc 0
run check; expect_rc 1
expect_out_has 'replace function last_updated()'
run upgrade head; expect_rc 0
run check; expect_rc 0
CHECKS=$((CHECKS + 1)); pg_sql "$URL" "SELECT prosrc FROM pg_proc WHERE proname = 'last_updated' AND pronamespace = current_schema()::regnamespace" | grep -q clock_timestamp || fail "body not replaced"
run downgrade -1; expect_rc 0
expect_eq "$(objects_of "$URL")" "$(objects_of "$HAND")"
# That revision and the model change go away again.
rm "$(ls -t migrations/versions/*.toml | head -1)"
sed -i 's/NEW.last_update = clock_timestamp();/NEW.last_update = CURRENT_TIMESTAMP;/' models/schema.toml
run check; expect_rc 0

# A trigger removed from the models: drop_trigger, and back.
python3 - <<'PY'
import re
p = "models/schema.toml"
s = open(p).read()
blocks = s.split("\n\n")
blocks = [b for b in blocks if not ('[[trigger]]' in b and 'name = "film_title"' in b)]
open(p, "w").write("\n\n".join(blocks))
PY
run revision --autogenerate -m "drop trigger"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(pg_sql "$URL" "SELECT count(*) FROM pg_trigger WHERE tgname = 'film_title' AND tgrelid = 'film'::regclass")" "0"
run downgrade -1; expect_rc 0
expect_eq "$(objects_of "$URL")" "$(objects_of "$HAND")"

run downgrade base; expect_rc 0
expect_eq "$(pg_sql "$URL" "SELECT count(*) FROM pg_proc WHERE pronamespace = current_schema()::regnamespace")" "0"

# [models.exclude] patterns leave functions and triggers alone: a vendor's function and trigger
# are drift until excluded, then neither read nor dropped.
run upgrade head; expect_rc 0
pg_sql "$URL" "CREATE FUNCTION vendor_fn() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
  CREATE TRIGGER vendor_tr AFTER INSERT ON film FOR EACH ROW EXECUTE FUNCTION vendor_fn()" >/dev/null
run check; expect_rc 1
expect_out_has 'drop function vendor_fn()'
expect_out_has 'drop trigger vendor_tr on film'
cat >>migratecpp.toml <<'TOML'

[models.exclude]
functions = ["vendor_*"]
triggers = ["film.vendor_*"]
TOML
run check; expect_rc 0

# A function written by hand, not as pg_get_functiondef prints it: after its upgrade, check asks
# the server how it would print the model's text (in a rolled-back transaction) and is clean.
cat >models/extra.toml <<'TOML'
[[function]]
name = "double_it"
arguments = "n integer"
definition = "CREATE FUNCTION double_it(n int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT n * 2'"
TOML
run check; expect_rc 1
expect_out_has 'add function double_it(n integer)'
run revision --autogenerate -m "by hand"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(pg_sql "$URL" "SELECT double_it(21)")" "42"
finish
