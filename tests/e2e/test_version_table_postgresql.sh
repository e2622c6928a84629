# PostgreSQL version-table oddities: a version table whose name differs in letter case (quoted
# identifiers keep it), and a configured schema that does not exist. Both used to read as base.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

run init; expect_rc 0
# Not "migratecpp_version": the test server's password is "migratecpp", and errors hide it.
sed -i 's/^version_table = .*/version_table = "schema_version"/' migratecpp.toml
use_fresh_pg vtable
write_rev 0001 r1 '""' "one" '
[[upgrade]]
op = "create_table"
table = "a"
columns = [ { name = "id", type = "integer", primary_key = true } ]
'
pg_sql "$URL" 'CREATE TABLE "Schema_Version" (version_num varchar(32) PRIMARY KEY); INSERT INTO "Schema_Version" VALUES ('"'r1'"')' >/dev/null
run current; expect_rc 1
expect_err_has "there is no version table 'schema_version', but there is a table named 'Schema_Version' (the letter case differs)"
run upgrade head; expect_rc 1
expect_not_anywhere "already applied"
expect_eq "$(pg_sql "$URL" "SELECT count(*) FROM pg_tables WHERE tablename = 'a' AND schemaname = current_schema()" | tail -n 1)" "0"
# Pointing the config at it works, in one statement: the rows read with the proof that they
# come from a table of the current schema (Dialect::read_if_plain_table).
sed -i 's/^version_table = .*/version_table = "Schema_Version"/' migratecpp.toml
MIGRATECPP_STATS=1 run current; expect_out "r1 (head)"
expect_err_has "migratecpp stats: 1 SQL statements sent"
# One further down the search path is not the current schema's: not read (the first
# schema has none, so no revision is applied there).
FIRST="$(fresh_pg_url vfirst)"
SECOND="$(fresh_pg_url vsecond)"
pg_sql "$SECOND" 'CREATE TABLE "Schema_Version" (version_num varchar(32) PRIMARY KEY); INSERT INTO "Schema_Version" VALUES ('"'r1'"')' >/dev/null
run --url "${FIRST}%2C${SECOND##*%3D}" current; expect_rc 0
expect_not_anywhere "r1"

# A view in its place.
VIEW="$(fresh_pg_url vview)"
pg_sql "$VIEW" "CREATE VIEW \"Schema_Version\" AS SELECT 'r1'::varchar AS version_num" >/dev/null
run --url "$VIEW" current; expect_rc 1
expect_err_has "is a view, not a table"

# The history table beside it in another letter case: refused, not taken for an empty history.
HIST="$(fresh_pg_url vhist)"
pg_sql "$HIST" 'CREATE TABLE "Schema_Version_History" (seq integer PRIMARY KEY)' >/dev/null
run --url "$HIST" upgrade head; expect_rc 1
expect_err_has "there is no history table 'Schema_Version_history', but there is a table named 'Schema_Version_History' (the letter case differs)"
expect_eq "$(pg_sql "$HIST" "SELECT count(*) FROM pg_tables WHERE tablename IN ('a', 'Schema_Version') AND schemaname = current_schema()" | tail -n 1)" "0"
run --url "$HIST" log; expect_rc 1
expect_err_has "the letter case differs"

# [database] schema naming a schema that does not exist.
sed -i 's/^version_table = .*/version_table = "schema_version"/' migratecpp.toml
sed -i "s|^url = .*|url = \"$TEST_PG_URL\"|" migratecpp.toml
sed -i 's/^\[database\]$/[database]\nschema = "no_such_schema_here"/' migratecpp.toml
run current; expect_rc 1
expect_err_has "no schema to work in"
expect_err_has "no_such_schema_here"
run upgrade head; expect_rc 1
expect_err_has "no schema to work in"
finish
