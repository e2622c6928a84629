# Names longer than PostgreSQL keeps (63 bytes) are refused before anything runs, at the line
# that writes them: the server would shorten them with its notice unseen, `check` would see
# drift forever and the next autogenerate would drop and re-create the table empty.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

run init; expect_rc 0
use_fresh_pg identifiers
long="c_$(printf 'x%.0s' $(seq 1 62))" # 64 bytes
write_rev 0001 r1 '""' "long column" "
[[upgrade]]
op = \"create_table\"
table = \"t\"
columns = [ { name = \"id\", type = \"integer\", primary_key = true } ]

[[upgrade]]
op = \"add_column\"
table = \"t\"
column = { name = \"$long\", type = \"integer\" }
"
run upgrade head; expect_rc 1
expect_err_has "0001.toml:11: revision r1: upgrade op #2 (add_column): the name '$long' is 64 bytes long; postgresql keeps at most 63"
run current; expect_out ""
expect_eq "$(pg_sql "$URL" "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 't'" | tail -n 1)" "0"
run upgrade head --sql; expect_rc 1
expect_err_has "is 64 bytes long"

# 63 bytes is fine, and so is a multi-byte name within the limit.
ok="c_$(printf 'x%.0s' $(seq 1 61))"
sed -i "s/$long/$ok/" migrations/versions/0001.toml
run upgrade head; expect_rc 0

# A model file: check and autogenerate refuse it at its line.
cat >models/schema.toml <<TOML
[[table]]
name = "t"
columns = [ { name = "id", type = "integer", primary_key = true },
            { name = "$ok", type = "integer" },
            { name = "$long", type = "integer" } ]
TOML
run check; expect_rc 1
expect_err_has "schema.toml:5: the name '$long' is 64 bytes long"
run revision --autogenerate -m long; expect_rc 1
expect_err_has "schema.toml:5:"
expect_eq "$(ls migrations/versions | wc -l)" "1"
finish
