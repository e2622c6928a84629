# Issue 11: how a PostgreSQL table is stored comes back as it was. danbooru's UNLOGGED
# `rate_limits` WITH (fillfactor = 50) and a column's statistics target (good_jobs.finished_at
# SET STATISTICS 1000), loaded with psql: inspect -> check clean -> autogenerate into an empty
# schema -> upgrade head -> compared from the catalogs; then changed and taken back.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

HAND="$(fresh_pg_url storage_hand)"
pg_sql "$HAND" "
CREATE UNLOGGED TABLE rate_limits (
  id bigint NOT NULL PRIMARY KEY,
  key character varying NOT NULL,
  points double precision NOT NULL
) WITH (fillfactor = '50', toast.autovacuum_enabled = false);
CREATE TABLE good_jobs (id uuid PRIMARY KEY, finished_at timestamp without time zone);
ALTER TABLE ONLY good_jobs ALTER COLUMN finished_at SET STATISTICS 1000;
CREATE INDEX index_good_jobs_on_finished_at ON good_jobs (finished_at) WITH (fillfactor = 90);
CREATE INDEX index_rate_limits_on_key ON rate_limits USING gin (to_tsvector('simple', key)) WITH (fastupdate = off);
CREATE INDEX index_rate_limits_on_lower_key ON rate_limits (lower(key));
ALTER INDEX index_rate_limits_on_lower_key ALTER COLUMN 1 SET STATISTICS 3000;
INSERT INTO rate_limits VALUES (1, 'a', 2.5);
" >/dev/null

# Per table or index: persistence, storage parameters (the TOAST table's prefixed), and the
# columns' statistics targets that are not the default.
storage_of() {
  local schema="${1##*search_path%3D}"
  psql_run -c "SELECT c.relname, c.relpersistence,
      array_to_string(array_cat(c.reloptions, (SELECT array_agg('toast.' || o)
        FROM pg_class tc, unnest(tc.reloptions) o WHERE tc.oid = c.reltoastrelid)), ','),
      (SELECT string_agg(a.attname || '=' || a.attstattarget, ',') FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND a.attstattarget > 0)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = '$schema' AND c.relkind IN ('r', 'i') AND c.relname NOT LIKE 'migratecpp%'
    ORDER BY 1"
}

run init; expect_rc 0
run --url "$HAND" inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has 'options = { unlogged = true, storage = { fillfactor = "50", "toast.autovacuum_enabled" = "false" } }'
expect_out_has '{ name = "finished_at", type = "timestamp", statistics = 1000 }'
expect_out_has '{ name = "index_good_jobs_on_finished_at", columns = ["finished_at"], storage = { fillfactor = "90" } }'
expect_out_has 'method = "gin", storage = { fastupdate = "off" } }'
expect_out_has '{ name = "index_rate_limits_on_lower_key", columns = ["lower(key::text)"], statistics = { 1 = 3000 } }'
expect_eq "$(grep -c 'unlogged' <<<"$ERR")" 0 # no longer named as unmanaged
run --url "$HAND" check; expect_rc 0

use_fresh_pg storage_new
run revision --autogenerate -m "storage"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(storage_of "$URL")" "$(storage_of "$HAND")"
expect_eq "$(storage_of "$URL" | grep '^rate_limits|')" "rate_limits|u|fillfactor=50,toast.autovacuum_enabled=false|"

pg_sql "$URL" "INSERT INTO rate_limits VALUES (1, 'a', 2.5)" >/dev/null

# Logged again, another fillfactor, the TOAST parameter gone, another target: one revision,
# and its downgrade puts each back.
sed -i 's|options = { unlogged = true, storage = { fillfactor = "50", "toast.autovacuum_enabled" = "false" } }|options = { storage = { fillfactor = 70 } }|; s|statistics = 1000|statistics = 200|; s|fillfactor = "90"|fillfactor = "80"|' models/schema.toml
run revision --autogenerate -m "logged"; expect_rc 0
expect_err_has 'alter options of table rate_limits: logged, fillfactor 50 -> 70, toast.autovacuum_enabled false -> default'
expect_err_has 'alter column good_jobs.finished_at: statistics 1000 -> 200'
expect_err_has 'index index_good_jobs_on_finished_at'
REV="$(ls migrations/versions/*logged*.toml)"
expect_eq "$(grep -cF 'op = "alter_table_options"' "$REV")" 2 # upgrade and downgrade
expect_eq "$(grep -cF 'existing = { unlogged = true, storage = { fillfactor = "50", "toast.autovacuum_enabled" = "false" } }' "$REV")" 1
expect_eq "$(grep -cF 'existing_statistics = 1000' "$REV")" 1
run upgrade head --sql; expect_rc 0
expect_out_has 'ALTER TABLE "rate_limits" SET LOGGED'
expect_out_has "ALTER TABLE \"rate_limits\" SET (fillfactor = '70')"
expect_out_has 'ALTER TABLE "rate_limits" RESET (toast.autovacuum_enabled)'
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(storage_of "$URL" | grep -E '^(good_jobs|rate_limits)\|')" "good_jobs|p||finished_at=200
rate_limits|p|fillfactor=70|"
expect_eq "$(storage_of "$URL" | grep '^index_good_jobs')" "index_good_jobs_on_finished_at|p|fillfactor=80|"
expect_eq "$(pg_sql "$URL" "SELECT key FROM rate_limits")" "a"
run downgrade -1; expect_rc 0
expect_eq "$(storage_of "$URL")" "$(storage_of "$HAND")"
run downgrade base; expect_rc 0
finish
