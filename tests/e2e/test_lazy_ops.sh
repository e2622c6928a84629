# Revision files are read in two parts (README "When revision files are read"): the header
# keys by every command, the ops only by the commands that use them. A revision whose ops are
# malformed leaves heads, history, branches and current working; upgrade, show, verify and
# --sql name its file and line; a bad header still stops every command. SQLite.
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db lazy
write_rev 0001_a a1 '""' "first" '
[[upgrade]]
op = "create_table"
table = "items"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "items"
'
run upgrade head; expect_rc 0

# The second revision's ops are broken: an unknown op on line 7, and a TOML error on line 11.
write_rev 0002_b b2 '"a1"' "second" '
[[upgrade]]
op = "create_tabel"
table = "more"

[[downgrade]]
op = "drop_table" junk
'
BAD="migrations/versions/0002_b.toml"

run heads; expect_rc 0; expect_out "b2 (head)"
run history; expect_rc 0; expect_out_has "a1 -> b2 (head), second"
run history --verbose; expect_rc 0; expect_out_has "/$BAD"
run branches; expect_rc 0
run current; expect_rc 0; expect_out "a1"
run heads --json; expect_rc 0; expect_out_has '"b2"'
# Running, showing or checking the ops reads them: the file and line of the first error.
run upgrade head; expect_rc 1; expect_err_has "$BAD:11:"
expect_eq "$(sqlite3 app.db 'select version_num from migratecpp_version')" "a1"
run upgrade head --sql; expect_rc 1; expect_err_has "$BAD:11:"
run show b2; expect_rc 1; expect_err_has "$BAD:11:"
run verify; expect_rc 1; expect_err_has "$BAD:11:"
# The revision already applied is still read and checksummed.
run downgrade base; expect_rc 0
expect_eq "$(sqlite3 app.db 'select count(*) from migratecpp_version')" "0"

# With the TOML error gone, the unknown op is named (with a did-you-mean) on its line.
sed -i 's/op = "drop_table" junk/op = "drop_table"/' "$BAD"
run upgrade head; expect_rc 1; expect_err_has "$BAD:7: unknown op 'create_tabel'"
expect_err_has "did you mean 'create_table'"

# A bad header stops every command, heads included, at its line.
sed -i 's/^down_revision = "a1"/down_revision = 7/' "$BAD"
run heads; expect_rc 1; expect_err_has "$BAD:2: 'down_revision' must be"
run current; expect_rc 1; expect_err_has "$BAD:2:"

finish
