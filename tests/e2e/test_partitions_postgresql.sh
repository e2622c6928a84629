# Issue 11: PostgreSQL declarative partitioning. A range-partitioned table with a default
# partition, a sub-partitioned one (list) and rows, an index and a foreign key on the parent
# (which the server gives every partition), a local index on one partition, and a table whose
# foreign key references the partitioned table: inspect -> check clean -> autogenerate into an
# empty schema -> upgrade -> check clean -> the partitions, bounds and indexes compared from the
# catalogs -> rows copied through the parent land in the same partitions -> a partition added
# in a new revision, downgraded -> a changed partition_by refused.
source "$(dirname "$0")/lib.sh" "$@"
source "$E2E_DIR/pg_lib.sh"

HAND="$(fresh_pg_url part_hand)"
pg_sql "$HAND" "
CREATE TABLE cities (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO cities VALUES (1, 'Oslo'), (2, 'Lima');
CREATE TABLE measurement (
  id bigint NOT NULL,
  city_id integer NOT NULL REFERENCES cities (id),
  logdate date NOT NULL,
  peak integer DEFAULT 0 NOT NULL,
  PRIMARY KEY (logdate, city_id, id)
) PARTITION BY RANGE (logdate);
CREATE INDEX measurement_city ON measurement (city_id);
CREATE TABLE m2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX m2024_peak ON m2024 (peak);
CREATE TABLE m2025 PARTITION OF measurement FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
  PARTITION BY LIST (city_id);
CREATE TABLE m2025_oslo PARTITION OF m2025 FOR VALUES IN (1);
CREATE TABLE m2025_rest PARTITION OF m2025 DEFAULT;
CREATE TABLE m_default PARTITION OF measurement DEFAULT;
INSERT INTO measurement VALUES (1, 1, '2024-03-01', 5), (2, 2, '2025-02-01', 7),
  (3, 1, '2025-06-01', 9), (4, 2, '2031-01-01', 1);
CREATE TABLE alerts (
  id integer PRIMARY KEY,
  logdate date NOT NULL,
  city_id integer NOT NULL,
  measurement_id bigint NOT NULL,
  FOREIGN KEY (logdate, city_id, measurement_id) REFERENCES measurement (logdate, city_id, id)
);
INSERT INTO alerts VALUES (1, '2025-02-01', 2, 2);
" >/dev/null

# Partitions with their parents and bounds; indexes with their tables; rows per partition.
schema_of() { echo "${1##*search_path%3D}"; }
partitions_of() {
  psql_run -c "SELECT c.relname, p.relname, pg_get_expr(c.relpartbound, c.oid),
      CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent
    WHERE n.nspname = '$(schema_of "$1")' AND c.relkind IN ('r', 'p')
      AND c.relname NOT LIKE 'migratecpp%' ORDER BY 1"
}
indexes_of() {
  psql_run -c "SELECT t.relname, i.relname, pg_get_indexdef(i.oid) LIKE '% ON ONLY %'
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = '$(schema_of "$1")' AND t.relname NOT LIKE 'migratecpp%' ORDER BY 1, 2"
}
rows_of() {
  psql_run -c "SELECT tableoid::regclass::text, id, city_id, logdate, peak
    FROM \"$(schema_of "$1")\".measurement ORDER BY id" | sed "s/^$(schema_of "$1")\.//"
}

run init; expect_rc 0
run --url "$HAND" inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has 'partition_by = "RANGE (logdate)"'
expect_out_has "partition_bound = \"FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')\""
expect_out_has 'partition_bound = "DEFAULT"'
expect_out_has 'partition_by = "LIST (city_id)"'
expect_out_has "partition_bound = \"FOR VALUES IN (1)\""
expect_out_has 'partition_of = "m2025"'
expect_out_has '{ name = "m2024_peak", columns = ["peak"] }'
# A partition holds only its own: no columns, no copy of the parent's index, key or key.
expect_eq "$(grep -c 'name = "peak"' models/schema.toml)" 1
expect_eq "$(grep -c 'name = "measurement_city"\|city_id_idx' models/schema.toml)" 1
expect_eq "$(grep -c 'ref_table = "cities"' models/schema.toml)" 1
expect_not_anywhere "not in the models"
run --url "$HAND" check; expect_rc 0

use_fresh_pg part_new
run revision --autogenerate -m "partitions"; expect_rc 0
REV1="$(ls migrations/versions/*_partitions.toml)"
run upgrade head --sql; expect_rc 0
expect_out_has 'CREATE TABLE "m2025" PARTITION OF "measurement" FOR VALUES FROM'
expect_out_has "PARTITION BY LIST (city_id)"
expect_out_has 'CREATE TABLE "m_default" PARTITION OF "measurement" DEFAULT'
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(partitions_of "$URL")" "$(partitions_of "$HAND")"
expect_eq "$(indexes_of "$URL")" "$(indexes_of "$HAND")"
# Rows go in through the parent and land in the same partitions; the foreign key to the
# partitioned table holds.
psql_run -c "INSERT INTO \"$(schema_of "$URL")\".cities SELECT * FROM \"$(schema_of "$HAND")\".cities;
  INSERT INTO \"$(schema_of "$URL")\".measurement SELECT * FROM \"$(schema_of "$HAND")\".measurement;
  INSERT INTO \"$(schema_of "$URL")\".alerts SELECT * FROM \"$(schema_of "$HAND")\".alerts" >/dev/null
expect_eq "$(rows_of "$URL")" "$(rows_of "$HAND")"
expect_eq "$(rows_of "$URL" | cut -d'|' -f1 | tr '\n' ' ')" "m2024 m2025_rest m2025_oslo m_default "

# A new partition in a new revision: CREATE TABLE ... PARTITION OF, dropped on downgrade
# (detached first: the foreign key that references the partitioned table reaches it).
cp models/schema.toml "$WORK/models.before"
cat >>models/schema.toml <<'TOML'

[[table]]
name = "m2026"
partition_of = "measurement"
partition_bound = "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"
indexes = [ { name = "m2026_peak", columns = ["peak"] } ]
TOML
run revision --autogenerate -m "m2026"; expect_rc 0
REV2="$(ls migrations/versions/*_m2026.toml)"
expect_eq "$(grep -c 'op = "create_table"' "$REV2")" 1
expect_eq "$(grep -c 'partition_of = "measurement"' "$REV2")" 2 # create, and the downgrade's drop
run upgrade head; expect_rc 0
run check; expect_rc 0
psql_run -c "INSERT INTO \"$(schema_of "$URL")\".measurement VALUES (5, 1, '2026-05-01', 3)" >/dev/null
expect_eq "$(rows_of "$URL" | grep '^m2026|5|')" "m2026|5|1|2026-05-01|3"
psql_run -c "DELETE FROM \"$(schema_of "$URL")\".measurement WHERE id = 5" >/dev/null
run downgrade -1; expect_rc 0
expect_eq "$(partitions_of "$URL" | grep -c '^m2026|')" 0
expect_eq "$(rows_of "$URL")" "$(rows_of "$HAND")"
rm "$REV2"
cp "$WORK/models.before" models/schema.toml
run check; expect_rc 0

# How a table is partitioned cannot change in place: refused, nothing written.
sed -i 's|partition_by = "RANGE (logdate)"|partition_by = "LIST (city_id)"|' models/schema.toml
run revision --autogenerate -m "repartition"; expect_rc 1
expect_err_has "table 'measurement': partition_by changes from 'RANGE (logdate)' to 'LIST (city_id)': a table cannot be partitioned differently in place"
expect_eq "$(ls migrations/versions | grep -c repartition)" 0

# A partition's bound is not moved either.
sed -i 's|partition_by = "LIST (city_id)"|partition_by = "RANGE (logdate)"|' models/schema.toml
sed -i "s|FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')|FOR VALUES FROM ('2023-01-01') TO ('2025-01-01')|" models/schema.toml
run check; expect_rc 1
expect_err_has "table 'm2024': its partition bound changes from"
cp "$WORK/models.before" models/schema.toml

# Down to base with the rows there: the table referencing the partitioned one goes first.

run downgrade base; expect_rc 0
expect_eq "$(partitions_of "$URL")" ""
[ -n "$REV1" ] || fail "no first revision"

finish
