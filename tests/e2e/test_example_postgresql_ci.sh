#!/usr/bin/env bash
# examples/postgresql-ci runs as its README says: ci.sh against a fresh PostgreSQL database
# (upgrade head, check, verify) passes, and passes again with nothing to do; a model edited
# without a revision makes it fail at the check step, an applied revision edited afterwards at
# the upgrade step (which refuses; verify names it). The workflow file parses and runs ci.sh.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh" # exits 77 without TEST_PG_URL

EXAMPLE="$SRC/examples/postgresql-ci"
DB="ci_example_$RANDOM$RANDOM"
drop_db() { psql -X -q "$TEST_PG_URL" -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null 2>&1 || true; }
CLEANUPS+=(drop_db)
psql_run -c "CREATE DATABASE \"$DB\"" >/dev/null
# The example reads its URL from DATABASE_URL, as a CI service would give it.
export DATABASE_URL
DATABASE_URL="$(echo "$TEST_PG_URL" | sed -E "s#/[^/?]+(\\?|\$)#/$DB\\1#")"
export MIGRATECPP="$BIN"

# A copy, so that the edits below never touch the source tree.
cp -r "$EXAMPLE" "$WORK/project"
ci() { bash "$WORK/project/ci.sh" >"$WORK/.out" 2>"$WORK/.err"; RC=$?; OUT="$(cat "$WORK/.out")"; ERR="$(cat "$WORK/.err")"; }

head_id="$(cd "$WORK/project" && "$BIN" heads | cut -d' ' -f1)"
expect_eq "$head_id" e17a5c08d3f2

ci
expect_rc 0
expect_err_has "Running upgrade  -> 4c1e0f6a9b21, create customers"
expect_err_has "Running upgrade 9d2b7e3f0a54 -> e17a5c08d3f2, customer totals view"
expect_err_has "No changes: the database matches the models"
expect_err_has "OK: 3 applied revision(s) match their recorded checksums"
expect_out_has "e17a5c08d3f2 (head)"
# The schema is there, rows and all: the view counts an order.
db_sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$DATABASE_URL" -c "$1"; }
db_sql "INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada');
        INSERT INTO orders (customer_id, total_cents) SELECT id, 1250 FROM customers" >/dev/null
expect_eq "$(db_sql "SELECT orders || ' ' || total_cents FROM customer_totals")" "1 1250"

# Again: nothing to do, still green (every CI run after the first).
ci
expect_rc 0
expect_not_anywhere "Running upgrade"

# A model edited without a revision: the check step fails the job, naming the change.
sed -i 's/^  { name = "name", type = "text", nullable = false },$/&\n  { name = "phone", type = "text" },/' \
  "$WORK/project/models/schema.toml"
grep -q '"phone"' "$WORK/project/models/schema.toml" || fail "the model edit did not apply"
ci
expect_rc 1
expect_out_has "add column customers.phone (text)"
expect_err_has "1 pending operation(s): the models differ from the database"
expect_not_anywhere "OK: 3 applied revision(s)" # verify never ran
cp "$EXAMPLE/models/schema.toml" "$WORK/project/models/schema.toml"
ci
expect_rc 0

# An applied revision edited afterwards: upgrade refuses, the job fails.
sed -i 's/ix_orders_customer_id/ix_orders_customer/g' "$WORK/project/migrations/versions/9d2b7e3f0a54_create_orders.toml"
ci
expect_rc 1
expect_err_has "9d2b7e3f0a54_create_orders.toml (revision 9d2b7e3f0a54): its ops changed since it was applied"

# Without DATABASE_URL, ci.sh says what is missing.
(unset DATABASE_URL && bash "$WORK/project/ci.sh") >"$WORK/.out" 2>"$WORK/.err"
RC=$?
ERR="$(cat "$WORK/.err")"
expect_rc 1
expect_err_has "set DATABASE_URL"

# The workflow file is valid YAML, starts PostgreSQL 15 and runs ci.sh with DATABASE_URL set.
workflow="$EXAMPLE/.github/workflows/migrate.yml"
OUT="$(python3 - "$workflow" <<'EOF'
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))["jobs"]["migrate"]
print(job["services"]["postgres"]["image"])
print(job["env"]["DATABASE_URL"].split("://")[0])
print(job["steps"][-1]["run"])
EOF
)"
RC=$?
expect_rc 0
expect_out "postgres:15
postgresql
bash ci.sh"
finish
