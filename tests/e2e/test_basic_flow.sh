# The spec's basic flow: init, revision, upgrade, current, history, downgrade, exit codes and
# streams. Runs on the database MIGRATECPP_E2E_DB names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"

run --version; expect_rc 0; expect_out_has "migratecpp "
run --help; expect_rc 0
run no-such-command; expect_rc 2; expect_err_has "unknown command 'no-such-command'"
run upgrad head; expect_rc 2; expect_err_has "did you mean 'upgrade'"
run upgrade; expect_rc 2

run current; expect_rc 1; expect_err_has "no migratecpp.toml"

run init; expect_rc 0
use_db basic
for f in migratecpp.toml migrations/script.toml.tmpl migrations/versions models/schema.toml; do
  [ -e "$f" ] || fail "init did not create $f"
done
run list-templates; expect_rc 0; expect_out_has "generic"; expect_out_has "postgresql"
expect_out_has "mysql"
run init --template mysql my; expect_rc 0
expect_eq "$(grep '^url' my/migratecpp.toml)" 'url = "${DATABASE_URL:-mysql://app@localhost:3306/app}"'
rm -rf my

run revision -m "first"; expect_rc 0
first_path="$OUT"
[ -f "$first_path" ] || fail "revision printed '$first_path', which is not a file"
first_id="$(sed -n 's/^revision = "\(.*\)"$/\1/p' "$first_path")"
[[ "$first_id" =~ ^[0-9a-f]{12}$ ]] || fail "revision id '$first_id' is not 12 hex characters"
case "$first_path" in *"${first_id}_first.toml") ;; *) fail "file name $first_path";; esac

# A revision with real ops, written by hand.
write_rev 0002 a2000000000b "\"$first_id\"" "add users" '
[[upgrade]]
op = "create_table"
table = "users"
columns = [
  { name = "id", type = "bigint", primary_key = true, autoincrement = true },
  { name = "email", type = "varchar(255)", nullable = false },
]

[[upgrade]]
op = "create_index"
table = "users"
name = "ix_users_email"
columns = ["email"]
unique = true

[[downgrade]]
op = "drop_index"
table = "users"
name = "ix_users_email"

[[downgrade]]
op = "drop_table"
table = "users"
'

run upgrade head; expect_rc 0
expect_eq "$(q 'select version_num from migratecpp_version')" "a2000000000b"
expect_eq "$(db_indexes)" "ix_users_email"
run current; expect_rc 0; expect_out "a2000000000b (head)"
run history; expect_rc 0
expect_out "$first_id -> a2000000000b (head), add users
<base> -> $first_id, first"
run history --indicate-current; expect_out_has "a2000000000b (head) (current), add users"
run heads; expect_out "a2000000000b (head)"
run downgrade -1; expect_rc 0
run current; expect_out "$first_id"
run upgrade +1; expect_rc 0
run current; expect_out "a2000000000b (head)"
run downgrade base; expect_rc 0
run current; expect_rc 0; expect_out ""
expect_eq "$(db_tables | grep -cx users)" "0"

# Global options after the command, and -q.
run upgrade head -q; expect_rc 0; expect_eq "$ERR" ""
run -c migratecpp.toml current; expect_out "a2000000000b (head)"
run current -c migratecpp.toml; expect_out "a2000000000b (head)"

# init refuses a non-empty migrations folder.
run init; expect_rc 1; expect_err_has "already exists and is not empty"
run init other --template nosuch; expect_rc 1; expect_err_has "unknown template 'nosuch'"

finish
