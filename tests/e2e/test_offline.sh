# --sql prints a complete script: fed to sqlite3 it gives the same schema as an online upgrade.
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
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
[ -e app.db ] && fail "--sql touched the database"
echo "$OUT" > up.sql
expect_out_has "CREATE TABLE"
expect_out_has "INSERT INTO"
sqlite3 offline.db < up.sql || fail "sqlite3 rejected the script"
run upgrade head; expect_rc 0
expect_eq "$(sqlite3 offline.db .schema)" "$(sqlite3 app.db .schema)"
expect_eq "$(sql offline.db 'select version_num from migratecpp_version')" "r2"

run downgrade r2:base --sql; expect_rc 0
echo "$OUT" > down.sql
sqlite3 offline.db < down.sql || fail "sqlite3 rejected the downgrade script"
expect_eq "$(sql offline.db "select count(*) from sqlite_master where name='users'")" "0"

run upgrade r1:r2 --sql; expect_rc 0; expect_out_has "UPDATE"
run downgrade --sql base; expect_rc 2
run upgrade head --sql --dialect sqlite; expect_rc 0

finish
