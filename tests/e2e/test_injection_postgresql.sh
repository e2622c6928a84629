# test_injection.sh's cases on PostgreSQL, plus `check` with a hostile model check: the
# stored-forms probe must not run it as a multi-statement query that commits.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"
source "$E2E_DIR/injection_cases.sh"

run init; expect_rc 0
use_fresh_pg injection
victim_sql() { pg_sql "$URL" "$1" | tail -n 1; }
run_injection_cases

# check compares a model check with the live one through the server's stored form: a probe
# in a rolled-back transaction. Hostile text must not get that far, nor commit anything.
rm -f migrations/versions/*.toml models/*.toml
pg_sql "$URL" "CREATE TABLE probe_t (id integer PRIMARY KEY, x integer)" >/dev/null
cat >models/schema.toml <<'TOML'
[[table]]
name = "probe_t"
columns = [ { name = "id", type = "integer", primary_key = true }, { name = "x", type = "integer" } ]
checks = [ { name = "ck_x", expression = "x > 0) NOT VALID; COMMIT; CREATE TABLE pwned (i int); --" } ]
TOML
run check; expect_rc 1
expect_err_has "schema.toml:4"
expect_eq "$(victim_sql "SELECT count(*) FROM pg_tables WHERE tablename = 'pwned'")" "0"
finish
