# Issue 11 (fidelity): what PostgreSQL holds is written back exactly. Defaults keep their
# casts (('now'::text)::date is today's date at each insert; 'now' would freeze the migration
# day), index expressions and partial-index predicates keep theirs (lower((a)::text) is not
# lower(a) to the server), an unowned sequence's nextval default stays as printed, and an
# identity column stays ALWAYS, and a serial stays a serial (its sequence owned by the
# column and a nextval default, not an identity column). A hand-made schema: inspect -> check clean -> autogenerate
# into an empty schema -> upgrade head -> check clean -> pg_dump --schema-only of both equal.
# Then a hand-written model in the short spelling (default = "''") is clean against the
# server's stored form, and identity changes both ways.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

HAND="$(fresh_pg_url fidelity_hand)"
pg_sql "$HAND" "
CREATE SEQUENCE users_seq;
CREATE DOMAIN born_on AS date DEFAULT ('now'::text)::date;
CREATE DOMAIN label AS character varying(20) DEFAULT ''::character varying;
CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer DEFAULT nextval(('users_seq'::text)::regclass) NOT NULL,
  born date DEFAULT ('now'::text)::date,
  name character varying(40) DEFAULT ''::character varying NOT NULL,
  group_name character varying,
  other_names text[] DEFAULT '{}'::text[] NOT NULL,
  status character varying DEFAULT 'draft'::character varying,
  flag character(1) DEFAULT 'N'::bpchar,
  prefs json DEFAULT '{}'::json,
  score integer DEFAULT '-1'::integer,
  seen timestamp without time zone DEFAULT ('now'::text)::timestamp without time zone,
  joined born_on,
  tag label
);
CREATE INDEX users_lower_name ON users (lower((name)::text));
CREATE INDEX users_all_names ON users USING gin ((ARRAY[(name)::text, (group_name)::text] || other_names));
CREATE INDEX users_drafts ON users (id) WHERE ((status)::text = 'draft'::text);
CREATE TABLE serials (id serial PRIMARY KEY, big bigserial, small smallserial, n integer);
" >/dev/null

dump_of() {
  local schema="${1##*search_path%3D}"
  local dump=pg_dump
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_dump" ] && dump="$d/pg_dump"; done
  "$dump" --schema-only --no-owner --no-privileges -n "$schema" -T "$schema.migratecpp*" \
    "$TEST_PG_URL" | grep -v '^--\|^$\|^SET \|^SELECT pg_catalog\|restrict ' |
    sed "s/$schema\.//g; s/\"$schema\"\.//g; s/SCHEMA $schema/SCHEMA s/"
}

run init; expect_rc 0
run --url "$HAND" inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has "{ name = \"born\", type = \"date\", default = \"('now'::text)::date\" }"
expect_out_has "default = \"''::character varying\""
expect_out_has "default = \"'N'::bpchar\""
expect_out_has "default = \"'-1'::integer\""
expect_out_has "default = \"nextval(('users_seq'::text)::regclass)\""
expect_out_has 'identity = "always"'
expect_out_has "default = \"('now'::text)::date\"" # the domain's too
grep -A3 'name = "label"' <<<"$OUT" | grep -qF "default = \"''::character varying\"" || fail "domain label: $OUT"
# Index keys as pg_get_indexdef prints them (pretty): casts kept.
expect_out_has '"lower(name::text)"'
expect_out_has '"(ARRAY[name::text, group_name::text] || other_names)"'
expect_out_has "where = \"status::text = 'draft'::text\""
expect_out_has '{ name = "id", type = "serial", primary_key = true, autoincrement = true }'
expect_out_has '{ name = "big", type = "bigserial", nullable = false, autoincrement = true }'
expect_out_has '{ name = "small", type = "smallserial", nullable = false, autoincrement = true }'
run --url "$HAND" check; expect_rc 0

use_fresh_pg fidelity_new
run revision --autogenerate -m "fidelity"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(dump_of "$URL")" "$(dump_of "$HAND")"
expect_eq "$(psql_run -c "SELECT attidentity FROM pg_attribute WHERE attrelid = '${URL##*search_path%3D}.users'::regclass AND attname = 'id'")" "a"

# The short spellings a person writes: the server stores them with their casts, and the
# comparison asks it how it would, so nothing changes.
sed -i "s|default = \"''::character varying\"|default = \"''\"|; s|default = \"'N'::bpchar\"|default = \"'N'\"|; s|default = \"'-1'::integer\"|default = \"-1\"|; s|\"lower(name::text)\"|\"lower(name)\"|; s|where = \"status::text = 'draft'::text\"|where = \"status = 'draft'\"|" models/schema.toml
# (the domain label's default line too)
grep -q "default = \"''\"" models/schema.toml || fail "the model edit did not apply"
grep -q "''::character varying" models/schema.toml && fail "a stored spelling is left: $(cat models/schema.toml)"
run check; expect_rc 0
# A serial as models said it before inspect wrote serials: an autoincrementing integer.
sed -i 's|{ name = "big", type = "bigserial",|{ name = "big", type = "bigint",|' models/schema.toml
run check; expect_rc 0

# Identity: ALWAYS -> BY DEFAULT and back.
sed -i 's|identity = "always"|identity = "by default"|' models/schema.toml
run check; expect_rc 1
run revision --autogenerate -m "identity by default"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(psql_run -c "SELECT attidentity FROM pg_attribute WHERE attrelid = '${URL##*search_path%3D}.users'::regclass AND attname = 'id'")" "d"
run downgrade -1; expect_rc 0
expect_eq "$(psql_run -c "SELECT attidentity FROM pg_attribute WHERE attrelid = '${URL##*search_path%3D}.users'::regclass AND attname = 'id'")" "a"
run downgrade base; expect_rc 0

finish
