# alter_column on MariaDB / MySQL where MODIFY / CHANGE COLUMN must restate more than the
# model of the tracked schema holds (issue 10):
#  - a generated column the revisions did not create (made by an execute op): an offline
#    script restates it from the op's existing_* keys, and existing_generated keeps it
#    generated (without it, MariaDB turned a STORED column into a plain one);
#  - a type change of a column a foreign key involves (error 1832/1833): autogenerate drops
#    the keys first and creates them again, upgrade and downgrade keep rows and keys.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"

# generation NAME URL: "extra|comment" of shapes.NAME.
generation() {
  my_sql "$2" "select concat(extra, '|', column_comment) from information_schema.columns where table_schema = database() and table_name = 'shapes' and column_name = '$1'"
}

URL="$(fresh_my_url gen)"
export MIGRATECPP_URL="$URL"
run init; expect_rc 0

write_rev 0001 r1 '""' "shapes by hand" "
[[upgrade]]
op = \"execute\"
sql = \"CREATE TABLE shapes (id INT NOT NULL PRIMARY KEY, w INT NOT NULL, label VARCHAR(40) GENERATED ALWAYS AS (CONCAT('w=', w)) STORED COMMENT 'old', twice INT AS (w * 2) VIRTUAL COMMENT 'v1')\"

[[upgrade]]
op = \"execute\"
sql = \"INSERT INTO shapes (id, w) VALUES (1, 3), (2, 5)\"

[[downgrade]]
op = \"execute\"
sql = \"DROP TABLE shapes\"
"
run upgrade head; expect_rc 0
run inspect; expect_rc 0
sed -e 's/comment = "old"/comment = "new"/' -e 's/comment = "v1"/comment = "v2"/' <<<"$OUT" >models/schema.toml
run revision --autogenerate -m "comments"; expect_rc 0
REV2="$(ls migrations/versions | grep comments)"
# Autogenerate writes the generation of each altered generated column (upgrade and downgrade).
expect_eq "$(grep -c '^existing_generated = { expression = ".*concat.*, stored = true }$' "migrations/versions/$REV2")" "2"
expect_eq "$(grep -c '^existing_generated = { expression = ".*w.* \* 2", stored = false }$' "migrations/versions/$REV2")" "2"

# Offline: shapes is unknown to the tracked schema (an execute op made it), so the CHANGE
# COLUMN restates it from existing_*: still generated, stored and virtual.
run upgrade head --sql --dialect mysql; expect_rc 0
echo "$OUT" >up.sql
expect_eq "$(grep -ci 'CHANGE COLUMN `label` `label` varchar(40) GENERATED ALWAYS AS (.*) STORED' up.sql)" "1"
expect_eq "$(grep -c 'CHANGE COLUMN `twice` `twice` [A-Za-z0-9()]* GENERATED ALWAYS AS (.*) VIRTUAL' up.sql)" "1"
OFF="$(fresh_my_url gen_off)"
my_client "${OFF##*/}" <up.sql >/dev/null 2>client.err || fail "the mariadb client rejected the script: $(cat client.err)"
expect_eq "$(generation label "$OFF")" "STORED GENERATED|new"
expect_eq "$(generation twice "$OFF")" "VIRTUAL GENERATED|v2"
expect_eq "$(my_sql "$OFF" 'select concat(label, twice) from shapes order by id' | tr '\n' ' ')" "w=36 w=510 "
# The downgrade script, run on top, puts the comments back and keeps the generation.
run downgrade head:r1 --sql --dialect mysql; expect_rc 0
echo "$OUT" >down.sql
my_client "${OFF##*/}" <down.sql >/dev/null 2>client.err || fail "the mariadb client rejected the downgrade script: $(cat client.err)"
expect_eq "$(generation label "$OFF")" "STORED GENERATED|old"
expect_eq "$(generation twice "$OFF")" "VIRTUAL GENERATED|v1"

# Online, the same.
run upgrade head; expect_rc 0
expect_eq "$(generation label "$URL")" "STORED GENERATED|new"
expect_eq "$(generation twice "$URL")" "VIRTUAL GENERATED|v2"
run check; expect_rc 0
run downgrade r1; expect_rc 0
expect_eq "$(generation label "$URL")" "STORED GENERATED|old"
expect_eq "$(generation twice "$URL")" "VIRTUAL GENERATED|v1"

# --- A type change under a foreign key -------------------------------------------------------
FK="$(fresh_my_url fk)"
export MIGRATECPP_URL="$FK"
mkdir fk && cd fk
run init; expect_rc 0
cat >models/schema.toml <<'TOML'
[[table]]
name = "users"
columns = [ { name = "id", type = "int", primary_key = true }, { name = "name", type = "varchar(20)" } ]

[[table]]
name = "posts"
columns = [ { name = "id", type = "int", primary_key = true }, { name = "user_id", type = "int", nullable = false } ]
foreign_keys = [ { name = "fk_posts_user", columns = ["user_id"], ref_table = "users", ref_columns = ["id"], on_delete = "cascade" } ]

[[table]]
name = "likes"
columns = [ { name = "user_id", type = "int", primary_key = true }, { name = "post_id", type = "int", primary_key = true } ]
foreign_keys = [ { name = "fk_likes_user", columns = ["user_id"], ref_table = "users", ref_columns = ["id"] },
                 { name = "fk_likes_post", columns = ["post_id"], ref_table = "posts", ref_columns = ["id"] } ]
TOML
run revision --autogenerate -m "tables"; expect_rc 0
run upgrade head; expect_rc 0
my_sql "$FK" "INSERT INTO users VALUES (1, 'ann'), (2, 'bob'); INSERT INTO posts VALUES (10, 1), (11, 2), (12, 2); INSERT INTO likes VALUES (1, 11), (2, 10)"
# keys URL: every foreign key with its columns, rules and referenced columns.
keys() {
  my_sql "$1" "select concat(k.table_name, '.', k.constraint_name, ':', k.column_name, '->', k.referenced_table_name, '.', k.referenced_column_name, ' ', r.delete_rule) from information_schema.key_column_usage k join information_schema.referential_constraints r on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name and r.table_name = k.table_name where k.table_schema = database() and k.referenced_table_name is not null order by 1" | tr '\n' ' '
}
types() {
  my_sql "$1" "select concat(table_name, '.', column_name, ':', data_type) from information_schema.columns where table_schema = database() and table_name in ('users', 'posts', 'likes') order by 1" | tr '\n' ' '
}
rows() {
  my_sql "$1" "select concat_ws(',', (select group_concat(id, name order by id) from users), (select group_concat(id, '-', user_id order by id) from posts), (select group_concat(user_id, '-', post_id order by user_id) from likes))"
}
KEYS_BEFORE="$(keys "$FK")"
expect_eq "$KEYS_BEFORE" "likes.fk_likes_post:post_id->posts.id NO ACTION likes.fk_likes_user:user_id->users.id NO ACTION posts.fk_posts_user:user_id->users.id CASCADE "
TYPES_BEFORE="$(types "$FK")"
ROWS_BEFORE="$(rows "$FK")"

# A hand-written widening of a referenced column alone: MariaDB refuses it; the message says
# which key is in the way, and nothing changed.
write_rev 0099 hand '"'"$(ls migrations/versions | sed 's/_tables.toml//')"'"' "by hand" '
[[upgrade]]
op = "alter_column"
table = "users"
column = "id"
type = "bigint"
'
run upgrade head; expect_rc 1
expect_err_has "used in a foreign key constraint"
expect_eq "$(types "$FK")" "$TYPES_BEFORE"
rm migrations/versions/0099.toml

# Widen users.id and every column that references it (posts.user_id, likes.user_id).
sed -i -e 's/{ name = "id", type = "int", primary_key = true }, { name = "name"/{ name = "id", type = "bigint", primary_key = true }, { name = "name"/' \
       -e 's/{ name = "user_id", type = "int"/{ name = "user_id", type = "bigint"/' models/schema.toml
run revision --autogenerate -m "widen"; expect_rc 0
REV="migrations/versions/$(ls migrations/versions | grep widen)"
# The keys that involve the widened columns are dropped and made again (in the upgrade and
# in the downgrade); fk_likes_post is not.
expect_eq "$(grep -c '^op = "drop_constraint"' "$REV")" "4"
expect_eq "$(grep -c '^op = "create_foreign_key"' "$REV")" "4"
run upgrade head; expect_rc 0
expect_eq "$(types "$FK")" "likes.post_id:int likes.user_id:bigint posts.id:int posts.user_id:bigint users.id:bigint users.name:varchar "
expect_eq "$(keys "$FK")" "$KEYS_BEFORE"
expect_eq "$(rows "$FK")" "$ROWS_BEFORE"
run check; expect_rc 0
# The keys still hold: a row pointing nowhere is refused, a delete cascades.
my_sql "$FK" "INSERT INTO posts VALUES (13, 99)" >/dev/null 2>&1 && fail "a post of a missing user was accepted"
my_sql "$FK" "DELETE FROM likes; DELETE FROM users WHERE id = 1; SELECT count(*) FROM posts" >out.txt
expect_eq "$(cat out.txt)" "2"
my_sql "$FK" "INSERT INTO users VALUES (1, 'ann'); INSERT INTO posts VALUES (10, 1); INSERT INTO likes VALUES (1, 11), (2, 10)"
expect_eq "$(rows "$FK")" "$ROWS_BEFORE"
run downgrade -1; expect_rc 0
expect_eq "$(types "$FK")" "$TYPES_BEFORE"
expect_eq "$(keys "$FK")" "$KEYS_BEFORE"
expect_eq "$(rows "$FK")" "$ROWS_BEFORE"
# The offline script does the same on a database built by it.
FKOFF="$(fresh_my_url fk_off)"
run upgrade head --sql --dialect mysql; expect_rc 0
echo "$OUT" >up.sql
my_client "${FKOFF##*/}" <up.sql >/dev/null 2>client.err || fail "the mariadb client rejected the script: $(cat client.err)"
expect_eq "$(keys "$FKOFF")" "$KEYS_BEFORE"
expect_eq "$(types "$FKOFF")" "likes.post_id:int likes.user_id:bigint posts.id:int posts.user_id:bigint users.id:bigint users.name:varchar "

finish
