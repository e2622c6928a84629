# Issue 11: user-defined aggregates and operators are model objects on PostgreSQL. A fragment
# in the shape of pagila (group_concat over _group_concat, a view calling it) and danbooru (an
# operator ~<< on text, an index using it) loaded with psql: inspect (nothing unmanaged) ->
# check clean -> autogenerate into an empty schema -> upgrade head -> catalogs compared, the
# view and the operator work -> a new initcond: the aggregate dropped and created again with
# its view, downgrade back, check clean -> downgrade base.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

HAND="$(fresh_pg_url aggregates_hand)"
pg_sql "$HAND" "
CREATE FUNCTION _group_concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS \$\$
SELECT CASE WHEN \$2 IS NULL THEN \$1 WHEN \$1 IS NULL THEN \$2 ELSE \$1 || ', ' || \$2 END
\$\$;
CREATE AGGREGATE group_concat(text) (SFUNC = _group_concat, STYPE = text, PARALLEL = SAFE);
CREATE FUNCTION text_lt_tilde(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS 'SELECT \$1 < \$2';
CREATE OPERATOR ~<< (FUNCTION = text_lt_tilde, LEFTARG = text, RIGHTARG = text,
  RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE TABLE actor (actor_id integer NOT NULL PRIMARY KEY, first_name text NOT NULL);
CREATE INDEX actor_early ON actor (actor_id) WHERE first_name ~<< 'm';
CREATE VIEW actor_names AS SELECT group_concat(first_name) AS names FROM actor;
" >/dev/null

# Aggregates, operators and the view as the catalog has them.
objects_of() {
  local schema="${1##*search_path%3D}"
  psql_run -c "SET search_path TO \"$schema\";
    SELECT p.proname, pg_get_function_identity_arguments(p.oid), a.aggtransfn, a.agginitval,
           p.proparallel
      FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = '$schema'::regnamespace ORDER BY 1, 2;
    SELECT oprname, oprleft::regtype, oprright::regtype, oprcode, oprrest, oprjoin
      FROM pg_operator WHERE oprnamespace = '$schema'::regnamespace ORDER BY 1, 2, 3;
    SELECT pg_get_viewdef('actor_names'::regclass, true);
    SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = 'actor_early'::regclass"
}

run init; expect_rc 0
run --url "$HAND" inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has '[[aggregate]]'
expect_out_has 'name = "group_concat"'
expect_out_has 'sfunc = "_group_concat"'
expect_out_has 'parallel = "safe"'
expect_out_has '[[operator]]'
expect_out_has 'name = "~<<"'
expect_out_has 'function = "text_lt_tilde"'
expect_out_has 'restrict = "scalarltsel"'
expect_out_has '[[view]]'
expect_out_has 'name = "actor_names"'
# Nothing of these is unmanaged any more.
CHECKS=$((CHECKS + 1)); ! grep -q "aggregate\|operator\|actor_names" <<<"$ERR" || fail "still unmanaged: $ERR"
run --url "$HAND" check; expect_rc 0

use_fresh_pg aggregates_new
run revision --autogenerate -m "aggregates"; expect_rc 0
REV="$(ls migrations/versions/*.toml | head -1)"
CHECKS=$((CHECKS + 1)); grep -q 'op = "create_aggregate"' "$REV" || fail "no create_aggregate in $REV"
CHECKS=$((CHECKS + 1)); grep -q 'op = "create_operator"' "$REV" || fail "no create_operator in $REV"
run upgrade head --sql; expect_rc 0
expect_out_has 'CREATE AGGREGATE "group_concat"(text) ('
expect_out_has 'CREATE OPERATOR ~<< ('
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(objects_of "$URL")" "$(objects_of "$HAND")"
pg_sql "$URL" "INSERT INTO actor VALUES (1, 'ann'), (2, 'zoe')" >/dev/null
expect_eq "$(pg_sql "$URL" "SELECT names FROM actor_names")" "ann, zoe"
expect_eq "$(pg_sql "$URL" "SELECT count(*) FROM actor WHERE first_name ~<< 'm'")" "1"

# A new initcond: the aggregate is dropped and created again, and its view with it.
python3 - <<'PY'
p = "models/schema.toml"
s = open(p).read()
s = s.replace('stype = "text"\n', 'stype = "text"\ninitcond = "all:"\n', 1)
open(p, "w").write(s)
PY
run check; expect_rc 1
expect_out_has 'drop aggregate group_concat(text)'
expect_out_has 'add aggregate group_concat(text)'
expect_out_has 'drop view actor_names'
run revision --autogenerate -m "initcond"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(pg_sql "$URL" "SELECT names FROM actor_names")" "all:, ann, zoe"
run downgrade -1; expect_rc 0
expect_eq "$(objects_of "$URL")" "$(objects_of "$HAND")"
rm "$(ls -t migrations/versions/*.toml | head -1)"
sed -i '/^initcond = "all:"$/d' models/schema.toml
run check; expect_rc 0

run downgrade base; expect_rc 0
expect_eq "$(pg_sql "$URL" "SELECT count(*) FROM pg_proc WHERE pronamespace = current_schema()::regnamespace")" "0"
expect_eq "$(pg_sql "$URL" "SELECT count(*) FROM pg_operator WHERE oprnamespace = current_schema()::regnamespace")" "0"

# Refused at load where the dialect has none, at file:line.
SQLITE_DIR="$(mktemp -d)"
(
  cd "$SQLITE_DIR"
  "$BIN" init >/dev/null 2>&1
  printf '[[operator]]\nname = "~<<"\nleftarg = "text"\nrightarg = "text"\nfunction = "f"\n' >models/ops.toml
  "$BIN" --url "sqlite:///$SQLITE_DIR/x.db" check >out.txt 2>err.txt
  echo "rc=$?" >>err.txt
)
CHECKS=$((CHECKS + 1)); grep -q "models/ops.toml:1: operator '~<<(text, text)': user-defined operators" "$SQLITE_DIR/err.txt" || fail "sqlite did not refuse: $(cat "$SQLITE_DIR/err.txt")"
CHECKS=$((CHECKS + 1)); grep -q "rc=1" "$SQLITE_DIR/err.txt" || fail "sqlite refusal did not exit 1"
rm -rf "$SQLITE_DIR"
finish
