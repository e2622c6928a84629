# Views are model objects (issue 11): [[view]] in the models, create_view / drop_view /
# replace_view in revisions, in dependency order (a view on a view), a change to a base view
# re-creating its dependent, a column type changed under a view, downgrades back to base, an
# offline script, and the kinds a database lacks refused at load (file:line).
# Runs on the database MIGRATECPP_E2E_DB names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db views
rm -f models/schema.toml
# The dependent view sorts first by name and comes first in the file: the order must come
# from what each view reads, not from names.
cat >models/app.toml <<'TOML'
[[view]]
name = "a_names"
definition = "SELECT name FROM z_cheap WHERE name <> 'x'"

[[view]]
name = "z_cheap"
definition = "SELECT id, name, price FROM items WHERE price < 10"

[[table]]
name = "items"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "name", type = "varchar(50)" },
  { name = "price", type = "integer" },
]
TOML
run revision --autogenerate -m "views"; expect_rc 0
rev1="$(ls migrations/versions/*views*.toml)"
CHECKS=$((CHECKS + 1))
grep -q 'op = "create_view"' "$rev1" || fail "no create_view in $(cat "$rev1")"
run upgrade head; expect_rc 0
q "INSERT INTO items (id, name, price) VALUES (1, 'pen', 2), (2, 'car', 5000)"
expect_eq "$(q "SELECT name FROM a_names")" "pen"
run check; expect_rc 0
expect_err_has "No changes"
CHECKS=$((CHECKS + 1))
grep -q "view 'a_names'" <<<"$ERR" && fail "check still calls a view unmanaged"

# inspect writes both views; its output is a model that checks clean.
run inspect; expect_rc 0
expect_out_has '[[view]]'
expect_out_has 'name = "a_names"'
expect_out_has 'name = "z_cheap"'
CHECKS=$((CHECKS + 1))
grep -q "view 'a_names' is not in the models" <<<"$ERR" && fail "inspect calls the view unmanaged"
cp models/app.toml app.toml.hand
printf '%s\n' "$OUT" >models/app.toml
run check; expect_rc 0
expect_err_has "No changes"
cp app.toml.hand models/app.toml
run inspect --table items; expect_rc 0
CHECKS=$((CHECKS + 1))
grep -q '\[\[view\]\]' <<<"$OUT" && fail "inspect --table wrote views"

# Offline: the script creates the table, then z_cheap, then a_names.
run upgrade base:head --sql; expect_rc 0
CHECKS=$((CHECKS + 1))
t="$(grep -n 'CREATE TABLE' <<<"$OUT" | head -1 | cut -d: -f1)"
z="$(grep -n 'VIEW .z_cheap' <<<"$OUT" | head -1 | cut -d: -f1)"
a="$(grep -n 'VIEW .a_names' <<<"$OUT" | head -1 | cut -d: -f1)"
[ -n "$t" ] && [ -n "$z" ] && [ -n "$a" ] && [ "$t" -lt "$z" ] && [ "$z" -lt "$a" ] ||
  fail "offline order: table $t, z_cheap $z, a_names $a"

# A change to the base view (a column added, a filter changed) with a view on it.
sed -i 's/SELECT id, name, price FROM items WHERE price < 10/SELECT id, name, price, price * 2 AS double_price FROM items WHERE price < 100/' models/app.toml
run revision --autogenerate -m "base view"; expect_rc 0
rev2="$(ls migrations/versions/*base_view*.toml)"
# A column appended: replaced in place everywhere (PostgreSQL keeps the columns it had); on
# PostgreSQL the downgrade, which would take the column away, drops and creates it and the
# view on it instead.
CHECKS=$((CHECKS + 1))
grep -q 'op = "replace_view"' "$rev2" || fail "no replace_view in $(cat "$rev2")"
if db_is postgresql; then
  CHECKS=$((CHECKS + 1))
  sed -n '/\[\[downgrade\]\]/,$p' "$rev2" | grep -q 'op = "drop_view"' ||
    fail "the downgrade does not drop the view: $(cat "$rev2")"
fi
run upgrade head; expect_rc 0
expect_eq "$(q "SELECT double_price FROM z_cheap")" "4"
expect_eq "$(q "SELECT name FROM a_names")" "pen"
run check; expect_rc 0
expect_err_has "No changes"

# A column type changed under both views: they are dropped and created again around it.
sed -i 's/{ name = "price", type = "integer" }/{ name = "price", type = "bigint" }/' models/app.toml
run revision --autogenerate -m "price type"; expect_rc 0
rev3="$(ls migrations/versions/*price_type*.toml)"
CHECKS=$((CHECKS + 1))
[ "$(grep -c 'op = "drop_view"' "$rev3")" -ge 2 ] || fail "the views are not dropped around the type change: $(cat "$rev3")"
run upgrade head; expect_rc 0
expect_eq "$(q "SELECT name FROM a_names")" "pen"
run check; expect_rc 0
expect_err_has "No changes"

# A change that rebuilds the table on SQLite (a check added) leaves the views over it alone and
# working (the rebuild renames without re-checking views).
sed -i 's/^  { name = "price", type = "bigint" },$/  { name = "price", type = "bigint" },\n]\nchecks = [{ name = "ck_items_price", expression = "price >= 0" }]\n#/' models/app.toml
python3 - <<'PY'
text = open("models/app.toml").read()
open("models/app.toml", "w").write(text.replace("#\n]\n", ""))
PY
run revision --autogenerate -m "price check"; expect_rc 0
rev_check="$(ls migrations/versions/*price_check*.toml)"
CHECKS=$((CHECKS + 1))
grep -q '_view' "$rev_check" && fail "a check constraint touches the views: $(cat "$rev_check")"
CHECKS=$((CHECKS + 1))
grep -q 'op = "create_check"' "$rev_check" || fail "no create_check: $(cat "$rev_check")"
run upgrade head; expect_rc 0
expect_eq "$(q "SELECT name FROM a_names")" "pen"
run check; expect_rc 0
run downgrade -1; expect_rc 0
rm "$rev_check"
sed -i '/^checks = \[{ name = "ck_items_price"/d' models/app.toml
expect_eq "$(q "SELECT name FROM a_names")" "pen"

# A view removed from the models is dropped, its reverse creates it again.
python3 - <<'PY'
import re
text = open("models/app.toml").read()
text = re.sub(r'\[\[view\]\]\nname = "a_names"\n[^\n]*\n\n', '', text)
open("models/app.toml", "w").write(text)
PY
run revision --autogenerate -m "drop names"; expect_rc 0
rev4="$(ls migrations/versions/*drop_names*.toml)"
CHECKS=$((CHECKS + 1))
grep -q 'op = "drop_view"' "$rev4" || fail "no drop_view in $(cat "$rev4")"
run upgrade head; expect_rc 0
run check; expect_rc 0

# Downgrades, one at a time, back to base.
run downgrade -1; expect_rc 0
expect_eq "$(q "SELECT name FROM a_names")" "pen"
run downgrade -1; expect_rc 0
expect_eq "$(q "SELECT name FROM a_names")" "pen"
run downgrade -1; expect_rc 0
expect_eq "$(q "SELECT name FROM a_names")" "pen"
expect_eq "$(q "SELECT count(*) FROM z_cheap")" "1"
run downgrade base; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_err_has "No changes"

# A view that calls a function of the schema is a model like the function, created after it
# and dropped before it. On PostgreSQL a view that calls what no model holds (another schema's
# aggregate) stays unmanaged, and so does a view on it: named, never dropped, never written.
if ! db_is sqlite; then
  if db_is postgresql; then
    q "CREATE FUNCTION twice(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT x * 2'"
  else
    q "CREATE FUNCTION twice(x bigint) RETURNS bigint DETERMINISTIC RETURN x * 2"
  fi
  q "CREATE VIEW f_prices AS SELECT twice(price) AS p FROM items"
  run inspect; expect_rc 0
  expect_out_has 'name = "twice"'
  expect_out_has 'name = "f_prices"'
  CHECKS=$((CHECKS + 1))
  grep -q "f_prices" <<<"$ERR" && fail "inspect named a view on a modelled function as unmanaged"
  # The models take both as inspect wrote them: clean against the database...
  python3 - "$OUT" <<'PY'
import sys
blocks = sys.argv[1].split("\n\n")
kept = [b for b in blocks if b.startswith("[[function]]") or
        (b.startswith("[[view]]") and 'name = "f_prices"' in b)]
open("models/f.toml", "w").write("\n\n".join(kept) + "\n")
PY
  run check; expect_rc 0
  # ... and made again in order on a database without them: the function, then the view.
  q "DROP VIEW f_prices"
  q "DROP FUNCTION twice"
  run revision --autogenerate -m "function and view"; expect_rc 0
  rev="$(ls migrations/versions/*function_and_view*.toml)"
  CHECKS=$((CHECKS + 1))
  [ "$(grep -n 'op = "create_function"' "$rev" | head -1 | cut -d: -f1)" -lt \
    "$(grep -n 'op = "create_view"' "$rev" | head -1 | cut -d: -f1)" ] ||
    fail "the view is created before the function it calls: $(cat "$rev")"
  run upgrade head; expect_rc 0
  run check; expect_rc 0
  expect_eq "$(q "SELECT count(*) FROM f_prices")" "$(q "SELECT count(*) FROM items")"
  run downgrade -1; expect_rc 0
  rm -f models/f.toml "$rev"
  run check; expect_rc 0
  if db_is postgresql; then
    # A view calling the schema's aggregate is a model, as the aggregate is; one calling
    # another schema's aggregate (no model holds it), and the views on it, stay unmanaged.
    q "CREATE AGGREGATE total(bigint) (SFUNC = int8pl, STYPE = bigint)"
    q "CREATE VIEW a_total AS SELECT total(price) AS t FROM items"
    run inspect; expect_rc 0
    expect_out_has '[[aggregate]]'
    expect_out_has 'name = "a_total"'
    CHECKS=$((CHECKS + 1))
    grep -q "a_total" <<<"$ERR" && fail "a view calling the schema's aggregate is unmanaged: $ERR"
    q "DROP VIEW a_total"
    q "DROP AGGREGATE total(bigint)"
    other="views_other_$$"
    q "CREATE SCHEMA $other; CREATE AGGREGATE $other.total(bigint) (SFUNC = int8pl, STYPE = bigint)"
    q "CREATE VIEW a_total AS SELECT $other.total(price) AS t FROM items"
    q "CREATE VIEW a_on_a AS SELECT t FROM a_total"
    run inspect; expect_rc 0
    expect_err_has "view 'a_total' is not in the models"
    expect_err_has "view 'a_on_a' is not in the models"
    CHECKS=$((CHECKS + 1))
    grep -q 'a_total' <<<"$OUT" && fail "inspect wrote a view that calls another schema's aggregate as a model"
    run check; expect_rc 0
    expect_err_has "view 'a_total'"
    q "DROP VIEW a_on_a"
    q "DROP VIEW a_total"
    q "DROP SCHEMA $other CASCADE"
  fi
fi

# Kinds the database lacks are refused at load, naming file:line.
if ! db_is postgresql; then
  cat >models/mv.toml <<'TOML'

[[view]]
name = "mv"
materialized = true
definition = "SELECT id FROM items"
TOML
  run check; expect_rc 1
  expect_err_has "mv.toml:2"
  expect_err_has "materialized"
  rm models/mv.toml
fi
# A view key that is not a view key.
cat >models/bad.toml <<'TOML'
[[view]]
name = "bad"
defintion = "SELECT 1"
TOML
run check; expect_rc 1
expect_err_has "bad.toml:3"
rm models/bad.toml

finish
