# A branched history with a merge and a dependency: upgrade and downgrade step by step,
# checking the version table (one row per applied head) after each step, as Alembic does.
# Runs on the database MIGRATECPP_E2E_DB names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db branches
mk() { # id down table
  write_rev "$1" "$1" "$2" "rev $1" "
[[upgrade]]
op = \"create_table\"
table = \"t_$1\"
columns = [ { name = \"id\", type = \"integer\", primary_key = true } ]

[[downgrade]]
op = \"drop_table\"
table = \"t_$1\"
"
}
rows() { q 'select version_num from migratecpp_version order by 1' | tr '\n' ' ' | sed 's/ $//'; }

mk a1 '""'
mk b1 '"a1"'
mk c1 '"a1"'
mk b2 '"b1"'
mk m1 '["b2", "c1"]'

run heads; expect_out "m1 (head)"
run branches; expect_out_has "a1 (branchpoint)"
run history; expect_out_has "b2, c1 -> m1 (head) (mergepoint), rev m1"

run upgrade b2; expect_rc 0; expect_eq "$(rows)" "b2"
run upgrade c1; expect_rc 0; expect_eq "$(rows)" "b2 c1"
run current; expect_out "b2
c1"
run upgrade head; expect_rc 0; expect_eq "$(rows)" "m1"
run downgrade -1; expect_rc 0; expect_eq "$(rows)" "b2 c1"
run downgrade b1; expect_rc 0; expect_eq "$(rows)" "b1 c1"
run downgrade a1; expect_rc 0; expect_eq "$(rows)" "a1"
expect_eq "$(db_tables | grep -c '^t_')" "1"
run upgrade heads; expect_rc 0; expect_eq "$(rows)" "m1"
expect_eq "$(db_tables | grep -c '^t_')" "5"
run downgrade base; expect_rc 0; expect_eq "$(rows)" ""

# Two heads: `upgrade head` is ambiguous; a merge joins them.
mk d1 '"m1"'
mk e1 '"m1"'
run upgrade head; expect_rc 1; expect_err_has "multiple heads are present (d1, e1)"
run revision -m "next"; expect_rc 1; expect_err_has "multiple heads are present (d1, e1)"
run upgrade heads; expect_rc 0; expect_eq "$(rows)" "d1 e1"
run merge heads -m "join" --rev-id f1; expect_rc 0
run heads; expect_out "f1 (head)"
run upgrade head; expect_rc 0; expect_eq "$(rows)" "f1"

# stamp: set the table without running anything.
run stamp a1 --purge; expect_rc 0; expect_eq "$(rows)" "a1"
run stamp head; expect_rc 0; expect_eq "$(rows)" "f1"
run stamp base; expect_rc 0; expect_eq "$(rows)" ""
run stamp heads; expect_rc 0; expect_eq "$(rows)" "f1"
run downgrade base; expect_rc 0; expect_eq "$(rows)" ""

# Branch labels and depends_on.
run revision -m "lib root" --head base --branch-label lib --rev-id l1; expect_rc 0
run revision -m "lib next" --head lib@head --rev-id l2 --depends-on d1; expect_rc 0
run upgrade lib@head; expect_rc 0
expect_eq "$(rows)" "d1 l2"
# The dependency stays a row of its own: the state upgrade wrote is one every command accepts.
run current; expect_rc 0; expect_out "d1
l2 (head)"
run downgrade base; expect_rc 0; expect_eq "$(rows)" ""
run upgrade lib@head; expect_rc 0; expect_eq "$(rows)" "d1 l2"
run show l2; expect_rc 0; expect_out_has "Also depends on: d1"

# --depends-on LABEL@head is written as the id it names; a bare label stays a label.
run revision -m "net" --head base --branch-label net --rev-id n1; expect_rc 0
run revision -m "uses lib" --head net@head --depends-on lib@head --rev-id n2; expect_rc 0
grep -q 'depends_on = \["l2"\]' migrations/versions/n2_uses_lib.toml || fail "depends_on not resolved: $(grep depends_on migrations/versions/n2_uses_lib.toml)"
run revision -m "uses net" --head n2 --depends-on net --rev-id n3; expect_rc 0
grep -q 'depends_on = \["net"\]' migrations/versions/n3_uses_net.toml || fail "label not kept"
run heads; expect_rc 0

# Splice: a branch from a non-head needs --splice.
run revision -m "side" --head a1; expect_rc 1; expect_err_has "is not a head; pass --splice"
run revision -m "side" --head a1 --splice --rev-id s1; expect_rc 0

finish
