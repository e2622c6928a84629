# Issue 11: keys come back as PostgreSQL holds them. A few tables taken from OpenStreetMap
# (composite keys in non-column order) and danbooru (DEFERRABLE INITIALLY DEFERRED foreign
# keys; OpenStreetMap's NOT VALID foreign keys, added without checking the rows there), loaded
# with psql: inspect -> check clean -> autogenerate into an empty schema -> upgrade head -> the
# keys compared from the catalogs (order, name, deferrability, validation).
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

HAND="$(fresh_pg_url keys_hand)"
pg_sql "$HAND" "
CREATE TABLE relations (
  relation_id bigint NOT NULL,
  changeset_id bigint NOT NULL,
  version bigint NOT NULL,
  visible boolean DEFAULT true NOT NULL
);
ALTER TABLE ONLY relations ADD CONSTRAINT relations_pkey PRIMARY KEY (relation_id, version);
CREATE TABLE relation_tags (
  relation_id bigint NOT NULL,
  k character varying NOT NULL,
  v character varying NOT NULL,
  version bigint NOT NULL
);
ALTER TABLE ONLY relation_tags ADD CONSTRAINT relation_tags_pkey PRIMARY KEY (relation_id, version, k);
ALTER TABLE ONLY relation_tags ADD CONSTRAINT relation_tags_id_fkey FOREIGN KEY (relation_id, version) REFERENCES relations(relation_id, version);
CREATE TABLE users (id integer NOT NULL, name character varying NOT NULL);
ALTER TABLE ONLY users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
CREATE TABLE tag_aliases (
  id integer NOT NULL,
  antecedent_name character varying NOT NULL,
  creator_id integer NOT NULL,
  approver_id integer
);
ALTER TABLE ONLY tag_aliases ADD CONSTRAINT tag_aliases_key PRIMARY KEY (id);
ALTER TABLE ONLY tag_aliases ADD CONSTRAINT fk_rails_0157a2fd88 FOREIGN KEY (creator_id) REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY tag_aliases ADD CONSTRAINT fk_rails_approver FOREIGN KEY (approver_id) REFERENCES users(id) DEFERRABLE;
ALTER TABLE ONLY tag_aliases ADD CONSTRAINT uq_tag_aliases_name UNIQUE (antecedent_name) DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE oauth_tokens (id integer PRIMARY KEY, owner_id integer);
INSERT INTO oauth_tokens VALUES (1, 999);
ALTER TABLE ONLY oauth_tokens ADD CONSTRAINT fk_rails_cc886e315a FOREIGN KEY (owner_id) REFERENCES users(id) NOT VALID;
" >/dev/null

# The keys as the catalog has them: table, name, type, columns in key order, deferrable,
# deferred, validated.
keys_of() {
  local schema="${1##*search_path%3D}"
  psql_run -c "SELECT c.relname, con.conname, con.contype,
      array_to_string(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i), ','),
      con.condeferrable, con.condeferred, con.convalidated
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = '$schema' AND c.relname NOT LIKE 'migratecpp%' AND con.contype IN ('p', 'u', 'f')
    ORDER BY 1, 2"
}

run init; expect_rc 0
run --url "$HAND" inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has 'primary_key = { columns = ["relation_id", "version", "k"] }'
expect_out_has 'primary_key = { name = "tag_aliases_key", columns = ["id"] }'
expect_out_has 'name = "fk_rails_0157a2fd88", columns = ["creator_id"], ref_table = "users", ref_columns = ["id"], deferrable = true, initially_deferred = true }'
expect_out_has 'name = "fk_rails_approver", columns = ["approver_id"], ref_table = "users", ref_columns = ["id"], deferrable = true }'
expect_out_has '{ name = "uq_tag_aliases_name", columns = ["antecedent_name"], deferrable = true, initially_deferred = true }'
expect_out_has 'name = "fk_rails_cc886e315a", columns = ["owner_id"], ref_table = "users", ref_columns = ["id"], not_valid = true }'
# The key in column order with the default name stays the columns' flag.
expect_out_has '{ name = "id", type = "integer", primary_key = true }'
run --url "$HAND" check; expect_rc 0

use_fresh_pg keys_new
run revision --autogenerate -m "keys"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(keys_of "$URL")" "$(keys_of "$HAND")"
expect_eq "$(keys_of "$URL" | grep '^relation_tags|relation_tags_pkey')" "relation_tags|relation_tags_pkey|p|relation_id,version,k|f|f|t"
# The NOT VALID key is one again: a row the key would refuse, copied in before, stays.
expect_eq "$(keys_of "$URL" | grep '^oauth_tokens|fk_rails')" "oauth_tokens|fk_rails_cc886e315a|f|owner_id|f|f|f"

# A changed key order and name: one alter_primary_key, and back.
sed -i 's|primary_key = { columns = \["relation_id", "version", "k"\] }|primary_key = { name = "relation_tags_by_k", columns = ["k", "relation_id", "version"] }|' models/schema.toml
run revision --autogenerate -m "reorder"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(keys_of "$URL" | grep '^relation_tags|relation_tags_by_k')" "relation_tags|relation_tags_by_k|p|k,relation_id,version|f|f|t"
run downgrade -1; expect_rc 0
expect_eq "$(keys_of "$URL" | grep '^relation_tags|relation_tags_pkey')" "relation_tags|relation_tags_pkey|p|relation_id,version,k|f|f|t"
run downgrade base; expect_rc 0

finish
