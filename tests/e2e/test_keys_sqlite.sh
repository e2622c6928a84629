# Issue 11: keys come back as SQLite holds them: composite keys in their own order (from
# OpenStreetMap), named keys, and DEFERRABLE INITIALLY DEFERRED foreign keys (from danbooru),
# made with the sqlite3 shell: inspect -> check clean -> autogenerate into an empty database ->
# upgrade head -> the keys compared from the catalogs and the stored table text.
source "$(dirname "$0")/lib.sh" "$@"

sqlite3 hand.db <<'SQL'
CREATE TABLE relations (
  relation_id bigint NOT NULL,
  changeset_id bigint NOT NULL,
  version bigint NOT NULL,
  CONSTRAINT relations_pkey PRIMARY KEY (relation_id, version)
);
CREATE TABLE relation_tags (
  relation_id bigint NOT NULL,
  k varchar NOT NULL,
  v varchar NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (relation_id, version, k),
  CONSTRAINT relation_tags_id_fkey FOREIGN KEY (relation_id, version) REFERENCES relations (relation_id, version)
);
CREATE TABLE users (id integer PRIMARY KEY, name varchar NOT NULL);
CREATE TABLE tag_aliases (
  id integer CONSTRAINT tag_aliases_key PRIMARY KEY,
  creator_id integer NOT NULL CONSTRAINT fk_rails_0157a2fd88 REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  approver_id integer,
  CONSTRAINT fk_rails_approver FOREIGN KEY (approver_id) REFERENCES users (id) DEFERRABLE
);
INSERT INTO users VALUES (1, 'a');
SQL

# Each table's key in key order, and the DEFERRABLE clauses of the stored text.
keys_of() {
  sqlite3 "$1" "SELECT t, group_concat(c, ',') FROM (SELECT m.name AS t, p.name AS c
      FROM sqlite_master m JOIN pragma_table_info(m.name) p
      WHERE m.type = 'table' AND m.name NOT LIKE 'migratecpp%' AND p.pk > 0
      ORDER BY m.name, p.pk) GROUP BY t ORDER BY t" | sed 's/|/:/'
  sqlite3 "$1" "SELECT name, instr(sql, 'CONSTRAINT \"tag_aliases_key\" PRIMARY KEY') > 0
      OR instr(sql, 'CONSTRAINT tag_aliases_key PRIMARY KEY') > 0,
      (length(sql) - length(replace(sql, 'DEFERRABLE INITIALLY DEFERRED', ''))) / 29,
      (length(sql) - length(replace(sql, 'DEFERRABLE', ''))) / 10
    FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'migratecpp%' ORDER BY name"
}

run init; expect_rc 0
run --url sqlite:///hand.db inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has 'primary_key = { columns = ["relation_id", "version", "k"] }'
expect_out_has 'primary_key = { name = "relations_pkey", columns = ["relation_id", "version"] }'
expect_out_has 'primary_key = { name = "tag_aliases_key", columns = ["id"] }'
expect_out_has 'name = "fk_rails_0157a2fd88", columns = ["creator_id"], ref_table = "users", ref_columns = ["id"], deferrable = true, initially_deferred = true }'
expect_out_has 'name = "fk_rails_approver", columns = ["approver_id"], ref_table = "users", ref_columns = ["id"], deferrable = true }'
run --url sqlite:///hand.db check; expect_rc 0

run revision --autogenerate -m "keys"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(keys_of app.db)" "$(keys_of hand.db)"
expect_eq "$(keys_of app.db | grep '^relation_tags:')" "relation_tags:relation_id,version,k"
# Deferred: a child before its parent in one transaction commits.
sqlite3 app.db "PRAGMA foreign_keys = ON; BEGIN; INSERT INTO tag_aliases (id, creator_id) VALUES (1, 7); INSERT INTO users VALUES (7, 'late'); COMMIT;"
expect_eq "$(sqlite3 app.db 'SELECT count(*) FROM tag_aliases')" "1"

# Rebuilds (the key's order changes; a column's type changes) keep the deferrable foreign keys.
sed -i 's|primary_key = { columns = \["relation_id", "version", "k"\] }|primary_key = { columns = ["k", "relation_id", "version"] }|' models/schema.toml
sed -i 's|{ name = "approver_id", type = "integer" }|{ name = "approver_id", type = "bigint" }|' models/schema.toml
run revision --autogenerate -m "reorder"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(keys_of app.db | grep '^relation_tags:')" "relation_tags:k,relation_id,version"
expect_eq "$(keys_of app.db | grep '^tag_aliases|')" "tag_aliases|1|1|2"
run downgrade -1; expect_rc 0
expect_eq "$(keys_of app.db)" "$(keys_of hand.db)"
run downgrade base; expect_rc 0

finish
