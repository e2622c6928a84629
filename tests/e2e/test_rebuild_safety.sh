# SQLite table rebuilds lose nothing they were not asked to: triggers (also ones an `execute`
# made), columns an `execute` added, child rows behind ON DELETE CASCADE when the script's
# client enforces foreign keys; and a foreign key is never created over orphan rows.
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
write_rev 0001 r1 '""' "tables" '
[[upgrade]]
op = "create_table"
table = "users"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "varchar(100)" },
]

[[upgrade]]
op = "create_table"
table = "orders"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "user_id", type = "integer" },
]
foreign_keys = [ { name = "fk_orders_user", columns = ["user_id"], ref_table = "users", ref_columns = ["id"], on_delete = "cascade" } ]

[[upgrade]]
op = "create_table"
table = "audit"
columns = [ { name = "what", type = "text" } ]

[[downgrade]]
op = "drop_table"
table = "audit"

[[downgrade]]
op = "drop_table"
table = "orders"

[[downgrade]]
op = "drop_table"
table = "users"
'
write_rev 0002 r2 '"r1"' "trigger" '
[[upgrade]]
op = "execute"
sql = "CREATE TRIGGER trg_users_audit AFTER INSERT ON users BEGIN INSERT INTO audit (what) VALUES (NEW.email); END"

[[downgrade]]
op = "execute"
sql = "DROP TRIGGER trg_users_audit"
'
write_rev 0003 r3 '"r2"' "rebuild users" '
[[upgrade]]
op = "alter_column"
table = "users"
column = "email"
nullable = false
default = "'"'"'none'"'"'"
existing_nullable = true

[[downgrade]]
op = "alter_column"
table = "users"
column = "email"
nullable = true
default = ""
'

# Online: the trigger survives the rebuild of users, and so do the orders rows.
run upgrade r2; expect_rc 0
sql app.db "INSERT INTO users (id, email) VALUES (1, 'a@x'), (2, 'b@x'); INSERT INTO orders VALUES (10, 1), (11, 2);"
run upgrade r3; expect_rc 0
expect_eq "$(sql app.db "select count(*) from sqlite_master where type='trigger' and name='trg_users_audit'")" "1"
sql app.db "INSERT INTO users (id, email) VALUES (3, 'c@x')"
expect_eq "$(sql app.db "select group_concat(what, ',') from audit")" "a@x,b@x,c@x"
expect_eq "$(sql app.db "select count(*) from orders")" "2"

# Offline: the script keeps the trigger too, and a client that enforces foreign keys does not
# lose the orders rows through ON DELETE CASCADE while users is rebuilt.
run upgrade r1:r3 --sql; expect_rc 0
echo "$OUT" > up.sql
rm -f off.db
run upgrade r1 --sql; echo "$OUT" > r1.sql
sqlite3 -bail off.db < r1.sql || fail "sqlite3 rejected the r1 script"
sql off.db "INSERT INTO users (id, email) VALUES (1, 'a@x'), (2, 'b@x'); INSERT INTO orders VALUES (10, 1), (11, 2);"
( echo "PRAGMA foreign_keys = ON;"; cat up.sql ) | sqlite3 -bail off.db || fail "sqlite3 rejected the r1:r3 script"
expect_eq "$(sql off.db "select count(*) from orders")" "2"
expect_eq "$(sql off.db "select count(*) from sqlite_master where type='trigger' and name='trg_users_audit'")" "1"
expect_eq "$(sql off.db "select version_num from migratecpp_version")" "r3"

# Offline, a rebuild of a table an execute op added a column to would drop that column: the
# script is refused, naming the execute op and the table.
write_rev 0004 r4 '"r3"' "column by hand" '
[[upgrade]]
op = "execute"
sql = "ALTER TABLE orders ADD COLUMN note TEXT"
'
write_rev 0005 r5 '"r4"' "rebuild orders" '
[[upgrade]]
op = "create_check"
table = "orders"
name = "ck_orders_id"
expression = "id > 0"
'
run upgrade r3:r5 --sql; expect_rc 1
expect_err_has "revision r4 upgrade op #1 (execute)"
expect_err_has "note"
expect_err_has "orders"
run upgrade r1:r5 --sql; expect_rc 1
expect_err_has "revision r4 upgrade op #1 (execute)"
# Online the runner reads the database again after an execute op: the column stays.
run upgrade r4; expect_rc 0
sql app.db "UPDATE orders SET note = 'keep me' WHERE id = 10"
run upgrade r5; expect_rc 0
expect_eq "$(sql app.db "select note from orders where id = 10")" "keep me"

# A foreign key over orphan rows is refused, naming the table and the row count; the
# database stays where it was.
write_rev 0006 r6 '"r5"' "fk over orphans" '
[[upgrade]]
op = "add_column"
table = "audit"
column = { name = "user_id", type = "integer" }

[[upgrade]]
op = "execute"
sql = "UPDATE audit SET user_id = 99"

[[upgrade]]
op = "create_foreign_key"
table = "audit"
name = "fk_audit_user"
columns = ["user_id"]
ref_table = "users"
ref_columns = ["id"]
'
run upgrade r6; expect_rc 1
expect_err_has "audit"
expect_err_has "3 rows"
expect_taken_back r5
expect_eq "$(sql app.db "select count(*) from pragma_table_info('audit') where name = 'user_id'")" "0"
# The script form fails too, when a client runs it.
run upgrade r5:r6 --sql; expect_rc 0
echo "$OUT" > r6.sql
cp app.db app6.db
sqlite3 -bail app6.db < r6.sql 2>r6.err && fail "the r5:r6 script ran over orphan rows"
expect_eq "$(sql app6.db "select version_num from migratecpp_version")" "r5"

# A non-key autoincrement column cannot exist on SQLite: an error at model load, naming the
# file and line, not a difference `check` reports forever.
mkdir -p models
cat > models/bad.toml <<'TOML'
[[table]]
name = "counters"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "n", type = "integer", autoincrement = true },
]
TOML
run check; expect_rc 1
expect_err_has "models/bad.toml:5"
expect_err_has "autoincrement"

finish
