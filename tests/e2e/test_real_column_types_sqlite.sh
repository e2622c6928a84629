# jOOQ sakila on SQLite (tests/corpus/real), plus a table with what sakila lacks (a column
# without a declared type, a COLLATE, a one-column INT key, types in lower case, key columns
# declared without NOT NULL, which SQLite lets hold NULL): inspect -> check clean against it
# -> autogenerate into an empty database -> upgrade head -> every column declares the same type
# and collation as in the original, and the INT key is still no rowid alias.
source "$(dirname "$0")/lib.sh" "$@"

sqlite3 orig.db <"$SRC/tests/corpus/real/sakila.sqlite.sql" || fail "loading sakila"
sqlite3 orig.db <<'SQL' || fail "loading the extra table"
CREATE TABLE extra (
  id INT PRIMARY KEY NOT NULL,
  untyped,
  name TEXT COLLATE NOCASE NOT NULL,
  code VARCHAR(10) COLLATE RTRIM,
  born DATETIME,
  price DECIMAL(10,2),
  low varchar(12),
  small smallint NOT NULL DEFAULT 0
);
INSERT INTO extra (id, untyped, name) VALUES (5, x'00', 'a');
CREATE TABLE keyed (code text PRIMARY KEY, n integer);
CREATE TABLE pairs (a TEXT, b INT, note text, PRIMARY KEY (b, a));
CREATE TABLE alias (id INTEGER PRIMARY KEY, v text);
INSERT INTO keyed (code, n) VALUES (NULL, 1);
SQL

run init; expect_rc 0
run --url sqlite:///orig.db inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has '{ name = "actor_id", type = "INT", primary_key = true }'
expect_out_has '{ name = "rental_rate", type = "DECIMAL(4,2)", nullable = false, default = "4.99" }'
expect_out_has '{ name = "untyped", type = "" }'
expect_out_has '{ name = "name", type = "TEXT", collation = "NOCASE", nullable = false }'
expect_out_has '{ name = "low", type = "varchar(12)" }'
expect_out_has '{ name = "code", type = "text", nullable = true, primary_key = true }'
run --url sqlite:///orig.db check; expect_rc 0

run revision --autogenerate -m "from sakila"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0

# Declared types as SQLite keeps them, and the column text each CREATE TABLE holds (COLLATE).
columns() {
  sqlite3 "$1" "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.pk FROM sqlite_master m,
    pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
    AND m.name NOT LIKE 'migratecpp%' ORDER BY m.name, p.cid"
}
expect_eq "$(columns app.db)" "$(columns orig.db)"
expect_eq "$(sqlite3 app.db "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%COLLATE NOCASE%'")" "1"
expect_eq "$(sqlite3 app.db "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%COLLATE RTRIM%'")" "1"
# INT PRIMARY KEY: the key is a column of its own, not the rowid.
sqlite3 app.db "INSERT INTO extra (id, name) VALUES (5, 'a')"
expect_eq "$(sqlite3 app.db 'SELECT rowid, id FROM extra')" "1|5"
# A key column declared without NOT NULL takes a NULL, as in the original.
sqlite3 app.db "INSERT INTO keyed (code, n) VALUES (NULL, 1)" || fail "keyed: a NULL key was refused"
expect_eq "$(sqlite3 app.db 'SELECT count(*) FROM keyed WHERE code IS NULL')" "1"
# NOCASE compares as in the original.
expect_eq "$(sqlite3 app.db "SELECT count(*) FROM extra WHERE name = 'A'")" "1"
finish
