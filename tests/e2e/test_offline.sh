# --sql prints a complete script: fed to the database's own client it gives the same schema as
# an online upgrade. Runs on the database MIGRATECPP_E2E_DB names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db online
OFF_URL="$(fresh_db_url offline)"
write_rev 0001 r1 '""' "users" '
[[upgrade]]
op = "create_table"
table = "users"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "varchar(100)" },
]
indexes = [ { name = "ix_users_email", columns = ["email"] } ]

[[downgrade]]
op = "drop_table"
table = "users"
'
write_rev 0002 r2 '"r1"' "tighten" '
[[upgrade]]
op = "alter_column"
table = "users"
column = "email"
nullable = false
default = "'"'"'x'"'"'"
existing_nullable = true

[[upgrade]]
op = "create_check"
table = "users"
name = "ck_users_email"
expression = "length(email) > 0"

[[downgrade]]
op = "drop_constraint"
table = "users"
name = "ck_users_email"

[[downgrade]]
op = "alter_column"
table = "users"
column = "email"
nullable = true
default = ""
'
run upgrade head --sql; expect_rc 0
db_is_empty || fail "--sql touched the database"
echo "$OUT" > up.sql
expect_out_has "CREATE TABLE"
expect_out_has "INSERT INTO"
run_sql_script "$OFF_URL" up.sql || fail "the database's client rejected the script"
run upgrade head; expect_rc 0
expect_eq "$(DB_URL="$OFF_URL" db_schema)" "$(db_schema)"
expect_eq "$(q_at "$OFF_URL" 'select version_num from migratecpp_version')" "r2"

run downgrade r2:base --sql; expect_rc 0
echo "$OUT" > down.sql
run_sql_script "$OFF_URL" down.sql || fail "the database's client rejected the downgrade script"
expect_eq "$(DB_URL="$OFF_URL" db_tables | grep -cx users)" "0"

run upgrade r1:r2 --sql; expect_rc 0; expect_out_has "UPDATE"
run downgrade --sql base; expect_rc 2
run upgrade head --sql --dialect "$E2E_DB"; expect_rc 0

finish
