# Errors name the file and line, exit 1; usage errors exit 2; passwords never printed;
# a failing revision leaves the database as it was. Runs on the database MIGRATECPP_E2E_DB
# names (db_lib.sh); on MySQL a failed revision is undone op by op (expect_taken_back).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db errors
write_rev 0001 r1 '""' "ok" '
[[upgrade]]
op = "create_table"
table = "items"
columns = [ { name = "id", type = "integer", primary_key = true }, { name = "name", type = "text" } ]

[[upgrade]]
op = "bulk_insert"
table = "items"
rows = [ { id = 1, name = "one" }, { id = 2, name = "two" } ]

[[downgrade]]
op = "drop_table"
table = "items"
'
run upgrade head; expect_rc 0
expect_eq "$(q 'select count(*) from items')" "2"

# A revision whose third op fails: nothing of it stays.
write_rev 0002 r2 '"r1"' "breaks" '
[[upgrade]]
op = "add_column"
table = "items"
column = { name = "price", type = "integer" }

[[upgrade]]
op = "create_index"
table = "items"
name = "ix_items_name"
columns = ["name"]

[[upgrade]]
op = "execute"
sql = "INSERT INTO no_such_table VALUES (1)"
'
before="$(db_schema)"
rows="$(q 'select * from items order by id')"
run upgrade head; expect_rc 1
expect_err_has "0002.toml:17: revision r2: upgrade op #3 (execute) failed"
expect_err_has "$(db_error no_such_table no_such_table)"
expect_taken_back r1
[ "$COMPENSATING" = 1 ] && expect_err_has "undid (newest first): r2 upgrade op #2 (create_index on 'items'), r2 upgrade op #1 (add_column on 'items');"
expect_eq "$(db_schema)" "$before"
expect_eq "$(q 'select version_num from migratecpp_version')" "r1"
rm migrations/versions/0002.toml

# An execute op that ends the transaction itself: what ran before it is committed, and the
# last line says so and agrees with `current` instead of claiming a rollback. (Under the
# compensating strategy there is no transaction to end: SQLite refuses the COMMIT.)
if [ "$COMPENSATING" = 0 ]; then
  write_rev 0002 r2 '"r1"' "commits itself" '
[[upgrade]]
op = "add_column"
table = "items"
column = { name = "price", type = "integer" }

[[upgrade]]
op = "execute"
sql = "UPDATE items SET price = 1; COMMIT"

[[upgrade]]
op = "create_index"
table = "items"
name = "ix_items_name"
columns = ["name"]
'
  run upgrade head; expect_rc 1
  expect_err_has "0002.toml:11: revision r2: upgrade op #2 (execute) ended the revision's transaction itself"
  expect_eq "$(tail -n 1 <<<"$ERR")" "not rolled back: the statements before the transaction ended stay; the version table says the database is at r1"
  run current; expect_out "r1"
  expect_eq "$(q 'select distinct price from items')" "1"
  q "ALTER TABLE items DROP COLUMN price"
  rm migrations/versions/0002.toml
fi

# expect_nothing_stays: the schema, the rows and the version table are as before the revision.
expect_nothing_stays() {
  expect_eq "$(db_schema)" "$before"
  expect_eq "$(q 'select * from items order by id')" "$rows"
  expect_eq "$(q 'select version_num from migratecpp_version')" "r1"
}

# An op that cannot even be rendered (SQLite; the servers refuse its statement), after two
# that ran.
write_rev 0002 r2 '"r1"' "render fails" '
[[upgrade]]
op = "add_column"
table = "items"
column = { name = "price", type = "integer" }

[[upgrade]]
op = "create_index"
table = "items"
name = "ix_items_name"
columns = ["name"]

[[upgrade]]
op = "drop_constraint"
table = "items"
name = "no_such_constraint"
'
run upgrade head; expect_rc 1
expect_err_has "0002.toml:17: revision r2: upgrade op #3 (drop_constraint on 'items')"
expect_err_has "$(db_error no_such_constraint no_such_constraint)"
expect_taken_back r1
expect_nothing_stays
rm migrations/versions/0002.toml

# An op of several statements that fails partway: the table is created, its index is not
# (index names are global in SQLite and PostgreSQL; MySQL names them per table and makes the
# table and its indexes in one statement, so there the case has nothing to fail).
if db_index_names_are_global; then
  write_rev 0002 r2 '"r1"' "second statement fails" '
[[upgrade]]
op = "create_index"
table = "items"
name = "ix_items_name"
columns = ["name"]

[[upgrade]]
op = "create_table"
table = "more"
columns = [ { name = "id", type = "integer", primary_key = true } ]
indexes = [ { name = "ix_items_name", columns = ["id"] } ]
'
run upgrade head; expect_rc 1
expect_err_has "revision r2: upgrade op #2 (create_table on 'more') failed"
expect_taken_back r1
[ "$COMPENSATING" = 1 ] && expect_err_has "undid (newest first): r2 upgrade op #2 (create_table on 'more') (the statement that ran), r2 upgrade op #1"
expect_nothing_stays
fi

# ... and a column made NOT NULL over a NULL (on SQLite a table rebuild that fails copying
# the rows), after rows went in.
write_rev 0002 r2 '"r1"' "rebuild fails" '
[[upgrade]]
op = "bulk_insert"
table = "items"
rows = [ { id = 3 } ]

[[upgrade]]
op = "alter_column"
table = "items"
column = "name"
nullable = false
'
run upgrade head; expect_rc 1
expect_err_has "revision r2: upgrade op #2 (alter_column on 'items') failed"
expect_err_has "$(db_error not_null)"
expect_taken_back r1
expect_nothing_stays

# A bulk_insert whose third statement fails after two went in (rows naming other columns
# make separate INSERTs).
write_rev 0002 r2 '"r1"' "bulk insert fails" '
[[upgrade]]
op = "add_column"
table = "items"
column = { name = "price", type = "integer" }

[[upgrade]]
op = "bulk_insert"
table = "items"
rows = [ { id = 3, name = "three" }, { id = 4 }, { id = 1, name = "one again" } ]
'
run upgrade head; expect_rc 1
expect_err_has "revision r2: upgrade op #2 (bulk_insert on 'items') failed"
expect_err_has "$(db_error unique)"
expect_taken_back r1
expect_nothing_stays

# The version-row write fails after every op ran (a trigger made by hand refuses it).
write_rev 0002 r2 '"r1"' "version row fails" '
[[upgrade]]
op = "add_column"
table = "items"
column = { name = "price", type = "integer" }

[[upgrade]]
op = "bulk_insert"
table = "items"
rows = [ { id = 3, name = "three" } ]
'
db_freeze_version_table 'the version table is frozen'
before="$(db_schema)"
run upgrade head; expect_rc 1
expect_err_has "the version table is frozen"
expect_taken_back r1
expect_nothing_stays
db_thaw_version_table
before="$(db_schema)"

# Without the obstacles the same revision applies cleanly.
run upgrade head; expect_rc 0
expect_eq "$(q 'select version_num from migratecpp_version')" "r2"
expect_eq "$(q 'select count(*) from items')" "3"
q "DELETE FROM items WHERE id = 3; ALTER TABLE items DROP COLUMN price;
            UPDATE migratecpp_version SET version_num = 'r1';
            DELETE FROM migratecpp_version_history WHERE revision = 'r2'"
rm migrations/versions/0002.toml

# Bad revision files: path:line: message.
write_rev 0003 r3 '"r1"' "typo" '
[[upgrade]]
op = "create_tabel"
table = "x"
'
run upgrade head; expect_rc 1; expect_err_has "0003.toml:7: unknown op 'create_tabel' (did you mean 'create_table'?)"
rm migrations/versions/0003.toml
write_rev 0004 r4 '"r1"' "typo" '
[[upgrade]]
op = "add_column"
table = "items"
column = { name = "x", type = "integer", nulable = false }
'
run upgrade head; expect_rc 1; expect_err_has "unknown key 'nulable'"; expect_err_has "(did you mean 'nullable'?)"
expect_err_has "0004.toml:"
rm migrations/versions/0004.toml
write_rev 0005 r5 '"nope"' "missing parent"
run heads; expect_rc 1; expect_err_has "revision 'r5' has down_revision 'nope', which does not exist"
rm migrations/versions/0005.toml

# Passwords never appear.
run --url 'postgresql://u:s3cret-pw@127.0.0.1:1/db' current; expect_rc 1
expect_not_anywhere "s3cret-pw"; expect_err_has "postgresql://u:***@127.0.0.1:1/db"
run --url 'mysql://u:s3cret-pw@127.0.0.1:1/db' upgrade head; expect_rc 1; expect_not_anywhere "s3cret-pw"
MIGRATECPP_URL='postgresql://u:p%40ss-w0rd@127.0.0.1:1/db' run current; expect_rc 1
expect_not_anywhere "p@ss-w0rd"; expect_not_anywhere "p%40ss-w0rd"

run --url 'postgresql//u:s3cret-pw@h/db' current; expect_rc 1; expect_not_anywhere "s3cret-pw"
run --url 'postgresql://h/db?user=u&password=s3cret-pw&sslmode=disable' current; expect_rc 1
expect_not_anywhere "s3cret-pw"

# Offline, an op on a table the revisions did not create (made before them) still renders.
write_rev 0006 r6 '"r1"' "legacy" '
[[upgrade]]
op = "add_column"
table = "legacy"
column = { name = "note", type = "text" }

[[upgrade]]
op = "create_index"
table = "legacy"
name = "ix_legacy_note"
columns = ["note"]
'
run upgrade r1:r6 --sql --dialect postgresql; expect_rc 0; expect_out_has 'ALTER TABLE "legacy" ADD COLUMN "note" TEXT'
rm migrations/versions/0006.toml

# Unknown targets and usage errors.
run upgrade nosuch; expect_rc 1; expect_err_has "no such revision 'nosuch'"
run upgrade head --dialect oracle --sql; expect_rc 2
run -x novalue current; expect_rc 2; expect_err_has "-x expects KEY=VALUE"
run upgrade a:b; expect_rc 2; expect_err_has "only valid with --sql"

finish
