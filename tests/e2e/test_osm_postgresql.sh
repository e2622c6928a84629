# A real schema with sequences and an extension round-trips: OpenStreetMap's structure.sql
# (btree_gist for changesets_bbox_idx's gist_int4_ops, 34 sequences OWNED BY their columns,
# enum types) loaded with psql into a database of its own, `inspect`, `check` clean,
# autogenerate into an empty database, `upgrade head`, `check` clean, then both databases'
# sequences, domains, extensions and column defaults compared from the catalogs. Then a
# pagila-like fragment: a sequence no column owns, a late-binding nextval default, a domain.
# Databases of their own (not schemas): an extension exists once per database.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

OSM="$SRC/tests/corpus/real/openstreetmap.postgresql.sql"
[ -f "$OSM" ] || OSM=/work/issue11/corpus/openstreetmap.postgresql.sql
if [ ! -f "$OSM" ]; then
  echo "openstreetmap.postgresql.sql not found: skipping"
  exit 77
fi

DBS=()
drop_dbs() {
  local d
  for d in "${DBS[@]}"; do
    psql -X -q "$TEST_PG_URL" -c "DROP DATABASE IF EXISTS \"$d\"" >/dev/null 2>&1 || true
  done
}
CLEANUPS+=(drop_dbs)

# fresh_db NAME: creates database mt_<NAME>_<random>, prints its URL.
fresh_db() {
  local name="mt_$1_$RANDOM$RANDOM"
  psql_run -c "CREATE DATABASE \"$name\"" >/dev/null || return 1
  DBS+=("$name")
  echo "$TEST_PG_URL" | sed -E "s#/[^/?]+(\\?|\$)#/$name\\1#"
}
db_sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$1" -c "$2"; }

# The catalog rows both databases must agree on.
SEQUENCES="SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
  s.seqmax, s.seqcache, s.seqcycle, oc.relname || '.' || oa.attname
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_class oc ON oc.oid = d.refobjid
  LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
  WHERE c.relnamespace = current_schema()::regnamespace
    AND c.relname NOT LIKE 'migratecpp_version%' ORDER BY 1"
DOMAINS="SELECT t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,
  ARRAY(SELECT con.conname || ': ' || pg_get_constraintdef(con.oid, true) FROM pg_constraint con
        WHERE con.contypid = t.oid ORDER BY 1)
  FROM pg_type t WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype = 'd' ORDER BY 1"
EXTENSIONS="SELECT e.extname, n.nspname, e.extversion FROM pg_extension e
  JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1"
# A serial comes back an identity column (autoincrement's PostgreSQL form): its sequence is
# compared above (same name, options and owner column); the default it had is left out here.
DEFAULTS="SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
  CASE WHEN a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' AND
       pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL
       THEN 'autoincrement' ELSE pg_get_expr(d.adbin, d.adrelid) END
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0
    AND NOT a.attisdropped AND c.relname NOT LIKE 'migratecpp_version%' ORDER BY 1, 2"

# compare WHAT QUERY: the rows of both databases, the same.
compare() {
  CHECKS=$((CHECKS + 1))
  db_sql "$SOURCE" "$2" >"$WORK/a.txt"
  db_sql "$COPY" "$2" >"$WORK/b.txt"
  if ! diff -u "$WORK/a.txt" "$WORK/b.txt" >"$WORK/diff.txt"; then
    OUT="$(head -40 "$WORK/diff.txt")"
    ERR=""
    fail "$1 differ between the original and the round trip"
  fi
  [ -s "$WORK/a.txt" ] || [ "$1" = "domains" ] || fail "no $1 read: the query is wrong"
}

# round_trip NAME: inspect $SOURCE, check, autogenerate into $COPY, upgrade, check, inspect again.
round_trip() {
  mkdir -p "$WORK/$1" && cd "$WORK/$1" || return
  run init; expect_rc 0
  sed -i "s|^url = .*|url = \"$SOURCE\"|" migratecpp.toml
  run inspect; expect_rc 0
  printf '%s\n' "$OUT" >models/schema.toml
  INSPECTED="$OUT"
  run check; expect_rc 0
  sed -i "s|^url = .*|url = \"$COPY\"|" migratecpp.toml
  run revision --autogenerate -m copy; expect_rc 0
  run upgrade head; expect_rc 0
  run check; expect_rc 0
  run inspect; expect_rc 0
  expect_eq "$OUT" "$INSPECTED"
  cd "$WORK" || return
}

# --- OpenStreetMap -------------------------------------------------------------------------
SOURCE="$(fresh_db osm_a)"
COPY="$(fresh_db osm_b)"
sed -E '/OWNER TO/d; /^(GRANT|REVOKE) /d' "$OSM" |
  psql -X -q -v ON_ERROR_STOP=1 "$SOURCE" -f - >/dev/null 2>"$WORK/load.err"
expect_eq "$(cat "$WORK/load.err")" ""
round_trip osm
grep -qF '[[extension]]
name = "btree_gist"' osm/models/schema.toml || fail "inspect wrote no btree_gist extension"
# The revision creates the extension before the index that needs its operator class.
ext_line=$(cat osm/migrations/versions/*.toml | grep -n 'op = "create_extension"' | head -1 | cut -d: -f1)
idx_line=$(cat osm/migrations/versions/*.toml | grep -n 'changesets_bbox_idx' | head -1 | cut -d: -f1)
[ -n "$ext_line" ] && [ -n "$idx_line" ] && [ "$ext_line" -lt "$idx_line" ] ||
  fail "create_extension (line $ext_line) is not before changesets_bbox_idx (line $idx_line)"
compare sequences "$SEQUENCES"
compare domains "$DOMAINS"
compare extensions "$EXTENSIONS"
compare "column defaults" "$DEFAULTS"

# --- a pagila-like fragment ----------------------------------------------------------------
SOURCE="$(fresh_db frag_a)"
COPY="$(fresh_db frag_b)"
db_sql "$SOURCE" "
CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE SEQUENCE actor_actor_id_seq;
CREATE TABLE actor (actor_id integer DEFAULT nextval('actor_actor_id_seq'::regclass) NOT NULL PRIMARY KEY);
CREATE TABLE film (film_id serial PRIMARY KEY, release_year year);
CREATE SEQUENCE users_seq;
CREATE TABLE users (user_id integer DEFAULT nextval(('users_seq'::text)::regclass) NOT NULL PRIMARY KEY);
CREATE SEQUENCE stream_seq INCREMENT BY 5 CACHE 20;
CREATE EXTENSION citext;
CREATE TABLE tags (name citext PRIMARY KEY);" >/dev/null
round_trip fragment
expect_eq "$(grep -c '^\[\[sequence\]\]' fragment/models/schema.toml)" "3"
compare sequences "$SEQUENCES"
compare domains "$DOMAINS"
compare extensions "$EXTENSIONS"
compare "column defaults" "$DEFAULTS"
# The domain holds in the copy.
CHECKS=$((CHECKS + 1))
if db_sql "$COPY" "INSERT INTO film (release_year) VALUES (1800)" >/dev/null 2>&1; then
  fail "the copy's year domain accepted 1800"
fi
# And everything goes on downgrade base, extension included.
cd fragment && sed -i "s|^url = .*|url = \"$COPY\"|" migratecpp.toml
run downgrade base; expect_rc 0
expect_eq "$(db_sql "$COPY" "$EXTENSIONS")" ""
expect_eq "$(db_sql "$COPY" "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'S') AND relname NOT LIKE 'migratecpp_version%'")" "0"
finish
