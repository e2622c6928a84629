# The workflow on a real MariaDB / MySQL server: init, revisions, upgrade, current,
# downgrade, autogenerate + a clean check, a failing third op undone op by op (no
# transactional DDL), --sql scripts run by the mariadb client giving the same schema as
# online, and inspect of a database built by hand.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"

URL="$(fresh_my_url main)"
export MIGRATECPP_URL="$URL"
run init; expect_rc 0

write_rev 0001 r1 '""' "items" '
[[upgrade]]
op = "create_table"
table = "items"
columns = [
  { name = "id", type = "bigint", primary_key = true, autoincrement = true },
  { name = "name", type = "varchar(100)", nullable = false, comment = "shown" },
  { name = "flag", type = "boolean", nullable = false, default = "FALSE" },
]

[[upgrade]]
op = "bulk_insert"
table = "items"
rows = [ { name = "one" }, { name = "two" }, { name = "back\\slash \"dq\"" } ]

[[downgrade]]
op = "drop_table"
table = "items"
'
run upgrade head; expect_rc 0
expect_eq "$(my_sql "$URL" 'select count(*) from items')" "3"
expect_eq "$(my_sql "$URL" "select name = concat('back', char(92), 'slash \"dq\"') from items where id = 3")" "1"
run current; expect_out "r1 (head)"
expect_not_anywhere "$MY_PASS@"

# The third op fails: MySQL has committed the first two already, so they are undone op by
# op, newest first; the version table stays at r1 and the message says what was undone.
write_rev 0002 r2 '"r1"' "breaks" '
[[upgrade]]
op = "add_column"
table = "items"
column = { name = "price", type = "numeric(10,2)" }

[[upgrade]]
op = "create_index"
table = "items"
name = "ix_items_name"
columns = ["name"]

[[upgrade]]
op = "create_index"
table = "nowhere"
name = "ix_nowhere"
columns = ["x"]
'
before="$(my_sql "$URL" 'show create table items')"
run upgrade head; expect_rc 1
expect_err_has "upgrade op #3 (create_index on 'nowhere') failed"
expect_err_has "(MySQL error 1146) [SQLSTATE 42S02]"
expect_err_has "undone: the database is at r1"
expect_err_has "could not undo: nothing"
expect_eq "$(my_sql "$URL" 'show create table items')" "$before"
expect_eq "$(my_sql "$URL" 'select version_num from migratecpp_version')" "r1"
rm migrations/versions/0002.toml
# A later upgrade starts cleanly.
write_rev 0002 r2 '"r1"' "price" '
[[upgrade]]
op = "add_column"
table = "items"
column = { name = "price", type = "numeric(10,2)", default = "0" }

[[upgrade]]
op = "alter_column"
table = "items"
column = "name"
new_name = "label"

[[downgrade]]
op = "alter_column"
table = "items"
column = "label"
new_name = "name"

[[downgrade]]
op = "drop_column"
table = "items"
column = "price"
'
run upgrade head; expect_rc 0
run current; expect_out "r2 (head)"
# The rename kept the comment and NOT NULL (no MODIFY restating a partial definition).
expect_eq "$(my_sql "$URL" "select concat(is_nullable, ':', column_comment) from information_schema.columns where table_schema = database() and column_name = 'label'")" "NO:shown"
run downgrade r1; expect_rc 0
run current; expect_out "r1"
expect_eq "$(my_sql "$URL" "select concat(is_nullable, ':', column_comment) from information_schema.columns where table_schema = database() and column_name = 'name'")" "NO:shown"
run upgrade head; expect_rc 0

# Autogenerate: the models as inspect writes them, then a change, then a clean check.
run inspect; expect_rc 0
echo "$OUT" > models/schema.toml
run check; expect_rc 0
cat >> models/schema.toml <<'TOML'

[[table]]
name = "tags"
columns = [
  { name = "id", type = "int unsigned", primary_key = true, autoincrement = true },
  { name = "item_id", type = "bigint", nullable = false },
  { name = "label", type = "varchar(40)", nullable = false },
  { name = "kind", type = "enum('a','b')", default = "'a'" },
  { name = "body", type = "text" },
  { name = "at", type = "timestamp", nullable = false, default = "CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP" },
]
indexes = [ { name = "ix_tags_body", columns = ["body"] }, { name = "ft_tags_label", columns = ["label"], method = "fulltext" } ]
foreign_keys = [ { name = "fk_tags_item", columns = ["item_id"], ref_table = "items", ref_columns = ["id"], on_delete = "cascade" } ]
TOML
run check; expect_rc 1
run revision --autogenerate -m "tags"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
run downgrade -1; expect_rc 0
run check; expect_rc 1
run upgrade head; expect_rc 0

# Offline: the script the mariadb client runs gives the same schema as the online upgrade.
OFF="$(fresh_my_url offline)"
run upgrade head --sql --dialect mysql; expect_rc 0
expect_out_has "START TRANSACTION;"
expect_out_has "SET SESSION sql_mode ="
echo "$OUT" > up.sql
# A client whose session has NO_BACKSLASH_ESCAPES and ANSI_QUOTES: the script's first
# statement takes them out, so the rows hold what they hold online.
my_client --init-command="SET SESSION sql_mode = 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES'" "${OFF##*/}" < up.sql >/dev/null 2>client.err || fail "the mariadb client rejected the script: $(cat client.err)"
for t in items tags migratecpp_version; do
  expect_eq "$(my_sql "$OFF" "show create table $t")" "$(my_sql "$URL" "show create table $t")"
done
expect_eq "$(my_sql "$OFF" "select * from items order by id")" "$(my_sql "$URL" "select * from items order by id")"
run --url "$OFF" current; expect_rc 0; expect_out_has "(head)"
run --url "$OFF" check; expect_rc 0

# A database built by hand with the mariadb client: inspect -> models -> upgrade an empty one
# -> check clean, and the two SHOW CREATE TABLE agree. With generated columns (VIRTUAL and
# STORED) and tables whose ENGINE, CHARSET, COLLATE and ROW_FORMAT are not the defaults.
HAND="$(fresh_my_url hand)"
my_sql "$HAND" "
CREATE TABLE orgs (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE,
  created DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3)) COMMENT 'organisations';
CREATE TABLE people (
  id BIGINT NOT NULL PRIMARY KEY,
  org_id INT UNSIGNED NOT NULL,
  email VARCHAR(255) NOT NULL COMMENT 'login',
  active TINYINT(1) NOT NULL DEFAULT 1,
  feeling ENUM('sad','ok','happy') DEFAULT 'ok',
  perms SET('r','w','x'),
  score DECIMAL(10,2) DEFAULT 0,
  note TEXT,
  updated TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_people_note (note(100)),
  FULLTEXT KEY ft_people_email (email),
  CONSTRAINT fk_people_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE,
  CONSTRAINT ck_people_score CHECK (score >= 0)
);
CREATE TABLE shapes (
  id INT NOT NULL PRIMARY KEY,
  w INT NOT NULL,
  h INT NOT NULL,
  area INT AS (w * h) VIRTUAL COMMENT 'computed',
  label VARCHAR(40) GENERATED ALWAYS AS (CONCAT('shape ', id)) STORED,
  KEY ix_shapes_area (area)
);
CREATE TABLE legacy (id INT NOT NULL PRIMARY KEY, name VARCHAR(30))
  ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_general_ci ROW_FORMAT=DYNAMIC;
CREATE TABLE compact (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB ROW_FORMAT=COMPACT;" >/dev/null
run --url "$HAND" inspect; expect_rc 0
echo "$OUT" > hand.toml
expect_out_has 'generated = { expression = "`w` * `h`", stored = false }'
expect_out_has 'generated = { expression = "concat('"'"'shape '"'"',`id`)", stored = true }'
expect_out_has 'options = { engine = "MyISAM", charset = "latin1", collate = "latin1_general_ci", row_format = "DYNAMIC" }'
expect_out_has 'options = { row_format = "COMPACT" }'
EMPTY="$(fresh_my_url empty)"
mkdir -p v2/migrations/versions v2/models && cp migrations/script.toml.tmpl v2/migrations/
cp hand.toml v2/models/schema.toml
sed -e "s#script_location = \"migrations\"#script_location = \"v2/migrations\"#" \
    -e "s#\"models/#\"v2/models/#" migratecpp.toml > v2.toml
run -c v2.toml --url "$EMPTY" revision --autogenerate -m "from hand"; expect_rc 0
run -c v2.toml --url "$EMPTY" upgrade head; expect_rc 0
run -c v2.toml --url "$EMPTY" check; expect_rc 0
for t in orgs people shapes legacy compact; do
  expect_eq "$(my_sql "$EMPTY" "show create table $t")" "$(my_sql "$HAND" "show create table $t")"
done
run -c v2.toml --url "$EMPTY" downgrade base; expect_rc 0
run -c v2.toml --url "$EMPTY" inspect; expect_out ""

finish
