# Issue 12: adopting a database that exists, with rows, without touching it (docs/adopting.md).
# inspect writes models of it -> check is clean -> a baseline revision is generated from the
# models against an empty database -> `stamp head` records it on the existing one (no DDL, the
# rows untouched) -> the next change is an ordinary revision -> the baseline also builds a new
# database that checks clean. Runs on each database (MIGRATECPP_E2E_DB).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db adopted
q "CREATE TABLE customers (id integer NOT NULL PRIMARY KEY, name varchar(100) NOT NULL);
   CREATE TABLE orders (id integer NOT NULL PRIMARY KEY, customer_id integer NOT NULL,
     total integer, FOREIGN KEY (customer_id) REFERENCES customers (id));
   CREATE INDEX ix_orders_customer ON orders (customer_id);
   INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace');
   INSERT INTO orders VALUES (10, 1, 250), (11, 2, 75);" >/dev/null
SCHEMA_BEFORE="$(db_schema)"

# 1. Models from the live database, which then matches them.
run inspect; expect_rc 0
echo "$OUT" >models/schema.toml
expect_out_has 'name = "customers"'
expect_out_has 'name = "ix_orders_customer"'
run check; expect_rc 0

# 2. The baseline: the models against an empty database, as one revision.
EMPTY="$(fresh_db_url baseline_scratch)"
run --url "$EMPTY" revision --autogenerate -m "baseline"; expect_rc 0
BASELINE="$(ls migrations/versions/*_baseline.toml)"
expect_eq "$(grep -c 'op = "create_table"' "$BASELINE")" 2

# 3. Stamped on the existing database: no DDL, rows untouched, history says stamp.
run stamp head; expect_rc 0
run current; expect_rc 0
expect_out_has "(head)"
expect_eq "$(db_schema | grep -vi migratecpp)" "$(grep -vi migratecpp <<<"$SCHEMA_BEFORE")"
expect_eq "$(q "SELECT count(*) FROM orders")" "2"
run log; expect_rc 0
expect_out_has "stamp"
run check; expect_rc 0
run upgrade head; expect_rc 0 # nothing to run

# 4. The next change is an ordinary revision on top of the baseline; rows kept.
sed -i 's|^\(  { name = "total", type = "[a-z0-9()]*" },\)$|\1\n  { name = "note", type = "varchar(200)" },|' models/schema.toml
expect_eq "$(grep -c '"note"' models/schema.toml)" 1
run revision --autogenerate -m "order notes"; expect_rc 0
expect_eq "$(grep -c 'op = "add_column"' migrations/versions/*_order_notes.toml)" 1
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(q "SELECT id, total FROM orders ORDER BY id" | tr '\n' ' ')" "10|250 11|75 "
run downgrade -1; expect_rc 0
expect_eq "$(q "SELECT count(*) FROM customers")" "2"

# 5. A new database (a test environment, a new tenant) is built by the same revisions.
FRESH="$(fresh_db_url adopted_fresh)"
run --url "$FRESH" upgrade head; expect_rc 0
run --url "$FRESH" check; expect_rc 0
# 6. An Alembic-managed database keeps its revision id: the baseline is written with it.
if db_is sqlite; then
  mkdir alembic_project && cd alembic_project
  run init; expect_rc 0
  sqlite3 app.db "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
    INSERT INTO alembic_version VALUES ('ae1027a6acf');
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO users VALUES (1, 'x');"
  sed -i 's/^version_table = .*/version_table = "alembic_version"/' migratecpp.toml
  run inspect; expect_rc 0
  echo "$OUT" >models/schema.toml
  run --url "sqlite:///$WORK/alembic_empty.db" revision --autogenerate -m baseline --rev-id ae1027a6acf
  expect_rc 0
  run current; expect_rc 0
  expect_out "ae1027a6acf (head)"
  run check; expect_rc 0
  run upgrade head; expect_rc 0
  expect_eq "$(sqlite3 app.db "SELECT version_num FROM alembic_version")" "ae1027a6acf"
  expect_eq "$(sqlite3 app.db "SELECT count(*) FROM users")" "1"
  cd ..
fi
finish
